// What the data-inspection widget prints, computed from data (here small synthetic splits).
import { describe, expect, it } from 'vitest';
import { formatMB, imageRgba, inspectionFacts, progressText, readyText, type Mnist, type MnistSplit } from '../../src/lib/mnist';
import type { MnistLoadInfo } from '../../src/lib/mnist/load';

const split = (name: 'train' | 'test', count: number, lo: number, hi: number): MnistSplit => {
  const images = new Uint8Array(count * 4).fill(lo);
  images[images.length - 1] = hi;
  return { name, count, rows: 2, cols: 2, images, labels: new Uint8Array(count) };
};

describe('inspection facts', () => {
  it('are computed from the data, in the notebook\'s words', () => {
    const mnist: Mnist = { train: split('train', 3, 0, 255), test: split('test', 5, 0, 255) };
    expect(inspectionFacts(mnist)).toEqual([
      { label: 'Number of rows in the train dataset:', tex: 'N=3', text: 'N=3' },
      { label: 'Number of rows in the test dataset:', tex: 'N=5', text: 'N=5' },
      { label: 'Image size:', tex: '2\\times2', text: '2x2' },
      { label: "Pixel's value range:", tex: '[0.0, 1.0]', text: '[0.0, 1.0]' },
    ]);
    const dim: Mnist = { train: split('train', 1, 51, 102), test: split('test', 1, 0, 0) };
    expect(inspectionFacts(dim)[3].text).toBe('[0.2, 0.4]');
  });

  it('draws an image as opaque gray RGBA', () => {
    const s = split('train', 2, 10, 200);
    expect(Array.from(imageRgba(s, 1))).toEqual([10, 10, 10, 255, 10, 10, 10, 255, 10, 10, 10, 255, 200, 200, 200, 255]);
    expect(() => imageRgba(s, 2)).toThrow(/outside \[0, 2\)/);
  });

  it('describes progress and the finished load', () => {
    expect(progressText({ stage: 'manifest', loadedBytes: 0, totalBytes: 0, transferredBytes: 0 })).toBe('Looking up the MNIST files…');
    expect(progressText({ stage: 'download', file: 'train-images', loadedBytes: 2_500_000, totalBytes: 11_225_612, transferredBytes: 2_500_000 }))
      .toBe('Downloading MNIST: 2.5 MB of 11.2 MB (22%)');
    expect(progressText({ stage: 'verify', file: 'test-labels', loadedBytes: 11_225_612, totalBytes: 11_225_612, transferredBytes: 0 }))
      .toBe('Reading MNIST from the browser cache: 11.2 MB of 11.2 MB (100%), checked test-labels');
    const mnist: Mnist = { train: split('train', 60000, 0, 255), test: split('test', 10000, 0, 255) };
    const info = { fromCache: false, transferredBytes: 11_227_048, cached: true, ms: 2345 } as MnistLoadInfo;
    expect(readyText(mnist, info)).toBe('Ready: 70,000 images, 11.2 MB downloaded and verified in 2.3 s; kept for your next visit.');
    expect(readyText(mnist, { ...info, fromCache: true, transferredBytes: 0, ms: 400 })).toBe("Ready: 70,000 images from your browser's cache in 0.4 s (nothing downloaded).");
    expect(formatMB(0)).toBe('0.0 MB');
  });
});

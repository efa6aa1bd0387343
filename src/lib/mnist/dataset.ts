/** The loaded dataset and its pixel scaling to float32 [0, 1]. */
import type { PackedImages } from './packed-images';

export interface MnistSplit {
  name: 'train' | 'test';
  count: number;
  rows: number;
  cols: number;
  /** count images of rows × cols raw pixels 0..255, row-major, kept packed (packed-images.ts). */
  images: PackedImages;
  /** count labels, digits 0..9. */
  labels: Uint8Array;
}

export interface Mnist {
  train: MnistSplit;
  test: MnistSplit;
}

/** Raw bytes → float32 in [0, 1] (x / 255). */
export function scalePixels(raw: Uint8Array, out: Float32Array = new Float32Array(raw.length)): Float32Array {
  if (out.length < raw.length) throw new RangeError(`output holds ${out.length} values, need ${raw.length}`);
  for (let i = 0; i < raw.length; i++) out[i] = raw[i] / 255;
  return out;
}

/** Image `i` of a split as float32 [0, 1], rows × cols row-major. */
export function imagePixels(split: MnistSplit, i: number, out: Float32Array = new Float32Array(split.rows * split.cols)): Float32Array {
  split.images.scaleTo(i, out);
  return out;
}

/** The smallest and largest scaled pixel value over the whole split (as the notebook prints). */
export function pixelRange(split: MnistSplit): { min: number; max: number } {
  const { min, max } = split.images.range();
  return { min: min / 255, max: max / 255 };
}

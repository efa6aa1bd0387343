/** The loaded dataset and its pixel scaling to float32 [0, 1]. */

export interface MnistSplit {
  name: 'train' | 'test';
  count: number;
  rows: number;
  cols: number;
  /** count × rows × cols raw pixels 0..255, row-major. */
  images: Uint8Array;
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
export function imagePixels(split: MnistSplit, i: number, out?: Float32Array): Float32Array {
  if (!Number.isInteger(i) || i < 0 || i >= split.count) throw new RangeError(`image index ${i} is outside [0, ${split.count})`);
  const size = split.rows * split.cols;
  return scalePixels(split.images.subarray(i * size, (i + 1) * size), out);
}

/** The smallest and largest scaled pixel value over the whole split (as the notebook prints). */
export function pixelRange(split: MnistSplit): { min: number; max: number } {
  let lo = 255;
  let hi = 0;
  const px = split.images;
  for (let i = 0; i < px.length; i++) {
    const v = px[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return { min: lo / 255, max: hi / 255 };
}

/**
 * Mini-batches as tfjs tensors. tfjs is passed in (the namespace from a lazy `import()`), so this
 * module never pulls tfjs into a page by itself.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import type { TF } from '../tfjs/tf';


/** Images of rows × cols pixels with one label each: an MnistSplit (its PackedImages) fits. */
export interface ImageSource {
  /** Writes image i scaled to [0, 1] into `out` from `offset`. */
  images: { scaleTo(i: number, out: Float32Array, offset?: number): void };
  labels: Uint8Array;
  rows: number;
  cols: number;
}

export interface BatchOptions {
  /** Default 64, as in the notebook. The last batch holds the remainder. */
  batchSize?: number;
  /** true (default): ys is one-hot float32 [B, numClasses]; false: ys is int32 [B]. */
  oneHot?: boolean;
  /** Default 10. */
  numClasses?: number;
}

export interface Batch {
  /** float32 [B, rows, cols, 1], pixels scaled to [0, 1]. */
  xs: tfc.Tensor4D;
  /** Labels: one-hot float32 [B, numClasses] or int32 [B] (see BatchOptions.oneHot). */
  ys: tfc.Tensor;
  /** The labels as plain numbers, and which source images this batch holds. */
  labels: Int32Array;
  indices: Int32Array;
  /** 0-based batch number within this pass. */
  index: number;
}

export function batchCount(n: number, batchSize = 64): number {
  return Math.ceil(n / batchSize);
}

/**
 * Tensors for the images at `indices` (all of them, one batch). The caller owns and disposes them.
 */
let scratch = new Float32Array(0);
/**
 * Where a batch's pixels are scaled. The wasm backend copies a new tensor's values into its heap at
 * once, so one buffer serves every batch there: a fresh 200 KB array per step is garbage that V8
 * collects only after about 64 MB of it has piled up. Other backends may keep the array: a fresh one.
 */
function pixelBuffer(tf: TF, n: number): Float32Array {
  if (tf.getBackend() !== 'wasm') return new Float32Array(n);
  if (scratch.length < n) scratch = new Float32Array(n);
  return scratch.subarray(0, n);
}

export function toTensors(
  tf: TF,
  source: ImageSource,
  indices: ArrayLike<number>,
  opts: Pick<BatchOptions, 'oneHot' | 'numClasses'> = {},
): { xs: tfc.Tensor4D; ys: tfc.Tensor; labels: Int32Array } {
  const { rows, cols } = source;
  const size = rows * cols;
  const count = source.labels.length;
  const b = indices.length;
  const pixels = pixelBuffer(tf, b * size);
  const labels = new Int32Array(b);
  for (let k = 0; k < b; k++) {
    const i = indices[k];
    if (!Number.isInteger(i) || i < 0 || i >= count) throw new RangeError(`image index ${i} is outside [0, ${count})`);
    source.images.scaleTo(i, pixels, k * size);
    labels[k] = source.labels[i];
  }
  const xs = tf.tensor4d(pixels, [b, rows, cols, 1], 'float32');
  let ys: tfc.Tensor;
  if (opts.oneHot === false) {
    ys = tf.tensor1d(labels, 'int32');
  } else {
    const depth = opts.numClasses ?? 10;
    ys = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), depth), 'float32'));
  }
  return { xs, ys, labels };
}

/**
 * Yields batches over `order` (e.g. an epochOrder of the training split). Each batch's tensors
 * stay valid until the next batch is requested; they are disposed then, or when the loop ends
 * (break, return or throw), so a `for…of` loop leaks nothing. Clone a tensor to keep it longer.
 */
export function* batches(
  tf: TF,
  source: ImageSource,
  order: ArrayLike<number>,
  opts: BatchOptions = {},
): Generator<Batch, void, undefined> {
  const batchSize = opts.batchSize ?? 64;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const n = order.length;
  for (let start = 0, index = 0; start < n; start += batchSize, index++) {
    const indices = Int32Array.from({ length: Math.min(batchSize, n - start) }, (_, k) => order[start + k]);
    const { xs, ys, labels } = toTensors(tf, source, indices, opts);
    try {
      yield { xs, ys, labels, indices, index };
    } finally {
      tf.dispose([xs, ys]);
    }
  }
}

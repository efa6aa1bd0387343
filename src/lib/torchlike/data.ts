// Datasets and data loaders (torchvision's MNIST dataset and torch's DataLoader with a
// SubsetRandomSampler), over the one copy of MNIST in memory. Used by the notebook's cells, the
// host and the reference run.
import type * as tfc from '@tensorflow/tfjs-core';
import { pixelRange, type MnistSplit } from '../mnist';
import { batchCount, epochOrder, toTensors } from '../random';
import { boundTf } from './backend';

/** A list of images (indices into one MNIST split) that slices without copying pixels. */
export class ImageList {
  constructor(
    readonly split: MnistSplit,
    readonly indices: Int32Array,
  ) {}
  get length(): number {
    return this.indices.length;
  }
  slice(start?: number, end?: number): ImageList {
    return new ImageList(this.split, this.indices.slice(start, end));
  }
  /** Image k as float32 [rows × cols] in [0, 1]. */
  at(k: number): Float32Array {
    const size = this.split.rows * this.split.cols;
    const i = this.indices.at(k);
    if (i === undefined) throw new RangeError(`image ${k} is outside [0, ${this.length})`);
    const out = new Float32Array(size);
    this.split.images.scaleTo(i, out);
    return out;
  }
  /** float32 [N, rows, cols, 1] in [0, 1]; the caller disposes it. */
  toTensor(): tfc.Tensor4D {
    const { xs, ys } = toTensors(boundTf(), this.split, this.indices, { oneHot: false });
    ys.dispose();
    return xs;
  }
}

/** One split of MNIST as the notebook's torchvision dataset. */
export class Dataset {
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
  /** All images, in order; `images.slice(0, 20)` is the first twenty. */
  readonly images: ImageList;
  /** Labels as plain numbers (so `labels.map(...)` can build strings). */
  readonly labels: number[];
  constructor(readonly split: MnistSplit) {
    this.count = split.count;
    this.rows = split.rows;
    this.cols = split.cols;
    this.images = new ImageList(split, Int32Array.from({ length: split.count }, (_, i) => i));
    this.labels = Array.from(split.labels);
  }
  get length(): number {
    return this.count;
  }
  /** Smallest / largest pixel value after scaling to [0, 1]. */
  min(): number {
    return pixelRange(this.split).min;
  }
  max(): number {
    return pixelRange(this.split).max;
  }
}

export interface DataLoaderOptions {
  batchSize?: number;
  /** Which images (default: all, in order): the notebook's SubsetRandomSampler indices. */
  indices?: ArrayLike<number>;
  /** Reshuffle every pass, as SubsetRandomSampler does (seeded; pass k uses RandomState([seed, k])). */
  shuffle?: boolean;
  seed?: number;
  /** The share of the batches each pass yields (the notebook's epochScale, for quick runs); default 1. */
  fraction?: number;
}

/**
 * Iterating yields [images float32 [B, 28, 28, 1], labels int32 [B]] per batch. A batch's tensors
 * are freed when the loop moves to the next batch or ends, as Python frees them; keep a tensor
 * longer with tf.clone.
 */
export class DataLoader {
  readonly batchSize: number;
  readonly indices: Int32Array;
  readonly fraction: number;
  private passes = 0;
  private offset = 0;
  constructor(
    readonly dataset: Dataset,
    private readonly opts: DataLoaderOptions = {},
  ) {
    this.batchSize = opts.batchSize ?? 64;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) throw new RangeError(`DataLoader: batchSize must be a whole number ≥ 1, got ${opts.batchSize}`);
    this.fraction = opts.fraction ?? 1;
    if (!(this.fraction > 0 && this.fraction <= 1)) throw new RangeError(`DataLoader: fraction must be in (0, 1], got ${opts.fraction}`);
    this.indices = opts.indices ? Int32Array.from(opts.indices) : Int32Array.from({ length: dataset.count }, (_, i) => i);
  }

  /** Number of batches per pass. */
  get length(): number {
    return Math.max(1, Math.ceil(this.fraction * batchCount(this.indices.length, this.batchSize)));
  }

  /** Continue at batch `step` of an uninterrupted run: its pass and its position in that pass (a resumed run). */
  seek(step: number): void {
    if (!Number.isInteger(step) || step < 0) throw new RangeError(`DataLoader: step must be a whole number ≥ 0, got ${step}`);
    this.passes = Math.floor(step / this.length);
    this.offset = step % this.length;
  }

  *[Symbol.iterator](): Generator<[tfc.Tensor4D, tfc.Tensor1D]> {
    const tf = boundTf();
    const pass = this.passes++;
    const first = this.offset;
    this.offset = 0;
    const order = this.opts.shuffle ? epochOrder(this.indices, this.opts.seed ?? 0, pass) : this.indices;
    for (let b = first; b < this.length; b++) {
      const { xs, ys } = toTensors(tf, this.dataset.split, order.subarray(b * this.batchSize, (b + 1) * this.batchSize), { oneHot: false });
      try {
        yield [xs, ys as tfc.Tensor1D];
      } finally {
        tf.dispose([xs, ys]);
      }
    }
  }
}

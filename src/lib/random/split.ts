/** The notebook's train/validation split and seeded per-epoch orders. */
import { RandomState } from './mt19937';

export interface Split {
  /** Indices into the 60,000 training images, in permutation order (first n − validation). */
  train: Int32Array;
  /** The last `validation` indices of the permutation. */
  validation: Int32Array;
}

export interface SplitOptions {
  seed?: number;
  validation?: number;
}

/** The notebook's split: perm = RandomState(0).permutation(n); train = perm[:-1024], val = perm[-1024:]. */
export const NOTEBOOK_SPLIT = { n: 60000, seed: 0, validation: 1024 } as const;

export function notebookSplit(n: number = NOTEBOOK_SPLIT.n, opts: SplitOptions = {}): Split {
  const seed = opts.seed ?? NOTEBOOK_SPLIT.seed;
  const validation = opts.validation ?? NOTEBOOK_SPLIT.validation;
  if (!Number.isInteger(validation) || validation < 0 || validation > n) {
    throw new RangeError(`validation size must be an integer in [0, ${n}], got ${validation}`);
  }
  const perm = new RandomState(seed).permutation(n);
  return { train: perm.slice(0, n - validation), validation: perm.slice(n - validation) };
}

/**
 * The order of `indices` for one epoch: a copy shuffled by RandomState([seed, epoch]), so any epoch
 * can be reproduced on its own (e.g. after a reload) without replaying the earlier ones.
 */
export function epochOrder(indices: ArrayLike<number>, seed: number, epoch: number): Int32Array {
  if (!Number.isInteger(epoch) || epoch < 0) throw new RangeError(`epoch must be a non-negative integer, got ${epoch}`);
  return new RandomState([seed, epoch]).shuffle(Int32Array.from(indices));
}

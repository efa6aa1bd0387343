// True convolution y[n] = Σ x[n−m]·w[m] is cross-correlation with the kernel reversed.
import { conv1d, type Conv1dOptions } from './conv1d';

export function flipKernel1d(w: number[][][]): number[][][] {
  return w.map((perOut) => perOut.map((taps) => [...taps].reverse()));
}

/** Same output positions as conv1d, but with every kernel flipped: the convolution the lecture's note means. */
export function convolve1d(x: number[][], w: number[][][], b?: number[] | null, opts: Conv1dOptions = {}): number[][] {
  if (!Array.isArray(w)) return conv1d(x, w, b, opts); // let conv1d name the bad argument
  const flipped = w.every((o) => Array.isArray(o) && o.every(Array.isArray)) ? flipKernel1d(w) : w;
  return conv1d(x, flipped, b, opts);
}

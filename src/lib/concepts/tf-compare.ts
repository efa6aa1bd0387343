// Holding TensorFlow.js (32-bit floats) against the math core (64-bit, exact for these sizes): a difference
// counts only when it is larger than float32 rounding of values this large could make it.
import { conv1d, conv2d, type Conv1dOptions, type Conv2dOptions } from '../conv';
import { FLOAT32_MAX, FLOAT32_MIN_NORMAL } from './numbers';

/** float32's machine epsilon, 2^−23. */
export const FLOAT32_EPS = 2 ** -23;

export interface Comparison {
  /** Every element within its allowed difference (false on overflow too). */
  matches: boolean;
  /** Some result (or a sum on the way) is beyond what float32 holds: tfjs cannot compute it. */
  overflow: boolean;
  /** Largest |tfjs − math core|. */
  maxDiff: number;
  /** The allowed difference at the element where maxDiff is, for the message. */
  allowed: number;
}

/**
 * Allowed difference for a result whose terms add up, in absolute value, to `scale`: each of the `terms`
 * additions and the rounding of each input to float32 may lose half an ulp of the running sum.
 */
export function float32Tolerance(scale: number, terms: number): number {
  return 4 * (terms + 2) * (FLOAT32_EPS * scale + FLOAT32_MIN_NORMAL); // a product below 2^−126 may lose all its digits
}

/** `scale[i][j]` bounds the magnitude of the terms that make `expected[i][j]` (Σ|x·w| + |b|, or |y| for a max). */
export function compareFloat32(got: number[][], expected: number[][], scale: number[][], terms: number): Comparison {
  let maxDiff = 0;
  let allowed = 0;
  let matches = got.length === expected.length;
  let overflow = false;
  expected.forEach((row, i) => {
    if (got[i]?.length !== row.length) {
      matches = false;
      return;
    }
    row.forEach((e, j) => {
      if (!(Math.abs(scale[i][j]) <= FLOAT32_MAX) || !(Math.abs(e) <= FLOAT32_MAX)) overflow = true;
      const d = Math.abs(got[i][j] - e);
      const tol = float32Tolerance(scale[i][j], terms);
      if (!(d <= tol)) matches = false;
      if (!(d <= maxDiff) || Number.isNaN(d)) {
        maxDiff = Number.isNaN(d) ? Infinity : d;
        allowed = tol;
      }
    });
  });
  return { matches: matches && !overflow, overflow, maxDiff, allowed };
}

const absRows = (m: number[][]) => m.map((r) => r.map(Math.abs));

/** Σ|x·w| + |b| for every output of conv1d: the magnitude its float32 rounding is relative to. */
export function conv1dScale(x: number[][], w: number[][][], b: number[] | null, opts: Conv1dOptions): number[][] {
  return conv1d(absRows(x), w.map(absRows), b ? b.map(Math.abs) : null, opts);
}

export function conv2dScale(x: number[][][], w: number[][][][], b: number[] | null, opts: Conv2dOptions): number[][][] {
  return conv2d(x.map(absRows), w.map((o) => o.map(absRows)), b ? b.map(Math.abs) : null, opts);
}

/** A difference for a sentence: 2.5, 1.2e−7, ∞. */
export function diffText(d: number): string {
  if (!Number.isFinite(d)) return '∞';
  if (d === 0) return '0';
  const s = d.toPrecision(2);
  return String(Number(s)).replace('-', '−');
}

/** How the comparison reads in a widget's tfjs status line. */
export function comparisonText(c: Comparison): string {
  if (c.overflow) {
    return 'these outputs (or sums on the way) are larger than 32-bit floats hold (about ±3.4·10³⁸), so TensorFlow.js cannot compute them; the numbers shown are the math core’s';
  }
  if (c.matches) {
    return c.maxDiff === 0 ? 'equal to the math core (largest difference 0)' : `equal to the math core within 32-bit float rounding (largest difference ${diffText(c.maxDiff)}, allowed ${diffText(c.allowed)})`;
  }
  return `TensorFlow.js disagrees with the math core (largest difference ${diffText(c.maxDiff)}, more than the ${diffText(c.allowed)} that 32-bit float rounding allows)`;
}

/** A widget's `data-tf-match`: "true", "false", or "overflow" (beyond float32: not a disagreement). */
export const tfMatchAttr = (c: Comparison): string => (c.overflow ? 'overflow' : String(c.matches));

/** Whether the status line shows the comparison as an error: a real disagreement, not an overflow. */
export const tfDisagrees = (c: Comparison): boolean => !c.matches && !c.overflow;

/** A 1D widget's tfjs status line, after TensorFlow.js `version` on `backend` ran its tasks. */
export function liveCheckText(c: Comparison, version: string, backend: string): string {
  const by = `TensorFlow.js ${version} (${backend} backend)`;
  return c.matches ? `Computed live by ${by}: ${comparisonText(c)}.` : c.overflow ? `${by}: ${comparisonText(c)}.` : `${comparisonText(c)}.`;
}

// Geometry of a single-channel 2D convolution: sizes, window positions and receptive fields.
// Sizes come from the math core's outputSize so the drawing and the numbers never disagree.
import { outputSize } from '../conv';

/** A value per axis: [rows, cols]. */
export type Pair = readonly [number, number];

export interface Conv2dSettings {
  input: Pair;
  kernel: Pair;
  padding: Pair;
  stride: Pair;
  dilation: Pair;
}

export type SettingName = keyof Conv2dSettings;
export const SETTING_NAMES: readonly SettingName[] = ['input', 'kernel', 'padding', 'stride', 'dilation'];

/** The ranges the widgets offer; wide enough for a 28×28 digit, small enough to draw. */
export const LIMITS: Record<SettingName, { min: number; max: number }> = {
  input: { min: 1, max: 28 },
  kernel: { min: 1, max: 7 },
  padding: { min: 0, max: 6 },
  stride: { min: 1, max: 4 },
  dilation: { min: 1, max: 4 },
};

const AXES = ['rows', 'cols'] as const;
/** What the explorer's fields call each setting (its legends). */
export const SETTING_LABELS: Record<SettingName, string> = { input: 'Input size', kernel: 'Kernel size', padding: 'Padding', stride: 'Stride', dilation: 'Dilation' };

export function toPair(v: number | readonly number[]): Pair {
  if (typeof v === 'number') return [v, v];
  if (Array.isArray(v) && v.length === 2) return [v[0], v[1]];
  throw new RangeError(`expected a number or [rows, cols], got ${JSON.stringify(v)}`);
}

/** Builds settings from loose props (numbers or pairs), filling the defaults 0/1/1. */
export function makeSettings(p: {
  input: number | readonly number[];
  kernel: number | readonly number[];
  padding?: number | readonly number[];
  stride?: number | readonly number[];
  dilation?: number | readonly number[];
}): Conv2dSettings {
  return {
    input: toPair(p.input),
    kernel: toPair(p.kernel),
    padding: toPair(p.padding ?? 0),
    stride: toPair(p.stride ?? 1),
    dilation: toPair(p.dilation ?? 1),
  };
}

/** The reach of a dilated kernel along one axis: d·(k−1)+1 cells. */
export function kernelReach(k: number, d: number): number {
  return d * (k - 1) + 1;
}

/** Why these settings cannot be drawn, in a sentence a student understands; null when they can. */
export function settingsProblem(s: Conv2dSettings): string | null {
  for (const name of SETTING_NAMES) {
    const { min, max } = LIMITS[name];
    for (let a = 0; a < 2; a++) {
      const v = s[name][a];
      if (!Number.isInteger(v) || v < min || v > max) {
        const got = typeof v !== 'number' || Number.isNaN(v) ? 'nothing' : String(v).replace('-', '−').replace('Infinity', '∞');
        return `${SETTING_LABELS[name]} (${AXES[a]}) must be a whole number from ${min} to ${max}, got ${got}.`;
      }
    }
  }
  for (let a = 0; a < 2; a++) {
    const reach = kernelReach(s.kernel[a], s.dilation[a]);
    const padded = s.input[a] + 2 * s.padding[a];
    if (reach > padded) {
      return `No output along the ${AXES[a]}: the dilated kernel spans ${reach} cells ` +
        `(d·(k−1)+1 = ${s.dilation[a]}·(${s.kernel[a]}−1)+1) but the padded input has only ` +
        `${padded} (n+2p = ${s.input[a]}+2·${s.padding[a]}).`;
    }
  }
  return null;
}

/** Throws a RangeError naming the problem (for props checked at build time). */
export function assertSettings(s: Conv2dSettings): void {
  const problem = settingsProblem(s);
  if (problem) throw new RangeError(problem);
}

export function outputShape(s: Conv2dSettings): Pair {
  const axis = (a: 0 | 1) =>
    outputSize(s.input[a], s.kernel[a], { padding: s.padding[a], stride: s.stride[a], dilation: s.dilation[a] });
  return [axis(0), axis(1)];
}

export function paddedShape(s: Conv2dSettings): Pair {
  return [s.input[0] + 2 * s.padding[0], s.input[1] + 2 * s.padding[1]];
}

/** One window position per output cell, row by row. */
export function stepCount(s: Conv2dSettings): number {
  const [r, c] = outputShape(s);
  return r * c;
}

/** The output cell computed at a step (row-major order). */
export function stepCell(s: Conv2dSettings, step: number): Pair {
  const cols = outputShape(s)[1];
  return [Math.floor(step / cols), step % cols];
}

export function cellStep(s: Conv2dSettings, cell: Pair): number {
  return cell[0] * outputShape(s)[1] + cell[1];
}

/** One kernel tap of a window: where it lands in the padded grid and in the input (null on padding). */
export interface Tap {
  kernel: Pair;
  padded: Pair;
  input: Pair | null;
}

/** The receptive field of output cell (i, j): the kernel taps and the input cells under them. */
export function receptiveField(s: Conv2dSettings, cell: Pair): Tap[] {
  const taps: Tap[] = [];
  for (let a = 0; a < s.kernel[0]; a++) {
    for (let b = 0; b < s.kernel[1]; b++) {
      const pr = cell[0] * s.stride[0] + a * s.dilation[0];
      const pc = cell[1] * s.stride[1] + b * s.dilation[1];
      const r = pr - s.padding[0];
      const c = pc - s.padding[1];
      const inside = r >= 0 && r < s.input[0] && c >= 0 && c < s.input[1];
      taps.push({ kernel: [a, b], padded: [pr, pc], input: inside ? [r, c] : null });
    }
  }
  return taps;
}

/** The padded-grid rectangle a window covers (top-left and bottom-right, inclusive). */
export function windowBounds(s: Conv2dSettings, cell: Pair): { top: number; left: number; bottom: number; right: number } {
  const top = cell[0] * s.stride[0];
  const left = cell[1] * s.stride[1];
  return {
    top,
    left,
    bottom: top + kernelReach(s.kernel[0], s.dilation[0]) - 1,
    right: left + kernelReach(s.kernel[1], s.dilation[1]) - 1,
  };
}

/** Padded-grid cells that no window ever reads (stride skipping the edge), e.g. the 6×6 "odd" case. */
export function unreadCells(s: Conv2dSettings): Pair[] {
  const [pr, pc] = paddedShape(s);
  const [or, oc] = outputShape(s);
  const lastRow = (or - 1) * s.stride[0] + kernelReach(s.kernel[0], s.dilation[0]) - 1;
  const lastCol = (oc - 1) * s.stride[1] + kernelReach(s.kernel[1], s.dilation[1]) - 1;
  const out: Pair[] = [];
  for (let r = 0; r < pr; r++) for (let c = 0; c < pc; c++) if (r > lastRow || c > lastCol) out.push([r, c]);
  return out;
}

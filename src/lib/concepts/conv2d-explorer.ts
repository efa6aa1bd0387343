// State of the 2D convolution explorer: settings, the input (typed numbers or an MNIST digit),
// the kernel and bias; checks them and computes the output with the math core. One set of checks
// (settingsProblem, gridProblem, biasProblem) serves props (conv2d-explorer-props.ts), typed values
// and links.
import { conv2d } from '../conv';
import { numberProblem } from './numbers';
import { compareFloat32, comparisonText, conv2dScale, type Comparison } from './tf-compare';
import { LIMITS, outputShape, settingsProblem, type Conv2dSettings, type Pair, type SettingName } from './conv2d-geometry';
import { DIGIT_SIZE, MNIST_DIGITS } from './conv2d-digits';
import { patternGrid, patternKernel, resizeGrid } from './conv2d-presets';

export type InputSource = 'numbers' | 'digit';

export interface ExplorerState {
  settings: Conv2dSettings;
  source: InputSource;
  /** The typed input grid (used when source is 'numbers'). */
  numbers: number[][];
  /** Index into MNIST_DIGITS (used when source is 'digit'). */
  digit: number;
  kernel: number[][];
  bias: number;
}

export type Computed =
  | { ok: true; x: number[][]; y: number[][]; shape: Pair }
  | { ok: false; message: string };

export function digitGrid(index: number): number[][] {
  const d = MNIST_DIGITS[index];
  return Array.from({ length: DIGIT_SIZE }, (_, r) => Array.from({ length: DIGIT_SIZE }, (_, c) => d.pixels[r * DIGIT_SIZE + c] / 255));
}

export function inputGrid(state: ExplorerState): number[][] {
  return state.source === 'digit' ? digitGrid(state.digit) : state.numbers;
}

/** Output of the current state via the math core, or the sentence that says why there is none. */
export function compute(state: ExplorerState): Computed {
  const problem = settingsProblem(state.settings);
  if (problem) return { ok: false, message: problem };
  const x = inputGrid(state);
  const s = state.settings;
  if (x.length !== s.input[0] || x[0].length !== s.input[1]) {
    return { ok: false, message: `The input grid is ${x.length}×${x[0].length} but the input size says ${s.input[0]}×${s.input[1]}.` };
  }
  if (state.kernel.length !== s.kernel[0] || state.kernel[0].length !== s.kernel[1]) {
    return { ok: false, message: `The kernel grid is ${state.kernel.length}×${state.kernel[0].length} but the kernel size says ${s.kernel[0]}×${s.kernel[1]}.` };
  }
  const bias = biasProblem(state.bias);
  if (bias) return { ok: false, message: bias };
  try {
    const y = conv2d([x], [[state.kernel]], [state.bias], { padding: [s.padding[0], s.padding[1]], stride: [s.stride[0], s.stride[1]], dilation: [s.dilation[0], s.dilation[1]] })[0];
    return { ok: true, x, y, shape: outputShape(s) };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

/** Why `v` cannot be the bias: a number 32-bit floats hold. */
export function biasProblem(v: unknown): string | null {
  const problem = numberProblem(v, 'The bias b');
  return problem ? `${problem}.` : null;
}

export const convOptions = (s: Conv2dSettings) => ({
  padding: [s.padding[0], s.padding[1]] as [number, number],
  stride: [s.stride[0], s.stride[1]] as [number, number],
  dilation: [s.dilation[0], s.dilation[1]] as [number, number],
});

/**
 * tfjs's output held against the math core's (float32 rounding allowed for): the grid to draw (tfjs's,
 * unless float32 cannot hold these numbers) and the sentence for the status line.
 */
export function checkTfOutput(state: ExplorerState, x: number[][], core: number[][], tfOut: number[][], backend: string): { y: number[][]; comparison: Comparison; text: string } {
  const s = state.settings;
  const scale = conv2dScale([x], [[state.kernel]], [state.bias], convOptions(s))[0];
  const comparison = compareFloat32(tfOut, core, scale, s.kernel[0] * s.kernel[1] + 1);
  const text = comparison.overflow
    ? `TensorFlow.js (${backend} backend): ${comparisonText(comparison)}.`
    : `Output computed by tf.conv2d (TensorFlow.js, ${backend} backend); ${comparisonText(comparison)}${comparison.matches ? '' : '; the numbers shown are the math core’s'}.`;
  return { y: comparison.matches ? tfOut : core, comparison, text };
}

/** Changes one hyper-parameter on one axis; input and kernel grids follow their sizes. */
export function withSetting(state: ExplorerState, name: SettingName, axis: 0 | 1, value: number): ExplorerState {
  const pair = [...state.settings[name]] as [number, number];
  pair[axis] = value;
  const settings = { ...state.settings, [name]: pair as Pair };
  const next = { ...state, settings };
  const fits = Number.isInteger(value) && value >= LIMITS[name].min && value <= LIMITS[name].max;
  if (!fits) return next; // keep the grids; compute() reports the bad value
  if (name === 'input' && state.source === 'numbers') next.numbers = resizeGrid(state.numbers, pair[0], pair[1]);
  if (name === 'kernel') {
    const base = patternKernel(pair[0], pair[1]);
    next.kernel = base.map((row, r) => row.map((v, c) => state.kernel[r]?.[c] ?? v));
  }
  return next;
}

/** Typed grids decide their own size: the input/kernel size follows what was typed. */
export function withNumbers(state: ExplorerState, grid: number[][]): ExplorerState {
  return { ...state, source: 'numbers', numbers: grid, settings: { ...state.settings, input: [grid.length, grid[0].length] } };
}

export function withKernel(state: ExplorerState, grid: number[][]): ExplorerState {
  return { ...state, kernel: grid, settings: { ...state.settings, kernel: [grid.length, grid[0].length] } };
}

export function withSource(state: ExplorerState, source: InputSource, digit = state.digit): ExplorerState {
  const input: Pair = source === 'digit' ? [DIGIT_SIZE, DIGIT_SIZE] : [state.numbers.length, state.numbers[0].length];
  return { ...state, source, digit, settings: { ...state.settings, input } };
}

/** Loads a table configuration: its hyper-parameters and a fresh numbered grid of its input size. */
export function withPreset(state: ExplorerState, settings: Conv2dSettings): ExplorerState {
  return {
    ...state,
    source: 'numbers',
    settings,
    numbers: patternGrid(settings.input[0], settings.input[1]),
    kernel: patternKernel(settings.kernel[0], settings.kernel[1]),
  };
}

// Words for the 2D convolution widgets: captions, the filled-in size formula, the sentence read
// out at each step, and the text form of an editable grid. (The tfjs call text is the math core's
// conv2dCall in src/lib/conv/tf-call.ts.)
import { factor, fmt } from './format';
import { countText, numberProblem, parseList } from './numbers';
import {
  paddedShape, receptiveField, stepCell, stepCount, windowBounds,
  type Conv2dSettings, type Pair,
} from './conv2d-geometry';

const term = (v: number) => factor(v, 2);

function pairText(p: Pair, unit = ''): string {
  return p[0] === p[1] ? `${p[0]}${unit}` : `${p[0]}×${p[1]}${unit}`;
}

/** "kernel size=3, padding=1, stride=2, dilation=1, input=5×5" — the seed's captions, on one line. */
export function settingsCaption(s: Conv2dSettings): string {
  return [
    `kernel size=${pairText(s.kernel)}`,
    `padding=${pairText(s.padding)}`,
    `stride=${pairText(s.stride)}`,
    `dilation=${pairText(s.dilation)}`,
    `input=${s.input[0]}×${s.input[1]}`,
  ].join(', ');
}

/** The output size formula with this axis's numbers in it. */
export function sizeFormula(s: Conv2dSettings, axis: 0 | 1): string {
  const n = s.input[axis], k = s.kernel[axis], p = s.padding[axis], st = s.stride[axis], d = s.dilation[axis];
  const name = axis === 0 ? 'H_out' : 'W_out';
  const out = Math.floor((n + 2 * p - d * (k - 1) - 1) / st) + 1;
  return `${name} = ⌊(n + 2p − d·(k−1) − 1) / s⌋ + 1 = ⌊(${n} + 2·${p} − ${d}·(${k}−1) − 1) / ${st}⌋ + 1 = ${out}`;
}

function span(a: number, b: number): string {
  return a === b ? `${a}` : `${a}–${b}`;
}

/** The sentence read out at a step when the widget draws geometry only (no numbers). */
export function stepSentence(s: Conv2dSettings, step: number): string {
  const cell = stepCell(s, step);
  const box = windowBounds(s, cell);
  const taps = receptiveField(s, cell);
  const onPad = taps.filter((t) => t.input === null).length;
  const dil = s.dilation[0] > 1 || s.dilation[1] > 1 ? `, dilated by ${pairText(s.dilation)},` : '';
  const pad = onPad === 0 ? 'all taps read the input' : `${onPad} of ${taps.length} taps fall on padding`;
  return `Step ${step + 1} of ${stepCount(s)}: output cell (${cell[0]}, ${cell[1]}) — the ${s.kernel[0]}×${s.kernel[1]} kernel${dil} ` +
    `covers padded rows ${span(box.top, box.bottom)}, columns ${span(box.left, box.right)}; ${pad}.`;
}

/** The sum of products for one output cell, e.g. "y[0,1] = 3·0 + 1·1 + 2·2 = 5". */
export function valueSentence(
  s: Conv2dSettings, cell: Pair, x: readonly (readonly number[])[], w: readonly (readonly number[])[], bias: number, y: number,
): string {
  const taps = receptiveField(s, cell).filter((t) => t.input !== null);
  const name = `y[${cell[0]},${cell[1]}]`;
  const b = bias === 0 ? '' : ` + ${term(bias)}`;
  const padNote = taps.length < s.kernel[0] * s.kernel[1] ? ' (padding adds 0)' : '';
  if (taps.length === 0) return `${name} = ${bias === 0 ? '0' : fmt(bias, 2)} = ${fmt(y, 2)}: the window lies entirely on padding.`;
  if (taps.length > 9) {
    return `${name} = sum of ${taps.length} products x·w${bias === 0 ? '' : ' + b'} = ${fmt(y, 2)}${padNote}.`;
  }
  const products = taps.map((t) => `${term(x[t.input![0]][t.input![1]])}·${term(w[t.kernel[0]][t.kernel[1]])}`);
  return `${name} = ${products.join(' + ')}${b} = ${fmt(y, 2)}${padNote}.`;
}

export function padText(s: Conv2dSettings): string {
  const [pr, pc] = paddedShape(s);
  return `${s.input[0]}×${s.input[1]} input, padded to ${pr}×${pc}`;
}

/** Grid ⇄ text: one row per line, numbers separated by spaces or commas. */
export function gridToText(grid: readonly (readonly number[])[]): string {
  return grid.map((row) => row.join(' ')).join('\n');
}

export type GridParse = { ok: true; grid: number[][] } | { ok: false; message: string };

/**
 * Why a grid cannot be the input (or kernel) of the explorer, or null: at most `maxSize` rows and columns,
 * rectangular, numbers float32 holds. Props, typed text and links are all checked here.
 */
export function gridProblem(grid: unknown, what: string, maxSize: number): string | null {
  if (!Array.isArray(grid) || grid.length === 0) return `The ${what} is empty: type one row of numbers per line.`;
  if (grid.length > maxSize) return `The ${what} has ${countText(grid.length)} rows; at most ${maxSize} fit.`;
  for (let r = 0; r < grid.length; r++) {
    const row: unknown = grid[r];
    if (!Array.isArray(row) || row.length === 0) return `The ${what}, row ${r + 1} is empty: type one row of numbers per line.`;
    if (row.length > maxSize) return `The ${what}, row ${r + 1} has ${countText(row.length)} numbers; at most ${maxSize} fit.`;
    if (r > 0 && row.length !== grid[0].length) return `The ${what} is ragged: row ${r + 1} has ${row.length} numbers but row 1 has ${grid[0].length}.`;
    for (let c = 0; c < row.length; c++) {
      const problem = numberProblem(row[c], `The ${what}, row ${r + 1}, entry ${c + 1}`);
      if (problem) return `${problem}.`;
    }
  }
  return null;
}

/** One row per line, numbers separated by spaces or commas (plain decimals, as every widget field reads them). */
export function parseGrid(text: string, what: string, maxSize: number): GridParse {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  if (lines.length > maxSize) return { ok: false, message: `The ${what} has ${countText(lines.length)} rows; at most ${maxSize} fit.` };
  const grid: number[][] = [];
  try {
    for (let r = 0; r < lines.length; r++) grid.push(parseList(lines[r], `The ${what}, row ${r + 1}`));
  } catch (e) {
    return { ok: false, message: `${(e as Error).message}.` };
  }
  const problem = gridProblem(grid, what, maxSize);
  return problem ? { ok: false, message: problem } : { ok: true, grid };
}

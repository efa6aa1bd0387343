// The 2D cross-correlation exercise's check.
import { conv2d } from '../conv';
import type { CodeCheck } from './types';
import { checkFunction, formatValue } from './function-check';
import { Inputs } from './hidden-inputs';
import { reversed } from './conv1d-checks';

const fmt = formatValue;

export const crossCorrelate2d: CodeCheck = (ctx) => {
  const r = new Inputs(808);
  const cases: { x: number[][]; w: number[][] }[] = [
    { x: [[3, 3, 2, 1], [0, 0, 1, 3], [3, 1, 2, 2], [2, 0, 0, 2]], w: [[0, 1, 2], [2, 2, 0], [0, 1, 2]] },
  ];
  while (cases.length < 10) {
    const kh = r.int(1, 3);
    const kw = r.int(1, 3);
    cases.push({ x: r.grid(r.int(kh, 6), r.int(kw, 6), cases.length % 4 === 3), w: r.grid(kh, kw) });
  }
  const c2 = (x: number[][], w: number[][]) => conv2d([x], [[w]])[0];
  const flip = (w: number[][]) => reversed(w.map(reversed));
  const transpose = (w: number[][]) => w[0].map((_, j) => w.map((row) => row[j]));
  return checkFunction(ctx, {
    name: 'crossCorrelate2d',
    signature: 'crossCorrelate2d(x, w)',
    cases,
    call: (fn, { x, w }) => fn(x, w),
    expected: ({ x, w }) => c2(x, w),
    show: ({ x, w }) => `x = ${fmt(x)}, w = ${fmt(w)}`,
    known: [
      { result: ({ x, w }) => c2(x, flip(w)), say: 'These are the outputs with the kernel flipped in both directions (a true 2D convolution): y[i, j] = Σ x[i+m, j+l]·w[m, l], no flip.' },
      { result: ({ x, w }) => (w.length === w[0].length ? c2(x, transpose(w)) : null), say: 'Rows and columns are swapped in the kernel: m runs down the rows (i + m), l along the columns (j + l).' },
    ],
  });
};

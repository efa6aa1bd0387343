// The 1D convolution exercises' checks: cross-correlation, a conv layer with bias and ReLU, several
// input channels, stride and dilation (the student's function against src/lib/conv on hidden inputs).
import { activate, conv1d } from '../conv';
import type { CodeCheck } from './types';
import { checkFunction, formatValue } from './function-check';
import { Inputs } from './hidden-inputs';

const fmt = formatValue;
const relu = (v: number[]) => activate('relu', [v])[0];
const xcorr = (x: number[], w: number[], opts: { stride?: number; dilation?: number } = {}) => conv1d([x], [[w]], null, opts)[0];
export const reversed = <T>(a: T[]) => [...a].reverse();

/** Cases of (x, w) with a kernel that fits: the lecture's example first, then random ones. */
function signalCases(seed: number, count: number, decimals = true): { x: number[]; w: number[] }[] {
  const r = new Inputs(seed);
  const cases = [{ x: [1, 3, 2, 0, -1, 2, 1], w: [0.5, -1, 0.25] }];
  for (let i = 0; i < count; i++) {
    const k = r.int(1, 4);
    cases.push({ x: r.vector(r.int(k, 10), decimals && i % 4 === 3), w: r.vector(k, decimals && i % 3 === 2) });
  }
  cases.push({ x: [2, -1, 3], w: [1, 2, 3] }); // the kernel as long as the input: one output
  return cases;
}

export const crossCorrelate: CodeCheck = (ctx) =>
  checkFunction(ctx, {
    name: 'crossCorrelate',
    signature: 'crossCorrelate(x, w)',
    cases: signalCases(101, 10),
    call: (fn, { x, w }) => fn(x, w),
    expected: ({ x, w }) => xcorr(x, w),
    show: ({ x, w }) => `x = ${fmt(x)}, w = ${fmt(w)}`,
    known: [
      { result: ({ x, w }) => xcorr(x, reversed(w)), say: 'These are the outputs with the kernel flipped, the convolution of signal processing. The layer computes cross-correlation: y[n] = Σ x[n+m]·w[m], with no flip.' },
      { result: ({ x, w }) => xcorr(x, w).slice(0, -1), say: 'You stop one window early: the last window starts at n = N − K, so there are N − K + 1 outputs.' },
    ],
  });

export const convLayer: CodeCheck = (ctx) => {
  const r = new Inputs(202);
  const cases = signalCases(203, 10).map(({ x, w }) => ({ x, w, b: r.int(-3, 3) / 2 }));
  return checkFunction(ctx, {
    name: 'convLayer',
    signature: 'convLayer(x, w, b)',
    cases,
    call: (fn, { x, w, b }) => fn(x, w, b),
    expected: ({ x, w, b }) => relu(conv1d([x], [[w]], [b])[0]),
    show: ({ x, w, b }) => `x = ${fmt(x)}, w = ${fmt(w)}, b = ${fmt(b)}`,
    known: [
      { result: ({ x, w, b }) => conv1d([x], [[w]], [b])[0], say: 'Negative values come through: apply the ReLU, max(z, 0), to every output.' },
      { result: ({ x, w, b }) => relu(xcorr(x, w)).map((v) => v + b), say: 'Add the bias before the activation: y[n] = max(wᵀz + b, 0).' },
      { result: ({ x, w }) => relu(xcorr(x, w)), say: 'The bias is missing: add b to every output, before the ReLU.' },
    ],
  });
};

export const conv1dMultiIn: CodeCheck = (ctx) => {
  const r = new Inputs(303);
  const cases: { x: number[][]; w: number[][]; b: number }[] = [
    { x: [[1, 3, 2, 0], [0, 1, -1, 2]], w: [[0.5, -1, 0.25], [1, 0, -0.5]], b: 0.1 },
  ];
  for (let i = 0; i < 10; i++) {
    const c = r.int(1, 3);
    const k = r.int(1, 3);
    const n = r.int(k, 8);
    cases.push({ x: r.grid(c, n, i % 4 === 3), w: r.grid(c, k), b: r.int(-2, 2) });
  }
  return checkFunction(ctx, {
    name: 'conv1dMultiIn',
    signature: 'conv1dMultiIn(x, w, b)',
    cases,
    call: (fn, { x, w, b }) => fn(x, w, b),
    expected: ({ x, w, b }) => conv1d(x, [w], [b])[0],
    show: ({ x, w, b }) => `x = ${fmt(x)}, w = ${fmt(w)}, b = ${fmt(b)}`,
    known: [
      { result: ({ x, w, b }) => conv1d([x[0]], [[w[0]]], [b])[0], say: 'Only the first channel is in your output: sum the products over all input channels.' },
      { result: ({ x, w, b }) => conv1d(x, [w], [b * x.length])[0], say: 'Add b once per output, not once per input channel: the layer has one bias per output channel.' },
      { result: ({ x, w }) => conv1d(x, [w])[0], say: 'The bias is missing: add b to every output.' },
    ],
  });
};

export const conv1dStride: CodeCheck = (ctx) => {
  const r = new Inputs(505);
  const cases = signalCases(506, 10, false).map(({ x, w }, i) => ({ x, w, s: i === 0 ? 2 : r.int(1, 3) }));
  return checkFunction(ctx, {
    name: 'conv1dStride',
    signature: 'conv1dStride(x, w, s)',
    cases,
    call: (fn, { x, w, s }) => fn(x, w, s),
    expected: ({ x, w, s }) => xcorr(x, w, { stride: s }),
    show: ({ x, w, s }) => `x = ${fmt(x)}, w = ${fmt(w)}, s = ${s}`,
    known: [
      { result: ({ x, w }) => xcorr(x, w), say: 'These are all the windows, as with stride 1: keep only every s-th one, y[i] = Σ x[i·s + m]·w[m].' },
      { result: ({ x, w, s }) => xcorr(x, w).filter((_, i) => i % s === s - 1), say: 'Start at the first window (i = 0), then every s-th one after it.' },
    ],
  });
};

export const conv1dDilated: CodeCheck = (ctx) => {
  const r = new Inputs(606);
  const cases: { x: number[]; w: number[]; stride: number; dilation: number }[] = [
    { x: [1, 3, 2, 0, -1, 2, 1], w: [0.5, -1, 0.25], stride: 1, dilation: 2 },
    { x: [1, 3, 2, 0, -1, 2, 1], w: [0.5, -1, 0.25], stride: 2, dilation: 1 },
  ];
  while (cases.length < 14) {
    const k = r.int(1, 3);
    const dilation = r.int(1, 3);
    const n = r.int((k - 1) * dilation + 1, 11);
    cases.push({ x: r.vector(n, cases.length % 4 === 3), w: r.vector(k), stride: r.int(1, 3), dilation });
  }
  return checkFunction(ctx, {
    name: 'conv1d',
    signature: 'conv1d(x, w, { stride, dilation })',
    cases,
    call: (fn, { x, w, stride, dilation }) => fn(x, w, { stride, dilation }),
    expected: ({ x, w, stride, dilation }) => xcorr(x, w, { stride, dilation }),
    show: ({ x, w, stride, dilation }) => `x = ${fmt(x)}, w = ${fmt(w)}, stride = ${stride}, dilation = ${dilation}`,
    known: [
      { result: ({ x, w, stride }) => xcorr(x, w, { stride }), say: 'The dilation is ignored: tap m reads x[i·s + m·d], so the taps are d samples apart.' },
      { result: ({ x, w, dilation }) => xcorr(x, w, { dilation }), say: 'The stride is ignored: window i starts at x[i·s].' },
    ],
  });
};

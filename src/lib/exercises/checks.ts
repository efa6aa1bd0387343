/**
 * The named checks of code exercises (`<Exercise check="name">`). The student's cell runs first; then
 * its check gets what the cell defined (`ctx.get(name)`) and answers with Feedback. Most checks call a
 * student's function on hidden inputs and compare with the math core (src/lib/conv) through
 * checkFunction; a check of a cell's results (say, a trained model's validation loss) reads the values
 * with ctx.get and grades them with gradeNumbers. A new check is a few lines here plus its unit test:
 *
 *   'short-training': (ctx) => {
 *     const loss = ctx.get('validationLoss'); // a value the student's cell defined
 *     return typeof loss === 'number' && loss < 0.2
 *       ? { verdict: 'correct', message: `Correct: the validation loss is ${loss.toFixed(3)}.` }
 *       : { verdict: 'wrong', message: 'Not yet: train until the validation loss is below 0.2.' };
 *   },
 *
 * Runs in the cell worker (src/workers/notebook-adapter.ts, through notebook-runtime.ts) and in Node for the unit tests.
 */
import { activate, conv1d, conv2d, convParamCount, maxPool1d } from '../conv';
import type { CheckContext, CodeCheck, Feedback } from './types';
import { checkFunction, formatValue } from './function-check';
import { Inputs } from './hidden-inputs';
import { confidentMistakes, stridedLeNet } from './workshop-checks';

const fmt = formatValue;
const relu = (v: number[]) => activate('relu', [v])[0];
const xcorr = (x: number[], w: number[], opts: { stride?: number; dilation?: number } = {}) => conv1d([x], [[w]], null, opts)[0];
const reversed = <T>(a: T[]) => [...a].reverse();

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

const crossCorrelate: CodeCheck = (ctx) =>
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

const convLayer: CodeCheck = (ctx) => {
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

const conv1dMultiIn: CodeCheck = (ctx) => {
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

const paramCount: CodeCheck = (ctx) => {
  const r = new Inputs(404);
  const cases: [number, number, number, boolean][] = [[3, 16, 5, true], [1, 1, 3, false]];
  for (let i = 0; i < 10; i++) cases.push([r.int(1, 64), r.int(1, 64), r.int(1, 7), i % 3 !== 0]);
  return checkFunction(ctx, {
    name: 'paramCount',
    signature: 'paramCount(cIn, cOut, k, bias)',
    cases,
    call: (fn, args) => fn(...args),
    expected: ([inChannels, outChannels, kernelSize, bias]) => convParamCount({ inChannels, outChannels, kernelSize, bias }),
    show: (args) => `paramCount(${args.join(', ')})`,
    known: [
      { result: ([i, o, k]) => i * o * k, say: 'The biases are missing: with bias = true each output channel has one, C_out in all.' },
      { result: ([i, o, k]) => i * o * k + o, say: 'With bias = false there are no biases: only the C_in·C_out·K weights.' },
      { result: ([, o, k, bias]) => o * k + (bias ? o : 0), say: 'Each output channel has one kernel per input channel: multiply by C_in too.' },
      { result: ([i, o, k, bias]) => i * o * k + (bias ? i : 0), say: 'There is one bias per output channel (C_out of them), not one per input channel.' },
    ],
  });
};

const conv1dStride: CodeCheck = (ctx) => {
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

const conv1dDilated: CodeCheck = (ctx) => {
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

const maxPool: CodeCheck = (ctx) => {
  const r = new Inputs(707);
  const cases: { x: number[]; size: number; stride?: number }[] = [
    { x: [1, 5, 2, 2, 7, 0, 3], size: 2 },
    { x: [1, 5, 2, 2, 7, 0, 3], size: 3, stride: 2 },
  ];
  while (cases.length < 13) {
    const size = r.int(1, 3);
    const n = r.int(size, 10);
    cases.push(cases.length % 3 === 0 ? { x: r.vector(n, true), size } : { x: r.vector(n), size, stride: r.int(1, 3) });
  }
  cases.push({ x: [-3, -1, -2, -5], size: 2 }); // all negative: a running max that starts at 0 fails here
  const pool = (x: number[], size: number, stride?: number) => maxPool1d([x], { size, stride })[0];
  return checkFunction(ctx, {
    name: 'maxPool',
    signature: 'maxPool(x, size, stride = size)',
    cases,
    call: (fn, { x, size, stride }) => (stride === undefined ? fn(x, size) : fn(x, size, stride)),
    expected: ({ x, size, stride }) => pool(x, size, stride),
    show: ({ x, size, stride }) => `x = ${fmt(x)}, size = ${size}${stride === undefined ? ' (stride not given)' : `, stride = ${stride}`}`,
    known: [
      {
        result: ({ x, size, stride }) => conv1d([x], [[Array(size).fill(1 / size)]], null, { stride: stride ?? size })[0],
        say: 'These are the averages of the windows: max pooling keeps the largest value of each window.',
      },
      { result: ({ x, size }) => pool(x, size, 1), say: 'The windows move one sample at a time: they should move by the stride, which defaults to the size.' },
      { result: ({ x, size, stride }) => pool(x, size, stride).map((v) => Math.max(v, 0)), say: 'Start the running maximum at the first value of the window (or −Infinity), not at 0: all the values can be negative.' },
    ],
  });
};

const crossCorrelate2d: CodeCheck = (ctx) => {
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

/** Every code check by name; `<Exercise check="…">` must name one of these. */
export const CODE_CHECKS: Record<string, CodeCheck> = {
  'cross-correlate': crossCorrelate,
  'conv-layer': convLayer,
  'conv1d-multi-in': conv1dMultiIn,
  'param-count': paramCount,
  'conv1d-stride': conv1dStride,
  'conv1d-dilated': conv1dDilated,
  'max-pool': maxPool,
  'cross-correlate-2d': crossCorrelate2d,
  // The workshop's: they grade what the student's cell built and trained (workshop-checks.ts).
  'strided-lenet': stridedLeNet,
  'confident-mistakes': confidentMistakes,
};

/** Runs the named check; an unknown name or a failure of the check itself becomes feedback, never a throw. */
export async function runCheck(name: string, ctx: CheckContext): Promise<Feedback> {
  const check = CODE_CHECKS[name];
  if (!check) return { verdict: 'unreadable', message: `This exercise names a check "${name}" that does not exist (known: ${Object.keys(CODE_CHECKS).join(', ')}).` };
  let replaced: string[];
  try {
    // The check grades with the built-ins as they were before any student code ran (builtins-guard.ts).
    replaced = ctx.restoreBuiltins();
  } catch (e) {
    return { verdict: 'unreadable', message: `Your code changed a built-in so that it cannot be put back (${(e as Error).message}); the check cannot grade with it. Reload the page and run the code without that change.` };
  }
  let feedback: Feedback;
  try {
    feedback = await check(ctx);
  } catch (e) {
    ctx.restoreBuiltins();
    return { verdict: 'unreadable', message: `The check itself failed (${(e as Error).message}); your answer was not graded.` };
  }
  if (!replaced.length) return feedback;
  const names = replaced.slice(0, 3).join(', ') + (replaced.length > 3 ? ` and ${replaced.length - 3} more` : '');
  return { ...feedback, message: `${feedback.message} (Your code replaced ${names}; the check used the original built-ins, which are back in place now.)` };
}


// Builds the sliding-window scene (and the step sentences) shared by the 1D convolution and pooling concepts.
import { traceConv1d, traceMaxPool1d, type OutputTrace1d } from '../conv';
import type { Row, SlideScene, Step } from './concept-types';
import { factor, fmt, sub, sumOf } from './format';

export interface ConvSlideArgs {
  x: number[][];
  w: number[][][];
  b: number[] | null;
  padding?: number;
  stride?: number;
  dilation?: number;
  title?: string;
  /** Name of the output row(s) instead of y (e.g. z before an activation). */
  outName?: string;
}

/** Channel-aware names: x, w, y for one channel; x₀, w₁₀ (output 1, input 0), y₁ for several. */
export function names(cin: number, cout: number) {
  return {
    x: (c: number) => (cin > 1 ? `x${sub(c)}` : 'x'),
    w: (o: number, c: number) => (cout > 1 && cin > 1 ? `w${sub(o)}${sub(c)}` : cout > 1 ? `w${sub(o)}` : cin > 1 ? `w${sub(c)}` : 'w'),
    y: (o: number) => (cout > 1 ? `y${sub(o)}` : 'y'),
    b: (o: number) => (cout > 1 ? `b${sub(o)}` : 'b'),
  };
}

/** "y[2] = 1·0.5 + 3·(−1) + 2·0.25 = −2" (the bias, when there is one, is the last term). */
export function convSentence(t: OutputTrace1d, yName: string, hasBias: boolean): string {
  const channels = new Set(t.taps.map((tap) => tap.channel)).size;
  const product = (tap: OutputTrace1d['taps'][number]) => `${factor(tap.x)}·${factor(tap.w)}`;
  // Several input channels: one parenthesised sum per channel, as the lecture's picture adds them.
  const terms =
    channels > 1
      ? Array.from({ length: channels }, (_, c) => `(${t.taps.filter((tap) => tap.channel === c).map(product).join(' + ')})`)
      : t.taps.map(product);
  if (hasBias) terms.push(factor(t.bias));
  return `${yName}[${t.position}] = ${sumOf(terms)} = ${fmt(t.y)}`;
}

export function convSlide(a: ConvSlideArgs): { scene: SlideScene; steps: Step[]; y: number[][]; traces: OutputTrace1d[][] } {
  const opts = { padding: a.padding ?? 0, stride: a.stride ?? 1, dilation: a.dilation ?? 1 };
  const { plan, traces } = traceConv1d(a.x, a.w, a.b, opts);
  const n = names(plan.cin, plan.cout);
  if (a.outName) {
    const base = a.outName;
    n.y = (o: number) => (plan.cout > 1 ? `${base}${sub(o)}` : base);
  }
  const y = traces.map((row) => row.map((t) => t.y));
  const scene: SlideScene = {
    kind: 'slide',
    title: a.title,
    inputs: a.x.map((values, c) => ({ name: n.x(c), values })),
    padding: opts.padding,
    padValue: 0,
    windowSize: plan.k,
    stride: opts.stride,
    dilation: opts.dilation,
    kernels: a.w.map((perOut, o) => perOut.map((values, c): Row => ({ name: n.w(o, c), values }))),
    outputs: y.map((values, o) => ({ name: n.y(o), values })),
  };
  const steps = traces.flatMap((row, o) => row.map((t) => ({ o, i: t.position, sentence: convSentence(t, n.y(o), a.b !== null) })));
  return { scene, steps, y, traces };
}

export function poolSlide(x: number[][], size: number, stride: number, padding: number): { scene: SlideScene; steps: Step[]; y: number[][] } {
  const { traces } = traceMaxPool1d(x, { size, stride, padding });
  const y = traces.map((row) => row.map((t) => t.y));
  const many = x.length > 1;
  const yName = (c: number) => (many ? `y${sub(c)}` : 'y');
  const scene: SlideScene = {
    kind: 'slide',
    inputs: x.map((values, c) => ({ name: many ? `x${sub(c)}` : 'x', values })),
    padding,
    padValue: -Infinity,
    windowSize: size,
    stride,
    dilation: 1,
    outputs: y.map((values, c) => ({ name: yName(c), values })),
    winners: traces.map((row) => row.map((t) => t.winner)),
  };
  const steps = traces.flatMap((row, c) =>
    row.map((t) => {
      const inWindow = t.indices.map((j) => (j < 0 || j >= x[c].length ? '−∞' : fmt(x[c][j])));
      return { o: c, i: t.position, sentence: `${yName(c)}[${t.position}] = max(${inWindow.join(', ')}) = ${fmt(t.y)}` };
    }),
  );
  return { scene, steps, y };
}

/** Deterministic, varied small values for generated inputs and kernels (no randomness: SSR and client agree). */
export function sampleValues(count: number, seed: number, scale = 1): number[] {
  let h = (seed * 2654435761 + 12345) >>> 0;
  return Array.from({ length: count }, () => {
    h = (Math.imul(h, 1103515245) + 12345) >>> 0; // a plain LCG: integer maths, same on server and client
    const v = (h >>> 16) % 9; // 0…8
    return ((v - 4) / 2) * scale;
  });
}

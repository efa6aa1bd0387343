// Per-output "trace": which inputs and kernel taps make one output value, their products and sum.
import { inputIndex1d, planConv1d, type Conv1dOptions, type Conv1dPlan } from './conv1d';
import { argMaxWindow1d, planMaxPool1d, type Pool1dOptions, type Pool1dPlan } from './pool';

export interface Tap1d {
  channel: number;
  /** Kernel tap m (0…K−1). */
  tap: number;
  /** Index into the unpadded input; outside [0, n) when the tap lands on padding. */
  index: number;
  padded: boolean;
  x: number;
  w: number;
  product: number;
}

export interface OutputTrace1d {
  outChannel: number;
  position: number;
  taps: Tap1d[];
  /** Σ of the products, before the bias. */
  sum: number;
  bias: number;
  y: number;
}

export function traceConv1dWithPlan(
  plan: Conv1dPlan,
  x: number[][],
  w: number[][][],
  b: number[] | null | undefined,
  outChannel: number,
  position: number,
): OutputTrace1d {
  const taps: Tap1d[] = [];
  let sum = 0;
  for (let c = 0; c < plan.cin; c++) {
    for (let m = 0; m < plan.k; m++) {
      const index = inputIndex1d(position, m, plan);
      const padded = index < 0 || index >= plan.n;
      const xv = padded ? 0 : x[c][index];
      const wv = w[outChannel][c][m];
      const product = xv * wv;
      sum += product;
      taps.push({ channel: c, tap: m, index, padded, x: xv, w: wv, product });
    }
  }
  const bias = b ? b[outChannel] : 0;
  return { outChannel, position, taps, sum, bias, y: sum + bias };
}

/** Traces of every output value, [C_out][N_out]; validates like conv1d. */
export function traceConv1d(
  x: number[][],
  w: number[][][],
  b?: number[] | null,
  opts: Conv1dOptions = {},
): { plan: Conv1dPlan; traces: OutputTrace1d[][] } {
  const plan = planConv1d(x, w, b, opts);
  const traces = Array.from({ length: plan.cout }, (_, o) =>
    Array.from({ length: plan.nOut }, (_, i) => traceConv1dWithPlan(plan, x, w, b, o, i)),
  );
  return { plan, traces };
}

export interface PoolTrace1d {
  channel: number;
  position: number;
  /** Input indices in the window (outside [0, n) = −∞ padding). */
  indices: number[];
  winner: number;
  y: number;
}

export function traceMaxPool1d(x: number[][], opts: Pool1dOptions): { plan: Pool1dPlan; traces: PoolTrace1d[][] } {
  const plan = planMaxPool1d(x, opts);
  const traces = x.map((row, channel) =>
    Array.from({ length: plan.nOut }, (_, position) => {
      const indices = Array.from({ length: plan.size }, (_, m) => position * plan.stride + m - plan.padding);
      const winner = argMaxWindow1d(row, position, plan);
      return { channel, position, indices, winner, y: row[winner] };
    }),
  );
  return { plan, traces };
}

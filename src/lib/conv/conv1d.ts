// 1D cross-correlation, channels first: y[o][n] = b[o] + Σ_c Σ_m x[c][n·s + m·d − p]·w[o][c][m].
import { fittedOutputSize } from './size';
import { checkInt, checkTensor, fail } from './validate';

export interface Conv1dOptions {
  padding?: number;
  stride?: number;
  dilation?: number;
}

export interface Conv1dPlan {
  cin: number;
  n: number;
  cout: number;
  k: number;
  padding: number;
  stride: number;
  dilation: number;
  nOut: number;
}

/** Validates the arguments of conv1d and returns the sizes; throws a RangeError naming the argument. */
export function planConv1d(x: unknown, w: unknown, b?: unknown, opts: Conv1dOptions = {}, fn = 'conv1d'): Conv1dPlan {
  const [cin, n] = checkTensor(fn, 'x', x, 2);
  const [cout, wcin, k] = checkTensor(fn, 'w', w, 3);
  if (wcin !== cin) {
    fail(fn, 'w', `has ${wcin} input channel${wcin === 1 ? '' : 's'} per kernel but x has ${cin} (channel mismatch: w is [C_out][C_in][K])`);
  }
  if (b !== undefined && b !== null) {
    const [nb] = checkTensor(fn, 'b', b, 1);
    if (nb !== cout) fail(fn, 'b', `has ${nb} entries but w has ${cout} output channels (one bias per output channel)`);
  }
  const padding = checkInt(fn, 'padding', opts.padding ?? 0, 0);
  const stride = checkInt(fn, 'stride', opts.stride ?? 1, 1);
  const dilation = checkInt(fn, 'dilation', opts.dilation ?? 1, 1);
  const nOut = fittedOutputSize(fn, 'w', n, k, padding, stride, dilation);
  return { cin, n, cout, k, padding, stride, dilation, nOut };
}

/** Index into x (unpadded coordinates; outside [0, n) means a padding zero) of tap m for output n. */
export function inputIndex1d(outIndex: number, tap: number, plan: Pick<Conv1dPlan, 'padding' | 'stride' | 'dilation'>): number {
  return outIndex * plan.stride + tap * plan.dilation - plan.padding;
}

export function conv1d(x: number[][], w: number[][][], b?: number[] | null, opts: Conv1dOptions = {}): number[][] {
  const plan = planConv1d(x, w, b, opts);
  const y: number[][] = [];
  for (let o = 0; o < plan.cout; o++) {
    const row = new Array<number>(plan.nOut);
    for (let i = 0; i < plan.nOut; i++) {
      let sum = b ? b[o] : 0;
      for (let c = 0; c < plan.cin; c++) {
        for (let m = 0; m < plan.k; m++) {
          const j = inputIndex1d(i, m, plan);
          if (j >= 0 && j < plan.n) sum += x[c][j] * w[o][c][m];
        }
      }
      row[i] = sum;
    }
    y.push(row);
  }
  return y;
}

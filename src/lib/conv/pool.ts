// Max pooling, channels first; padding pads with −∞ so it never wins a window.
import { fittedOutputSize } from './size';
import { checkInt, checkPair, checkTensor, fail, type Pair } from './validate';

export interface Pool1dOptions {
  size: number;
  stride?: number;
  padding?: number;
}

export interface Pool2dOptions {
  size: number | Pair;
  stride?: number | Pair;
  padding?: number | Pair;
}

export interface Pool1dPlan {
  channels: number;
  n: number;
  size: number;
  stride: number;
  padding: number;
  nOut: number;
}

function checkPoolPadding(fn: string, arg: string, padding: number, size: number): void {
  // As in PyTorch: more padding would let a window hold nothing but padding.
  if (2 * padding > size) fail(fn, arg, `must be at most half the pool size (${Math.floor(size / 2)} for size ${size}), got ${padding}`);
}

export function planMaxPool1d(x: unknown, opts: Pool1dOptions, fn = 'maxPool1d'): Pool1dPlan {
  const [channels, n] = checkTensor(fn, 'x', x, 2);
  if (!opts || typeof opts !== 'object') fail(fn, 'options', 'must be an object with a size');
  const size = checkInt(fn, 'size', opts.size, 1);
  const stride = checkInt(fn, 'stride', opts.stride ?? size, 1);
  const padding = checkInt(fn, 'padding', opts.padding ?? 0, 0);
  checkPoolPadding(fn, 'padding', padding, size);
  const nOut = fittedOutputSize(fn, 'size', n, size, padding, stride, 1);
  return { channels, n, size, stride, padding, nOut };
}

/** Index into x of the element that wins output window i (the first one among equal maxima). */
export function argMaxWindow1d(row: number[], i: number, plan: Pool1dPlan): number {
  let best = -1;
  for (let m = 0; m < plan.size; m++) {
    const j = i * plan.stride + m - plan.padding;
    if (j >= 0 && j < plan.n && (best < 0 || row[j] > row[best])) best = j;
  }
  return best;
}

export function maxPool1d(x: number[][], opts: Pool1dOptions): number[][] {
  const plan = planMaxPool1d(x, opts);
  return x.map((row) => Array.from({ length: plan.nOut }, (_, i) => row[argMaxWindow1d(row, i, plan)]));
}

export function maxPool2d(x: number[][][], opts: Pool2dOptions): number[][][] {
  const fn = 'maxPool2d';
  const [, h, w] = checkTensor(fn, 'x', x, 3);
  if (!opts || typeof opts !== 'object') fail(fn, 'options', 'must be an object with a size');
  const size = checkPair(fn, 'size', opts.size, 1);
  const stride = checkPair(fn, 'stride', opts.stride ?? size, 1);
  const padding = checkPair(fn, 'padding', opts.padding ?? 0, 0);
  checkPoolPadding(fn, 'padding[0]', padding[0], size[0]);
  checkPoolPadding(fn, 'padding[1]', padding[1], size[1]);
  const hOut = fittedOutputSize(fn, 'size (rows)', h, size[0], padding[0], stride[0], 1);
  const wOut = fittedOutputSize(fn, 'size (columns)', w, size[1], padding[1], stride[1], 1);
  return x.map((plane) =>
    Array.from({ length: hOut }, (_, i) =>
      Array.from({ length: wOut }, (_, j) => {
        let best = -Infinity;
        for (let u = 0; u < size[0]; u++) {
          const r = i * stride[0] + u - padding[0];
          if (r < 0 || r >= h) continue;
          for (let v = 0; v < size[1]; v++) {
            const q = j * stride[1] + v - padding[1];
            if (q >= 0 && q < w && plane[r][q] > best) best = plane[r][q];
          }
        }
        return best;
      }),
    ),
  );
}

// 2D cross-correlation, channels first: x [C_in][H][W], w [C_out][C_in][Kh][Kw] → [C_out][H_out][W_out].
import { fittedOutputSize } from './size';
import { checkPair, checkTensor, fail, type Pair } from './validate';

export interface Conv2dOptions {
  padding?: number | Pair;
  stride?: number | Pair;
  dilation?: number | Pair;
}

export interface Conv2dPlan {
  cin: number;
  h: number;
  w: number;
  cout: number;
  kh: number;
  kw: number;
  padding: Pair;
  stride: Pair;
  dilation: Pair;
  hOut: number;
  wOut: number;
}

export function planConv2d(x: unknown, w: unknown, b?: unknown, opts: Conv2dOptions = {}, fn = 'conv2d'): Conv2dPlan {
  const [cin, h, wd] = checkTensor(fn, 'x', x, 3);
  const [cout, wcin, kh, kw] = checkTensor(fn, 'w', w, 4);
  if (wcin !== cin) {
    fail(fn, 'w', `has ${wcin} input channel${wcin === 1 ? '' : 's'} per kernel but x has ${cin} (channel mismatch: w is [C_out][C_in][Kh][Kw])`);
  }
  if (b !== undefined && b !== null) {
    const [nb] = checkTensor(fn, 'b', b, 1);
    if (nb !== cout) fail(fn, 'b', `has ${nb} entries but w has ${cout} output channels (one bias per output channel)`);
  }
  const padding = checkPair(fn, 'padding', opts.padding ?? 0, 0);
  const stride = checkPair(fn, 'stride', opts.stride ?? 1, 1);
  const dilation = checkPair(fn, 'dilation', opts.dilation ?? 1, 1);
  const hOut = fittedOutputSize(fn, 'w (rows)', h, kh, padding[0], stride[0], dilation[0]);
  const wOut = fittedOutputSize(fn, 'w (columns)', wd, kw, padding[1], stride[1], dilation[1]);
  return { cin, h, w: wd, cout, kh, kw, padding, stride, dilation, hOut, wOut };
}

export function conv2d(x: number[][][], w: number[][][][], b?: number[] | null, opts: Conv2dOptions = {}): number[][][] {
  const p = planConv2d(x, w, b, opts);
  const y: number[][][] = [];
  for (let o = 0; o < p.cout; o++) {
    const plane: number[][] = [];
    for (let i = 0; i < p.hOut; i++) {
      const row = new Array<number>(p.wOut);
      for (let j = 0; j < p.wOut; j++) {
        let sum = b ? b[o] : 0;
        for (let c = 0; c < p.cin; c++) {
          for (let u = 0; u < p.kh; u++) {
            const r = i * p.stride[0] + u * p.dilation[0] - p.padding[0];
            if (r < 0 || r >= p.h) continue;
            for (let v = 0; v < p.kw; v++) {
              const q = j * p.stride[1] + v * p.dilation[1] - p.padding[1];
              if (q >= 0 && q < p.w) sum += x[c][r][q] * w[o][c][u][v];
            }
          }
        }
        row[j] = sum;
      }
      plane.push(row);
    }
    y.push(plane);
  }
  return y;
}

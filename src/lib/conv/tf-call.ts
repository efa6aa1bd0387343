// The exact tfjs code, as copyable text, that computes an operation for given values and settings.
// It runs as written with `tf` in scope and leaves the result, channels-last, in `y`
// (the unit tests evaluate it and compare with the math core).
import { planConv1d, type Conv1dOptions } from './conv1d';
import { planConv2d, type Conv2dOptions } from './conv2d';
import { planMaxPool1d, type Pool1dOptions } from './pool';
import { needsStridedSlice } from './tf';

const lit = (v: unknown): string => JSON.stringify(v).replace(/,/g, ', ');

const transpose2 = (m: number[][]): number[][] => m[0].map((_, j) => m.map((row) => row[j]));

export function conv1dCall(x: number[][], w: number[][][], b?: number[] | null, opts: Conv1dOptions = {}): string {
  const p = planConv1d(x, w, b, opts);
  const xl = [transpose2(x)]; // [1][N][C_in]
  const wl = Array.from({ length: p.k }, (_, m) => Array.from({ length: p.cin }, (_, c) => w.map((perOut) => perOut[c][m])));
  const input = p.padding > 0 ? `tf.pad(x, [[0, 0], [${p.padding}, ${p.padding}], [0, 0]])` : 'x';
  const addBias = (e: string) => (b ? `tf.add(${e}, tf.tensor1d(${lit(b)}))` : e);
  const lines = [
    `const x = tf.tensor3d(${lit(xl)}); // [batch 1, N ${p.n}, C_in ${p.cin}]`,
    `const w = tf.tensor3d(${lit(wl)}); // [K ${p.k}, C_in ${p.cin}, C_out ${p.cout}]`,
  ];
  if (needsStridedSlice([p.stride], [p.dilation])) {
    lines.push(
      `// tfjs allows stride > 1 only with dilation 1: convolve at stride 1, keep every ${p.stride}th output`,
      `const full = tf.conv1d(${input}, w, 1, 'valid', 'NWC', ${p.dilation});`,
      `const y = ${addBias(`tf.stridedSlice(full, [0, 0, 0], full.shape, [1, ${p.stride}, 1])`)}; // [1, ${p.nOut}, ${p.cout}]`,
    );
  } else {
    lines.push(`const y = ${addBias(`tf.conv1d(${input}, w, ${p.stride}, 'valid', 'NWC', ${p.dilation})`)}; // [1, ${p.nOut}, ${p.cout}]`);
  }
  return lines.join('\n');
}

export function maxPool1dCall(x: number[][], opts: Pool1dOptions): string {
  const p = planMaxPool1d(x, opts);
  const input = p.padding > 0 ? `tf.pad(x, [[0, 0], [0, 0], [${p.padding}, ${p.padding}], [0, 0]], -Infinity)` : 'x';
  return [
    `// tfjs pools in 2D: the sequence is a 1-pixel-high image`,
    `const x = tf.tensor4d(${lit([[transpose2(x)]])}); // [batch 1, 1, N ${p.n}, C ${p.channels}]`,
    `const y = tf.maxPool(${input}, [1, ${p.size}], [1, ${p.stride}], 'valid'); // [1, 1, ${p.nOut}, ${p.channels}]`,
  ].join('\n');
}

export function conv2dCall(x: number[][][], w: number[][][][], b?: number[] | null, opts: Conv2dOptions = {}): string {
  const p = planConv2d(x, w, b, opts);
  const xl = [Array.from({ length: p.h }, (_, r) => Array.from({ length: p.w }, (_, q) => x.map((plane) => plane[r][q])))];
  const wl = Array.from({ length: p.kh }, (_, u) =>
    Array.from({ length: p.kw }, (_, v) => Array.from({ length: p.cin }, (_, c) => w.map((perOut) => perOut[c][u][v]))),
  );
  const [ph, pw] = p.padding;
  const input = ph > 0 || pw > 0 ? `tf.pad(x, [[0, 0], [${ph}, ${ph}], [${pw}, ${pw}], [0, 0]])` : 'x';
  const addBias = (e: string) => (b ? `tf.add(${e}, tf.tensor1d(${lit(b)}))` : e);
  const pair = (v: [number, number]) => (v[0] === v[1] ? String(v[0]) : lit(v));
  const lines = [
    `const x = tf.tensor4d(${lit(xl)}); // [batch 1, H ${p.h}, W ${p.w}, C_in ${p.cin}]`,
    `const w = tf.tensor4d(${lit(wl)}); // [Kh ${p.kh}, Kw ${p.kw}, C_in ${p.cin}, C_out ${p.cout}]`,
  ];
  if (needsStridedSlice(p.stride, p.dilation)) {
    lines.push(
      `// tfjs allows strides > 1 only with dilation 1: convolve at stride 1, keep every stride-th output`,
      `const full = tf.conv2d(${input}, w, 1, 'valid', 'NHWC', ${pair(p.dilation)});`,
      `const y = ${addBias(`tf.stridedSlice(full, [0, 0, 0, 0], full.shape, [1, ${p.stride[0]}, ${p.stride[1]}, 1])`)}; // [1, ${p.hOut}, ${p.wOut}, ${p.cout}]`,
    );
  } else {
    lines.push(`const y = ${addBias(`tf.conv2d(${input}, w, ${pair(p.stride)}, 'valid', 'NHWC', ${pair(p.dilation)})`)}; // [1, ${p.hOut}, ${p.wOut}, ${p.cout}]`);
  }
  return lines.join('\n');
}

/** The Keras-style layer whose countParams() equals convParamCount for a 1D conv layer. */
export function conv1dLayerCall(inChannels: number, outChannels: number, kernelSize: number, length: number, useBias = true): string {
  return `tf.layers.conv1d({ filters: ${outChannels}, kernelSize: ${kernelSize}, useBias: ${useBias}, inputShape: [${length}, ${inChannels}] })`;
}

// The math module's operations run through TensorFlow.js (channels-last inside tfjs).
// Callers pass the tfjs namespace (tfjs-core or @tensorflow/tfjs), so this file imports no tfjs code itself
// and widgets can load tfjs lazily (loadTf in src/lib/tfjs/load-tf.ts). Arguments are validated by the pure core first,
// so both paths fail with the same RangeError.
import type * as TfCore from '@tensorflow/tfjs-core';
import type { TF } from '../tfjs/tf';
import { planConv1d, type Conv1dOptions } from './conv1d';
import { planConv2d, type Conv2dOptions } from './conv2d';
import { planMaxPool1d, maxPool2d, type Pool1dOptions, type Pool2dOptions } from './pool';
import { checkPair } from './validate';

/** tfjs refuses strides > 1 together with dilations > 1: we convolve at stride 1 and keep every s-th output. */
export function needsStridedSlice(stride: number[], dilation: number[]): boolean {
  return stride.some((s) => s > 1) && dilation.some((d) => d > 1);
}

export function tfConv1d(tf: TF, x: number[][], w: number[][][], b?: number[] | null, opts: Conv1dOptions = {}): number[][] {
  const p = planConv1d(x, w, b, opts, 'tfConv1d');
  return tf.tidy(() => {
    const xt = tf.expandDims(tf.transpose(tf.tensor2d(x)), 0) as TfCore.Tensor3D; // [1, N, C_in]
    const wt = tf.transpose(tf.tensor3d(w), [2, 1, 0]) as TfCore.Tensor3D; // [K, C_in, C_out]
    const padded = p.padding > 0 ? tf.pad(xt, [[0, 0], [p.padding, p.padding], [0, 0]]) : xt;
    let y: TfCore.Tensor3D;
    if (needsStridedSlice([p.stride], [p.dilation])) {
      const full = tf.conv1d(padded, wt, 1, 'valid', 'NWC', p.dilation);
      y = tf.stridedSlice(full, [0, 0, 0], full.shape, [1, p.stride, 1]) as TfCore.Tensor3D;
    } else {
      y = tf.conv1d(padded, wt, p.stride, 'valid', 'NWC', p.dilation);
    }
    if (b) y = tf.add(y, tf.tensor1d(b));
    return tf.transpose(tf.squeeze(y, [0])).arraySync() as number[][];
  });
}

export function tfConv2d(tf: TF, x: number[][][], w: number[][][][], b?: number[] | null, opts: Conv2dOptions = {}): number[][][] {
  const p = planConv2d(x, w, b, opts, 'tfConv2d');
  return tf.tidy(() => {
    const xt = tf.expandDims(tf.transpose(tf.tensor3d(x), [1, 2, 0]), 0) as TfCore.Tensor4D; // [1, H, W, C_in]
    const wt = tf.transpose(tf.tensor4d(w), [2, 3, 1, 0]) as TfCore.Tensor4D; // [Kh, Kw, C_in, C_out]
    const [ph, pw] = p.padding;
    const padded = ph > 0 || pw > 0 ? tf.pad(xt, [[0, 0], [ph, ph], [pw, pw], [0, 0]]) : xt;
    let y: TfCore.Tensor4D;
    if (needsStridedSlice(p.stride, p.dilation)) {
      const full = tf.conv2d(padded, wt, 1, 'valid', 'NHWC', p.dilation);
      y = tf.stridedSlice(full, [0, 0, 0, 0], full.shape, [1, p.stride[0], p.stride[1], 1]) as TfCore.Tensor4D;
    } else {
      y = tf.conv2d(padded, wt, p.stride, 'valid', 'NHWC', p.dilation);
    }
    if (b) y = tf.add(y, tf.tensor1d(b));
    return tf.transpose(tf.squeeze(y, [0]), [2, 0, 1]).arraySync() as number[][][];
  });
}

export function tfMaxPool1d(tf: TF, x: number[][], opts: Pool1dOptions): number[][] {
  const p = planMaxPool1d(x, opts, 'tfMaxPool1d');
  return tf.tidy(() => {
    // tfjs pools in 2D: the row becomes a 1-pixel-high image [1, 1, N, C].
    const xt = tf.reshape(tf.transpose(tf.tensor2d(x)), [1, 1, p.n, p.channels]) as TfCore.Tensor4D;
    const padded = p.padding > 0 ? tf.pad(xt, [[0, 0], [0, 0], [p.padding, p.padding], [0, 0]], -Infinity) : xt;
    const y = tf.maxPool(padded, [1, p.size], [1, p.stride], 'valid');
    return tf.transpose(tf.reshape(y, [p.nOut, p.channels])).arraySync() as number[][];
  });
}

export function tfMaxPool2d(tf: TF, x: number[][][], opts: Pool2dOptions): number[][][] {
  maxPool2d(x, opts); // validation (and the same RangeError) from the pure core
  const size = checkPair('tfMaxPool2d', 'size', opts.size, 1);
  const stride = checkPair('tfMaxPool2d', 'stride', opts.stride ?? size, 1);
  const [ph, pw] = checkPair('tfMaxPool2d', 'padding', opts.padding ?? 0, 0);
  return tf.tidy(() => {
    const xt = tf.expandDims(tf.transpose(tf.tensor3d(x), [1, 2, 0]), 0) as TfCore.Tensor4D;
    const padded = ph > 0 || pw > 0 ? tf.pad(xt, [[0, 0], [ph, ph], [pw, pw], [0, 0]], -Infinity) : xt;
    const y = tf.maxPool(padded, size, stride, 'valid');
    return tf.transpose(tf.squeeze(y, [0]), [2, 0, 1]).arraySync() as number[][][];
  });
}

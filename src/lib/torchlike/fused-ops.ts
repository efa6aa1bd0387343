// conv2d + bias + ReLU, and dense + bias (+ ReLU), each as one differentiable op. tfjs does not
// fuse these while it records gradients, so a training step would run Conv2D, Add and Relu (three
// passes over the largest activations) forward; here the forward is one fused kernel and the
// backward is written out: dz = dy·[y>0], dW = x ⋆ dz, dx = dz ⋆ Wᵀ, db = Σdz. Where the backend
// has CONV_GRAD_KERNEL (wasm), the whole backward is that one kernel.
import type * as tfc from '@tensorflow/tfjs-core';
import type { TF } from '../tfjs/tf';
import { CONV_GRAD_KERNEL } from '../tfjs/kernel-names';

type Pad = 'valid' | 'same' | number;

const hasGradKernel = (tf: TF) => tf.getKernel(CONV_GRAD_KERNEL, tf.getBackend()) !== undefined;

/** `inputGrad: false` for a first layer, whose input (the images) needs no gradient: saves a convolution. */
export function conv2dBiasRelu(tf: TF, x: tfc.Tensor4D, w: tfc.Tensor4D, b: tfc.Tensor1D, pad: Pad, inputGrad = true): tfc.Tensor4D {
  const attrs = { strides: [1, 1], pad, dataFormat: 'NHWC', dilations: [1, 1], dimRoundingMode: undefined };
  const op = tf.customGrad(((xx: tfc.Tensor4D, ww: tfc.Tensor4D, bb: tfc.Tensor1D, save: tfc.GradSaveFunc) => {
    const y = tf.engine().runKernel('FusedConv2D', { x: xx, filter: ww, bias: bb }, { ...attrs, activation: 'relu' } as never) as tfc.Tensor4D;
    save([xx, ww, y]);
    return {
      value: y,
      gradFunc: (dy: tfc.Tensor4D, saved: tfc.Tensor[]) => {
        const [sx, sw, sy] = saved as tfc.Tensor4D[];
        if (hasGradKernel(tf)) {
          const grads = tf.engine().runKernel(CONV_GRAD_KERNEL, { x: sx, filter: sw, dy, y: sy }, { ...attrs, activation: 'relu', inputGrad } as never) as tfc.Tensor[];
          return inputGrad ? grads : [tf.zerosLike(sx), ...grads];
        }
        const dz = tf.mul(dy, tf.step(sy)) as tfc.Tensor4D;
        const dx = inputGrad
          ? (tf.engine().runKernel('Conv2DBackpropInput', { dy: dz, filter: sw }, { ...attrs, inputShape: sx.shape } as never) as tfc.Tensor4D)
          : tf.zerosLike(sx);
        const dw = tf.engine().runKernel('Conv2DBackpropFilter', { x: sx, dy: dz }, { ...attrs, filterShape: sw.shape } as never) as tfc.Tensor4D;
        return [dx, dw, tf.sum(dz, [0, 1, 2])];
      },
    };
  }) as unknown as Parameters<TF['customGrad']>[0]);
  return op(x, w, b) as tfc.Tensor4D;
}

/**
 * a·W + b (then ReLU when `relu`) as one differentiable op: one _FusedMatMul forward; the backward
 * is CONV_GRAD_KERNEL where there is one, else explicit transposes (wasm's BatchMatMul is slow with
 * its transpose flags).
 */
export function denseBias(tf: TF, a: tfc.Tensor2D, w: tfc.Tensor2D, b: tfc.Tensor1D, relu: boolean): tfc.Tensor2D {
  const op = tf.customGrad(((aa: tfc.Tensor2D, ww: tfc.Tensor2D, bb: tfc.Tensor1D, save: tfc.GradSaveFunc) => {
    const [n, k] = aa.shape;
    const m = ww.shape[1];
    const y3 = tf.engine().runKernel(
      '_FusedMatMul',
      { a: tf.reshape(aa, [1, n, k]), b: tf.reshape(ww, [1, k, m]), bias: bb },
      { transposeA: false, transposeB: false, activation: relu ? 'relu' : 'linear' } as never,
    ) as tfc.Tensor3D;
    const y = tf.reshape(y3, [n, m]) as tfc.Tensor2D;
    save([aa, ww, y]);
    return {
      value: y,
      gradFunc: (dy: tfc.Tensor2D, saved: tfc.Tensor[]) => {
        const [sa, sw, sy] = saved as tfc.Tensor2D[];
        if (hasGradKernel(tf)) {
          const inputs: tfc.NamedTensorMap = relu ? { x: sa, filter: sw, dy, y: sy } : { x: sa, filter: sw, dy };
          return tf.engine().runKernel(CONV_GRAD_KERNEL, inputs, { strides: 1, pad: 'valid', activation: relu ? 'relu' : 'linear', inputGrad: true } as never) as tfc.Tensor[];
        }
        const dz = relu ? (tf.mul(dy, tf.step(sy)) as tfc.Tensor2D) : dy;
        return [tf.matMul(dz, tf.transpose(sw)), tf.matMul(tf.transpose(sa), dz), tf.sum(dz, 0)];
      },
    };
  }) as unknown as Parameters<TF['customGrad']>[0]);
  return op(a, w, b) as tfc.Tensor2D;
}

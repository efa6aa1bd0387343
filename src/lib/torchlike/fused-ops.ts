// conv2d + bias + ReLU, and dense + bias (+ ReLU), each as one differentiable op. tfjs does not
// fuse these while it records gradients, so a training step would run Conv2D, Add and Relu (three
// passes over the largest activations) forward; here the forward is one fused kernel and the
// backward is written out: dz = dy·[y>0], dW = x ⋆ dz, dx = dz ⋆ Wᵀ, db = Σdz. Where the backend
// has CONV_GRAD_KERNEL (wasm), the whole backward is that one kernel.
import type * as tfc from '@tensorflow/tfjs-core';
import type { TF } from '../tfjs/tf';
import { CONV_GRAD_KERNEL, DENSE_KERNEL } from '../tfjs/kernel-names';

type Pad = 'valid' | 'same' | number;
type Saved = [x: tfc.Tensor, w: tfc.Tensor, y: tfc.Tensor];
type Forward = (x: tfc.Tensor, w: tfc.Tensor, b: tfc.Tensor) => tfc.Tensor;
type Backward = (dy: tfc.Tensor, saved: Saved) => tfc.Tensor[];

/** Whether the current backend has one of this project's own kernels (wasm's, see wasm-kernels.ts). */
export const hasKernel = (tf: TF, name: string) => tf.getKernel(name, tf.getBackend()) !== undefined;

/**
 * y = forward(x, w, b) as one differentiable op whose backward gets dy and the saved [x, w, y] and
 * returns [dx, dw, db] (`inputGrad`) or [dw, db]. Without `inputGrad` the input (the images) is no
 * input of the op, only saved: its gradient is neither computed nor filled with zeros.
 */
function layerOp(tf: TF, x: tfc.Tensor, w: tfc.Tensor, b: tfc.Tensor, inputGrad: boolean, forward: Forward, backward: Backward): tfc.Tensor {
  const body = (xx: tfc.Tensor, ww: tfc.Tensor, bb: tfc.Tensor, save: tfc.GradSaveFunc) => {
    const y = forward(xx, ww, bb);
    save([xx, ww, y]);
    return { value: y, gradFunc: (dy: tfc.Tensor, saved: tfc.Tensor[]) => backward(dy, saved as Saved) };
  };
  type Op = (...args: tfc.Tensor[]) => tfc.Tensor;
  if (inputGrad) return (tf.customGrad(body as unknown as Parameters<TF['customGrad']>[0]) as unknown as Op)(x, w, b);
  const op = tf.customGrad(((ww: tfc.Tensor, bb: tfc.Tensor, save: tfc.GradSaveFunc) => body(x, ww, bb, save)) as unknown as Parameters<TF['customGrad']>[0]);
  return (op as unknown as Op)(w, b);
}

/** `inputGrad: false` for a first layer, whose input (the images) needs no gradient: saves a convolution. */
export function conv2dBiasRelu(tf: TF, x: tfc.Tensor4D, w: tfc.Tensor4D, b: tfc.Tensor1D, pad: Pad, inputGrad = true): tfc.Tensor4D {
  const attrs = { strides: [1, 1], pad, dataFormat: 'NHWC', dilations: [1, 1], dimRoundingMode: undefined };
  const forward: Forward = (xx, ww, bb) => tf.engine().runKernel('FusedConv2D', { x: xx, filter: ww, bias: bb }, { ...attrs, activation: 'relu' } as never) as tfc.Tensor4D;
  const backward: Backward = (dy, [sx, sw, sy]) => {
    if (hasKernel(tf, CONV_GRAD_KERNEL))
      return tf.engine().runKernel(CONV_GRAD_KERNEL, { x: sx, filter: sw, dy, y: sy }, { ...attrs, activation: 'relu', inputGrad } as never) as tfc.Tensor[];
    const dz = tf.mul(dy, tf.step(sy)) as tfc.Tensor4D;
    const dw = tf.engine().runKernel('Conv2DBackpropFilter', { x: sx, dy: dz }, { ...attrs, filterShape: sw.shape } as never) as tfc.Tensor4D;
    const db = tf.sum(dz, [0, 1, 2]);
    if (!inputGrad) return [dw, db];
    const dx = tf.engine().runKernel('Conv2DBackpropInput', { dy: dz, filter: sw }, { ...attrs, inputShape: sx.shape } as never) as tfc.Tensor4D;
    return [dx, dw, db];
  };
  return layerOp(tf, x, w, b, inputGrad, forward, backward) as tfc.Tensor4D;
}

/**
 * a·W + b (then ReLU when `relu`) as one differentiable op: forward DENSE_KERNEL where there is one,
 * else one _FusedMatMul; the backward is CONV_GRAD_KERNEL where there is one, else explicit
 * transposes (wasm's BatchMatMul is slow with its transpose flags).
 */
export function denseBias(tf: TF, a: tfc.Tensor2D, w: tfc.Tensor2D, b: tfc.Tensor1D, relu: boolean, inputGrad = true): tfc.Tensor2D {
  const activation = relu ? 'relu' : 'linear';
  const forward: Forward = (aa, ww, bb) => {
    if (hasKernel(tf, DENSE_KERNEL)) return tf.engine().runKernel(DENSE_KERNEL, { x: aa, filter: ww, bias: bb }, { activation } as never) as tfc.Tensor2D;
    const [n, k] = aa.shape as [number, number];
    const m = ww.shape[1] as number;
    const y3 = tf.engine().runKernel('_FusedMatMul', { a: tf.reshape(aa, [1, n, k]), b: tf.reshape(ww, [1, k, m]), bias: bb }, { transposeA: false, transposeB: false, activation } as never) as tfc.Tensor3D;
    return tf.reshape(y3, [n, m]);
  };
  const backward: Backward = (dy, [sa, sw, sy]) => {
    if (hasKernel(tf, CONV_GRAD_KERNEL)) {
      const inputs: tfc.NamedTensorMap = relu ? { x: sa, filter: sw, dy, y: sy } : { x: sa, filter: sw, dy };
      return tf.engine().runKernel(CONV_GRAD_KERNEL, inputs, { strides: 1, pad: 'valid', activation, inputGrad } as never) as tfc.Tensor[];
    }
    const dz = relu ? (tf.mul(dy, tf.step(sy)) as tfc.Tensor2D) : (dy as tfc.Tensor2D);
    const dw = tf.matMul(tf.transpose(sa as tfc.Tensor2D), dz);
    const db = tf.sum(dz, 0);
    return inputGrad ? [tf.matMul(dz, tf.transpose(sw as tfc.Tensor2D)), dw, db] : [dw, db];
  };
  return layerOp(tf, a, w, b, inputGrad, forward, backward) as tfc.Tensor2D;
}

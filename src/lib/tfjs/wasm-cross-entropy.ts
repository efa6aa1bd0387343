// The cross-entropy wasm kernel: CnnSoftmaxCrossEntropy, the loss and its gradient in one call, in
// JavaScript on tfjs's heap (a batch's logits are a few hundred numbers). It replaces a dozen tfjs
// ops a step (one-hot, log-softmax, sums, the gradient's arithmetic) and their bookkeeping.
import type * as tfc from '@tensorflow/tfjs-core';
import { CROSS_ENTROPY_KERNEL } from './kernel-names';
import type { KernelArgs } from './wasm-kernel-args';

/**
 * Mean softmax cross-entropy of `z` ([rows, classes], row-major) against class indices (`labels`
 * of length rows) or targets ([rows, classes]); writes (softmax(z) − target)/rows into `grad`.
 * Throws a RangeError naming the first label that is not a class.
 */
export function softmaxCrossEntropy(z: ArrayLike<number>, classes: number, target: ArrayLike<number>, grad: Float32Array): number {
  const rows = classes ? z.length / classes : 0;
  const indices = target.length === rows;
  if (indices) {
    for (let r = 0; r < rows; r++) {
      const l = target[r];
      if (!Number.isInteger(l) || l < 0 || l >= classes) throw new RangeError(`CrossEntropyLoss: label ${l} (row ${r}) is not a class from 0 to ${classes - 1}`);
    }
  }
  let total = 0;
  for (let r = 0, o = 0; r < rows; r++, o += classes) {
    let max = -Infinity;
    for (let c = 0; c < classes; c++) max = Math.max(max, z[o + c]);
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp(z[o + c] - max);
    const logSum = max + Math.log(sum);
    for (let c = 0; c < classes; c++) {
      const t = indices ? (target[r] === c ? 1 : 0) : target[o + c];
      if (t) total -= t * (z[o + c] - logSum);
      grad[o + c] = (Math.exp(z[o + c] - logSum) - t) / rows;
    }
  }
  return rows ? total / rows : NaN;
}

/** [loss, dlogits] (see CROSS_ENTROPY_KERNEL). */
export function crossEntropyKernel(args: KernelArgs): tfc.TensorInfo[] {
  const { inputs, backend } = args;
  const { logits, labels } = inputs as { logits: tfc.TensorInfo; labels: tfc.TensorInfo };
  const [rows, classes] = logits.shape;
  const asIndices = labels.shape.length === 1 && labels.shape[0] === rows;
  const asTargets = labels.shape.length === 2 && labels.shape[0] === rows && labels.shape[1] === classes;
  if (logits.shape.length !== 2 || logits.dtype !== 'float32' || !(asIndices || asTargets) || (labels.dtype !== 'int32' && labels.dtype !== 'float32'))
    throw new RangeError(`${CROSS_ENTROPY_KERNEL}: logits [${logits.shape}] (${logits.dtype}) need labels [${rows}] or targets [${rows}, ${classes}], got [${labels.shape}] (${labels.dtype})`);
  const out = backend.makeOutput([rows, classes], 'float32');
  // Views after the allocations: an allocation can grow the heap.
  const grad = backend.typedArrayFromHeap(out) as Float32Array;
  let loss: number;
  try {
    loss = softmaxCrossEntropy(backend.typedArrayFromHeap(logits), classes, backend.typedArrayFromHeap(labels), grad);
  } catch (e) {
    backend.disposeData(out.dataId);
    throw e;
  }
  const value = backend.makeOutput([], 'float32');
  (backend.typedArrayFromHeap(value) as Float32Array)[0] = loss;
  return [value, out];
}

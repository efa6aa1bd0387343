// One plain-SGD update of many variables: v ← v − α·∇v. Where the backend has SGD_KERNEL (wasm)
// it is one kernel for all of them (one pass each, no intermediate tensors); elsewhere two ops per
// variable. Call inside a tidy.
import type * as tfc from '@tensorflow/tfjs-core';
import { SGD_KERNEL } from './kernel-names';

export function sgdUpdate(tf: typeof tfc, vars: tfc.Variable[], grads: tfc.NamedTensorMap, alpha: number): void {
  if (tf.getKernel(SGD_KERNEL, tf.getBackend())) {
    const inputs: tfc.NamedTensorMap = {};
    vars.forEach((v, i) => {
      inputs[`v${i}`] = v;
      inputs[`g${i}`] = grads[v.name];
    });
    const next = tf.engine().runKernel(SGD_KERNEL, inputs, { alpha, count: vars.length } as never) as tfc.Tensor[];
    vars.forEach((v, i) => v.assign(next[i]));
    return;
  }
  for (const v of vars) v.assign(tf.sub(v, tf.mul(grads[v.name], alpha)));
}

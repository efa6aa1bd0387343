// The SGD wasm kernel: CnnSgdUpdate, plain SGD for every variable in one call.
import type * as tfc from '@tensorflow/tfjs-core';
import { nativeFor } from './native-kernels';
import { SGD_KERNEL } from './kernel-names';
import { size, type KernelArgs } from './wasm-kernel-args';

/** vᵢ − alpha·gᵢ for every variable in one call (see SGD_KERNEL). */
export function sgdUpdate(args: KernelArgs): tfc.TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const { alpha, count } = attrs as unknown as { alpha: number; count: number };
  const n = nativeFor(backend);
  return Array.from({ length: count }, (_, i) => {
    const v = inputs[`v${i}`] as tfc.TensorInfo;
    const g = inputs[`g${i}`] as tfc.TensorInfo;
    if (size(v.shape) !== size(g.shape)) throw new RangeError(`${SGD_KERNEL}: variable ${i} has ${size(v.shape)} values, its gradient ${size(g.shape)}`);
    const out = backend.makeOutput([...v.shape], 'float32');
    n.k.sgd_step(n.ptr(v), n.ptr(g), alpha, n.ptr(out), size(v.shape));
    return out;
  });
}

// The Identity wasm kernel: it shares its input's data instead of copying it (tfjs clones every
// tensor a gradient saves).
import type * as tfc from '@tensorflow/tfjs-core';
import type { KernelArgs } from './wasm-kernel-args';

/** A clone shares the data (tensors are immutable; the cpu backend does the same). */
export function identity(args: KernelArgs): tfc.TensorInfo {
  const x = args.inputs.x as tfc.TensorInfo;
  args.backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

// Tensors a gradient saves (tfjs clones every one it keeps for the backward pass: a LeNet-5 step
// saves 21) share their data on wasm without a kernel call or a tape node: the engine's internal
// clone runs the Identity kernel and records the clone on the tape, which only a gradient of a
// gradient needs. That one (a nested tape) keeps tfjs's own clone.
import type * as tfc from '@tensorflow/tfjs-core';

interface EngineInternals {
  clone(x: tfc.Tensor): tfc.Tensor;
  backendName: string;
  backend: unknown;
  state: { gradientDepth: number; tensorInfo: WeakMap<object, { backend: { incRef?(dataId: object): void } }> };
  makeTensorFromDataId(dataId: object, shape: number[], dtype: tfc.DataType, backend?: unknown): tfc.Tensor;
}

const patched = new WeakSet<object>();

/** Makes `engine`'s saved-tensor clones share data while the wasm backend computes (once per engine). */
export function shareSavedClones(engine: ReturnType<typeof tfc.engine>): void {
  const e = engine as unknown as EngineInternals;
  if (patched.has(e)) return;
  patched.add(e);
  const tfjsClone = e.clone;
  e.clone = function clone(this: EngineInternals, x: tfc.Tensor): tfc.Tensor {
    const info = this.state.tensorInfo.get(x.dataId as object);
    const backend = info?.backend;
    if (this.state.gradientDepth > 1 || this.backendName !== 'wasm' || backend !== this.backend || !backend?.incRef) return tfjsClone.call(this, x);
    backend.incRef(x.dataId as object);
    return this.makeTensorFromDataId(x.dataId as object, x.shape, x.dtype, backend);
  };
}

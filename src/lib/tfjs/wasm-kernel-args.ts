// What every one of our wasm kernels shares: its arguments, the stock kernels it falls back to,
// scratch memory on tfjs's heap and how work is split across the kernel threads.
import type * as tfc from '@tensorflow/tfjs-core';
import type { Native, WasmBackend } from './native-kernels';

export type KernelFunc = tfc.KernelConfig['kernelFunc'];
export type Backend = WasmBackend & { incRef(dataId: unknown): void };
export type KernelArgs = { inputs: tfc.NamedTensorInfoMap; backend: Backend; attrs: tfc.NamedAttrMap };

/** The stock kernels we replace, kept for the configurations ours do not cover. */
export const stock = new Map<string, KernelFunc>();
export const fallback = (name: string, args: KernelArgs) => stock.get(name)!(args as never) as tfc.TensorInfo;

export const round4 = (n: number) => (n + 3) & ~3;
export const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * Items per claim where the split does not change the result (each item written by one call):
 * about four claims per thread, for balance, without a call per item (each costs a JS→wasm call).
 */
export const claim = (n: Native, items: number) => Math.max(1, Math.ceil(items / (n.pool.size * 4)));

/** Runs `f` with scratch buffers that are freed afterwards. */
export function withScratch<T>(n: Native, f: (alloc: (floats: number) => number) => T): T {
  const held: number[] = [];
  try {
    return f((floats) => {
      const p = n.alloc(floats);
      held.push(p);
      return p;
    });
  } finally {
    for (const p of held) n.free(p);
  }
}

export const isNHWC = (dataFormat: unknown) => dataFormat == null || dataFormat === 'NHWC';
export const floats = (...ts: (tfc.TensorInfo | undefined)[]) => ts.every((t) => !t || t.dtype === 'float32');

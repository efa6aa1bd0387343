/**
 * tfjs for notebook cells: `import * as tf from '@tensorflow/tfjs'` in a cell gets tfjs-core plus
 * tfjs-layers (one namespace, like the full package), on the fastest backend that really runs here.
 * Loaded on first import only. Runs in the kernel worker. Loading and choosing the backend are the
 * training worker's (src/lib/tfjs/backends.ts): a software-rendered GPU is never picked by itself.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import type { BackendInfo, BackendName } from '../lenet/protocol';

export type TfNamespace = typeof tfc & Record<string, unknown>;

export interface TfSetup {
  tf: TfNamespace;
  backend: BackendName;
  infos: BackendInfo[];
}

let setup: Promise<TfSetup> | null = null;

export function setupTf(): Promise<TfSetup> {
  setup ??= (async () => {
    const [{ loadTf, probeBackends, useBackend }, { wasmPaths }, layers] = await Promise.all([
      import('../tfjs/backends'),
      import('../tfjs/wasm-paths'),
      import('@tensorflow/tfjs-layers'),
    ]);
    // No WebGPU: it would not be picked over WebGL/wasm, and it is the biggest backend to load.
    const core = await loadTf({ wasmPaths, backends: ['webgl', 'wasm', 'cpu'] });
    const infos = await probeBackends(core);
    const backend = await useBackend(core, infos);
    const tf = Object.assign({}, core, layers) as TfNamespace;
    return { tf, backend, infos };
  })();
  setup.catch(() => (setup = null));
  return setup;
}

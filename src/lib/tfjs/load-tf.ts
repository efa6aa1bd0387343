// The one tfjs loader: tfjs-core with the backends asked for, once per realm. The lecture widgets ask for
// WIDGET_TF (cpu alone); the host (backends.ts) for every backend, the gradients and our wasm kernels.
// Only cpu's import is written here: backends.ts adds how the other parts load (addParts), so a lecture
// page's bundle, and the service worker that precaches it, hold no wasm, WebGL or WebGPU code.
import { BACKEND_PREFERENCE, type BackendName } from './backend-info';
import type { TF, TFLayers } from './tf';

export interface LoadOptions {
  /** Browser only: URLs of the wasm binaries (see wasm-paths.ts); Node finds them itself. */
  wasmPaths?: Record<string, string>;
  /** Which backends to register; default all four. Node tests use ['wasm', 'cpu']. */
  backends?: readonly BackendName[];
  /**
   * Threads for the wasm backend where the page is cross-origin isolated; default: `threads=N` in
   * this worker's name (the bench measures 1 and 2 that way), else wasmThreadCount(cores).
   */
  threads?: number;
  /** Gradients and chained ops (t.sum(), …), which training and the cells need; default true. */
  gradients?: boolean;
}

/**
 * What the lecture widgets load: tfjs-core on the cpu backend alone, forward ops only. For their tiny
 * tensors cpu is the fastest backend, computes in float32 like the others, and is the smallest download.
 */
export const WIDGET_TF: LoadOptions = { backends: ['cpu'], gradients: false };

/** Loads one part into tfjs: a backend, or the gradients and chained ops. */
export type PartLoader = (tf: TF, opts: LoadOptions) => Promise<unknown>;
export type Part = BackendName | 'gradients';

const parts: Partial<Record<Part, PartLoader>> = { cpu: () => import('@tensorflow/tfjs-backend-cpu') };

/** How the parts other than cpu load (backends.ts gives them when it is imported). */
export function addParts(more: Partial<Record<Part, PartLoader>>): void {
  Object.assign(parts, more);
}

function part(name: Part): PartLoader {
  const load = parts[name];
  if (!load) throw new Error(`tfjs ${name} cannot load here: load tfjs through src/lib/tfjs/backends.ts for it`);
  return load;
}

let loaded: Promise<TF> | null = null;
let layers: Promise<TFLayers> | null = null;

/**
 * Import tfjs-core and the parts asked for, once per realm: the first call's options hold (a lecture page asks
 * for WIDGET_TF, the notebook's worker for everything). With one backend asked for there is nothing to choose:
 * it is made the active one here; among several, backends.ts's probeBackends and useBackend choose.
 * A failed load (a download cut off) is forgotten, so the next call tries again.
 */
export function loadTf(opts: LoadOptions = {}): Promise<TF> {
  loaded ??= (async () => {
    const wanted = opts.backends ?? BACKEND_PREFERENCE;
    const tf = await import('@tensorflow/tfjs-core');
    if (opts.gradients !== false) await part('gradients')(tf, opts);
    for (const name of ['cpu', 'wasm', 'webgl', 'webgpu'] as const) if (wanted.includes(name)) await part(name)(tf, opts);
    tf.env().set('IS_TEST', false);
    if (wanted.length === 1 && !(await tf.setBackend(wanted[0]))) throw new Error(`tfjs: the ${wanted[0]} backend did not start`);
    return tf;
  })();
  loaded.catch(() => (loaded = null));
  return loaded;
}

/** tfjs-layers (the widgets count parameters with it), loaded after the core it builds on. */
export function loadTfLayers(opts: LoadOptions = {}): Promise<TFLayers> {
  layers ??= loadTf(opts).then(() => import('@tensorflow/tfjs-layers'));
  layers.catch(() => (layers = null));
  return layers;
}

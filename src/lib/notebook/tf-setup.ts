/**
 * tfjs for notebook cells: `import * as tf from '@tensorflow/tfjs'` in a cell gets tfjs-core plus
 * tfjs-layers (one namespace, like the full package), on the fastest backend that really runs here.
 * Loaded on first import only. Runs in the kernel worker.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import type { BackendInfo, BackendName } from '../lenet/protocol';

export type TfNamespace = typeof tfc & Record<string, unknown>;

export interface TfSetup {
  tf: TfNamespace;
  backend: BackendName;
  infos: BackendInfo[];
}

/** Renderer names of software GL, where tfjs-webgl trains slower than wasm (see DESIGN.md). */
const SOFTWARE_GL = /swiftshader|llvmpipe|softpipe|software|basic render/i;

function webglRenderer(tf: typeof tfc): string {
  try {
    const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
    if (!gl) return '';
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    return String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
  } catch {
    return '';
  }
}

/** WebGL on a real GPU first, then wasm, then cpu; software GL (or WebGPU, if loaded) only when nothing else works. */
export async function chooseBackend(tf: typeof tfc, infos: BackendInfo[]): Promise<BackendName> {
  const ok = (n: BackendName) => infos.some((i) => i.name === n && i.available);
  if (ok('webgl') && (await tf.setBackend('webgl')) && !SOFTWARE_GL.test(webglRenderer(tf))) return 'webgl';
  for (const name of ['wasm', 'cpu', 'webgl', 'webgpu'] as BackendName[]) {
    if (ok(name) && (await tf.setBackend(name))) return name;
  }
  throw new Error('no TensorFlow.js backend works in this browser');
}

let setup: Promise<TfSetup> | null = null;

export function setupTf(): Promise<TfSetup> {
  setup ??= (async () => {
    const [{ loadTf, probeBackends }, { wasmPaths }, layers] = await Promise.all([
      import('../tfjs/backends'),
      import('../tfjs/wasm-paths'),
      import('@tensorflow/tfjs-layers'),
    ]);
    // No WebGPU: chooseBackend would not pick it over WebGL/wasm, and it is the biggest backend to load.
    const core = await loadTf({ wasmPaths, backends: ['webgl', 'wasm', 'cpu'] });
    // Method chaining (t.argMax(1).sum()) as in the full @tensorflow/tfjs package.
    await import('@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops');
    const infos = await probeBackends(core);
    const backend = await chooseBackend(core, infos);
    const tf = Object.assign({}, core, layers) as TfNamespace;
    return { tf, backend, infos };
  })();
  setup.catch(() => (setup = null));
  return setup;
}

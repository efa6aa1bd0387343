/**
 * tfjs for notebook cells: `import * as tf from '@tensorflow/tfjs'` in a cell gets the host's
 * tfjs-core (the one the model and the views use, on the backend the host picked) plus
 * tfjs-layers, as one namespace like the full package. Loaded on first import only.
 */
import type { BackendInfo, BackendName } from '../tfjs/backend-info';
import type { CellTF, TF } from '../tfjs/tf';

let namespace: Promise<CellTF> | null = null;

/** `core` is the host's tfjs (already loaded); layers come on first use. */
export function cellTf(core: TF): Promise<CellTF> {
  namespace ??= import('@tensorflow/tfjs-layers').then((layers) => Object.assign({}, core, layers) as CellTF);
  namespace.catch(() => (namespace = null));
  return namespace;
}

/** "TensorFlow.js 4.22.0 · backend: wasm (SIMD, 1 thread)": the line the setup cell prints. */
export function tfBanner(tf: TF, backend: BackendName | undefined, detail?: string): string {
  return `TensorFlow.js ${tf.version_core} · backend: ${backend ?? tf.getBackend()}${detail ? ` (${detail})` : ''}`;
}

const LABEL: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WebAssembly', cpu: 'plain JavaScript' };

/**
 * The second line the setup cell prints: what this browser offers besides the backend in use, in
 * the course's words ("WebGPU: not in this browser. WebGL: software-rendered, slower than
 * WebAssembly, so not used."). Empty when there is nothing to say.
 */
export function otherBackends(infos: BackendInfo[], used: BackendName | undefined): string {
  const said = infos
    .filter((b) => b.name !== used && b.name !== 'cpu')
    .map((b) => {
      if (!b.available) return `${LABEL[b.name]}: not in this browser${b.detail && b.detail !== 'not supported here' ? ` (${b.detail})` : ''}.`;
      if (b.software) return `${LABEL[b.name]}: software-rendered, slower than ${LABEL[used ?? 'wasm']}, so not used.`;
      return `${LABEL[b.name]}: available, measured slower here, so not used.`;
    });
  return said.join(' ');
}

// Loads tfjs on demand (dynamic import, so it is a separate chunk fetched on first use) on the cpu backend:
// for these tiny tensors it is the fastest backend and computes in float32 like the others.
import type { Tf } from './tf';

let corePromise: Promise<Tf> | null = null;
let layersPromise: Promise<typeof import('@tensorflow/tfjs-layers')> | null = null;

export function loadTf(): Promise<Tf> {
  corePromise ??= (async () => {
    const tf = await import('@tensorflow/tfjs-core');
    await import('@tensorflow/tfjs-backend-cpu');
    if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
    await tf.ready();
    return tf;
  })();
  corePromise.catch(() => {
    corePromise = null; // let a later interaction retry after a failed download
  });
  return corePromise;
}

/** tfjs-layers (for countParams()), loaded after the core it builds on. */
export function loadTfLayers(): Promise<typeof import('@tensorflow/tfjs-layers')> {
  layersPromise ??= loadTf().then(() => import('@tensorflow/tfjs-layers'));
  layersPromise.catch(() => {
    layersPromise = null;
  });
  return layersPromise;
}

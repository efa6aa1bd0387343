/**
 * MNIST for the browser (page or Web Worker; no DOM) — public API.
 *
 *   const mnist = await loadMnist({ onProgress: (p) => bar.value = p.loadedBytes / p.totalBytes });
 *   mnist.train.images  // PackedImages: 60000 × 28 × 28 raw pixels 0..255, kept packed
 *   mnist.train.labels  // Uint8Array, 60000 digits
 *   imagePixels(mnist.train, 0)  // Float32Array(784) in [0, 1]
 *
 * Pixels stay packed uint8 in memory (zero runs skipped: 14 MB, not 55 MB raw or 220 MB as float32);
 * they are scaled to float32 [0, 1] per image or per batch (see src/lib/random `batches`). Assets come from
 * scripts/prepare-mnist.mjs under `<base>data/mnist/`; the loader verifies their SHA-256 and keeps
 * them in the Cache API, so a second visit downloads nothing and works offline. On the workshop page
 * the notebook's worker holds the one copy (src/lib/workshop/host.ts); the page's own thread
 * never touches them.
 */
export { parseIdx, parseImages, parseLabels, type IdxArray, type IdxImages } from './idx';
export {
  MNIST_FILES,
  parseManifest,
  type MnistFileName,
  type MnistManifest,
  type MnistManifestFile,
} from './manifest';
export { imagePixels, scalePixels, pixelRange, type MnistSplit, type Mnist } from './dataset';
export { PackedImages } from './packed-images';
export { loadMnist, clearMnistCache } from './load';
export { isMnistCached, MNIST_CACHE_NAME } from './cache';
export { mnistBaseUrl } from './urls';
export { MnistLoadError, type MnistLoadErrorKind } from './errors';
export { type LoadMnistOptions, type MnistProgress, type MnistLoadInfo, type LoadedMnist } from './load-options';
// The notebook split and the batcher live in src/lib/random; re-exported for convenience.
export { notebookSplit, epochOrder, batches, batchCount, toTensors } from '../random';

/** What a load of MNIST takes (options) and gives (the data, progress on the way, and how it went). */
import type { Mnist } from './dataset';
import type { MnistFileName, MnistManifest } from './manifest';

export interface MnistProgress {
  stage: 'manifest' | 'download' | 'verify' | 'ready';
  file?: MnistFileName;
  /** Compressed bytes done (downloaded or found in the cache) out of the manifest's total. */
  loadedBytes: number;
  totalBytes: number;
  /** Bytes that came over the network in this load. */
  transferredBytes: number;
}

export interface MnistLoadInfo {
  /** Every file (and the manifest) came from the Cache API. */
  fromCache: boolean;
  transferredBytes: number;
  /** Whether the data is now stored for next time (false without the Cache API or over quota). */
  cached: boolean;
  ms: number;
  manifest: MnistManifest;
}

export interface LoadedMnist extends Mnist {
  info: MnistLoadInfo;
}

export interface LoadMnistOptions {
  /** Folder of manifest.json and the assets; default `<BASE_URL>data/mnist/`. */
  baseUrl?: string;
  onProgress?: (p: MnistProgress) => void;
  signal?: AbortSignal;
  /** For tests: a fetch and a CacheStorage (null: no caching). Giving either opts out of sharing. */
  fetch?: typeof fetch;
  caches?: CacheStorage | null;
}

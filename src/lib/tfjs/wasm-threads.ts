// Making tfjs-backend-wasm's threads start in a bundled site. The threaded build starts each
// thread (a Web Worker) with `new Blob(['var WasmBackendModuleThreadedSimd = ' + factory.toString()])`;
// once a bundler has minified the factory, its text refers to names outside itself, every thread
// fails to load ("e is not defined") and the backend waits for them forever. While the backend
// initialises, that one Blob gets the text of tfjs's own unbundled copy of the factory instead,
// fetched here, so a thread loads nothing itself. Its pool of thread workers starts one at a time
// (see serial-workers.ts).
import { serialWorkerClass } from './serial-workers';
import { POOL_SIZE_GLOBAL } from './thread-pool-size';

const FACTORY_PREFIX = 'var WasmBackendModuleThreadedSimd = ';

/** Thrown when the threads do not start in time (see `withThreadScript`). */
export class WasmThreadsStalled extends Error {
  constructor(ms: number) {
    super(`TensorFlow.js's WebAssembly threads did not start within ${Math.round(ms / 1000)} s.`);
    this.name = 'WasmThreadsStalled';
  }
}

/** How long the threaded backend may take to start before it counts as stalled. */
export const THREAD_START_MS = 20_000;

/**
 * Runs `init` (which initialises the wasm backend for `threads` threads) with the thread script
 * replaced by the text of `factoryUrl` (tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js
 * as served), a pool of `threads − 1` workers started one at a time. Rejects with WasmThreadsStalled
 * after `timeoutMs` if the threads never start; the notebook then starts a fresh worker (see
 * RuntimeSession).
 */
export async function withThreadScript<T>(factoryUrl: string | undefined, threads: number, init: () => Promise<T>, timeoutMs = THREAD_START_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stalled = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new WasmThreadsStalled(timeoutMs)), timeoutMs)));
  const g = globalThis as { Blob: typeof Blob; Worker?: unknown; location?: { href: string } };
  const Original = g.Blob;
  const OriginalWorker = g.Worker;
  const pool = globalThis as Record<string, unknown>;
  try {
    pool[POOL_SIZE_GLOBAL] = Math.max(1, threads - 1); // the workers its threads need, no more (thread-pool-size.ts)
    if (typeof OriginalWorker === 'function') g.Worker = serialWorkerClass(OriginalWorker as never);
    if (factoryUrl && typeof g.Blob === 'function' && g.location) {
      const absolute = new URL(factoryUrl, g.location.href).href;
      const text = await Promise.race([fetch(absolute).then((r) => (r.ok ? r.text() : null), () => null), stalled]);
      g.Blob = class extends Original {
        constructor(parts?: BlobPart[], options?: BlobPropertyBag) {
          const first = parts?.[0];
          const isFactory = parts?.length === 1 && typeof first === 'string' && first.startsWith(FACTORY_PREFIX);
          super(isFactory ? [text ?? `importScripts(${JSON.stringify(absolute)});`] : parts, options);
        }
      };
    }
    return await Promise.race([init(), stalled]);
  } finally {
    clearTimeout(timer);
    g.Blob = Original;
    g.Worker = OriginalWorker;
    delete pool[POOL_SIZE_GLOBAL];
  }
}

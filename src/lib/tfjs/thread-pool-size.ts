// tfjs-backend-wasm's threaded build starts a pool of 8 thread workers whatever the thread count,
// and Firefox may hang for good creating any one of them (see serial-workers.ts). Its threads need
// `threads − 1` workers (the calling thread is the other one), so the build reads the pool's size
// from a global that wasm-threads.ts sets while the backend initialises.

/** The global read for the pool's size (unset: tfjs's own 8). */
export const POOL_SIZE_GLOBAL = '__cnnWasmThreadPool';

const EMSCRIPTEN_POOL = 'var pthreadPoolSize=8;';

/** Rewrites the pool size in the threaded build's script (its source as shipped). */
export function withPoolSizeGlobal(code: string): string | null {
  if (!code.includes(EMSCRIPTEN_POOL)) return null;
  return code.replace(EMSCRIPTEN_POOL, `var pthreadPoolSize=globalThis.${POOL_SIZE_GLOBAL}||8;`);
}

/** A Vite plugin applying `withPoolSizeGlobal` to tfjs-backend-wasm's threaded build. */
export function tfjsThreadPoolSize() {
  return {
    name: 'cnn-tfjs-thread-pool-size',
    transform(code: string, id: string) {
      // The module itself, not its `?url` asset (the text each thread loads, which starts no pool).
      if (!id.endsWith('tfjs-backend-wasm-threaded-simd.js')) return null;
      const out = withPoolSizeGlobal(code);
      if (out === null) throw new Error(`tfjs-backend-wasm's threaded build no longer contains "${EMSCRIPTEN_POOL}" (${id}): update src/lib/tfjs/thread-pool-size.ts`);
      return { code: out, map: null };
    },
  };
}

// Browser only: Vite emits the wasm backend's binaries as assets under the site's base path and
// gives us their URLs; tfjs-backend-wasm then fetches the right one (SIMD, threaded SIMD, plain).
// The threaded build's unbundled script is what its threads load (see wasm-threads.ts).
import plain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import threadScript from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js?url';

/** Key of the threads' script in `wasmPaths` (tfjs itself ignores it). */
export const THREAD_SCRIPT = 'tfjs-backend-wasm-threaded-simd.js';

export const wasmPaths: Record<string, string> = {
  'tfjs-backend-wasm.wasm': plain,
  'tfjs-backend-wasm-simd.wasm': simd,
  'tfjs-backend-wasm-threaded-simd.wasm': threadedSimd,
  [THREAD_SCRIPT]: threadScript,
};

// Making tfjs-backend-wasm's threads start in a bundled site. The threaded build starts each
// thread (a Web Worker) with `new Blob(['var WasmBackendModuleThreadedSimd = ' + factory.toString()])`;
// once a bundler has minified the factory, its text refers to names outside itself, every thread
// fails to load ("e is not defined") and the backend waits for them forever. While the backend
// initialises, that one Blob is replaced by a loader of tfjs's own unbundled copy of the factory.

const FACTORY_PREFIX = 'var WasmBackendModuleThreadedSimd = ';

/**
 * Runs `init` (which initialises the wasm backend) with the thread script redirected to
 * `factoryUrl` (tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js as served).
 */
export async function withThreadScript<T>(factoryUrl: string | undefined, init: () => Promise<T>): Promise<T> {
  const g = globalThis as { Blob: typeof Blob; location?: { href: string } };
  if (!factoryUrl || typeof g.Blob !== 'function' || !g.location) return init();
  const absolute = new URL(factoryUrl, g.location.href).href;
  const Original = g.Blob;
  g.Blob = class extends Original {
    constructor(parts?: BlobPart[], options?: BlobPropertyBag) {
      const first = parts?.[0];
      const isFactory = parts?.length === 1 && typeof first === 'string' && first.startsWith(FACTORY_PREFIX);
      super(isFactory ? [`importScripts(${JSON.stringify(absolute)});`] : parts, options);
    }
  };
  try {
    return await init();
  } finally {
    g.Blob = Original;
  }
}

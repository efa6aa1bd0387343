// WebKitGTK (2.50) makes a cross-origin isolated page's workers shared memory (a shared
// WebAssembly.Memory's buffer is a SharedArrayBuffer) but does not name the constructor in a
// worker's globals, so tfjs and our kernels saw "no threads" and ran on one. Naming it again is
// the browser's own constructor, not a stand-in, and only where the page is isolated.

/** Makes `globalThis.SharedArrayBuffer` the browser's own where shared memory works but the name is missing; true when it is there. */
export function exposeSharedArrayBuffer(g: { SharedArrayBuffer?: unknown; crossOriginIsolated?: boolean } = globalThis as never): boolean {
  if (typeof g.SharedArrayBuffer === 'function') return true;
  if (g.crossOriginIsolated !== true) return false;
  try {
    const buffer = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }).buffer;
    if (Object.prototype.toString.call(buffer) !== '[object SharedArrayBuffer]') return false;
    Object.defineProperty(g, 'SharedArrayBuffer', { value: buffer.constructor, writable: true, configurable: true });
    return true;
  } catch {
    return false;
  }
}

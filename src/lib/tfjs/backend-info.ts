// The backends tfjs may train on, in the order they are tried, and what a probe found about each.

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** Best first: the order in which the worker tries backends when none is asked for. */
export const BACKEND_PREFERENCE: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export interface BackendInfo {
  name: BackendName;
  /** Whether the backend initialised in this worker. */
  available: boolean;
  /** Why it is not available, or notes such as "SIMD, 1 thread" or the GPU's renderer. */
  detail?: string;
  /**
   * A GPU backend that runs on a software rasteriser (SwiftShader, llvmpipe): it works but is far
   * slower than wasm, so the worker does not pick it by itself; the student still may.
   */
  software?: boolean;
}

// tfjs for training: how the backends (wasm with our SIMD kernels, WebGL, WebGPU) and the gradients load into
// the one loader (load-tf.ts), probing which backends work here and picking the best (WebGPU, WebGL, WASM,
// CPU). Works in a Web Worker and in Node. Import loadTf from here to have these parts.
import { BACKEND_PREFERENCE, type BackendInfo, type BackendName } from './backend-info';
import type { TF } from './tf';
import { addParts, loadTf, type LoadOptions } from './load-tf';
import { WasmThreadsStalled, withThreadScript } from './wasm-threads';
import { exposeSharedArrayBuffer } from './shared-memory';

export type { TF, LoadOptions };
export { loadTf };

/** wasm threads for a machine with `cores` cores: all of them, less one for the page where there are more than 2 (at most 8). */
export function wasmThreadCount(cores: number): number {
  if (!Number.isFinite(cores) || cores < 1) return 1;
  return Math.max(1, Math.min(8, cores > 2 ? cores - 1 : Math.floor(cores)));
}

/** The wasm threads, and whether the kernels adapt how many of them take part (adaptive unless fixed). */
function threadsWanted(opts: LoadOptions): { threads: number; adaptive: boolean } {
  if (opts.threads !== undefined) return { threads: opts.threads, adaptive: false };
  // A worker's name may say `threads=N`, a fixed count (the bench and tests; a query on a module
  // worker's URL would load its shared chunks twice).
  const g = globalThis as { name?: string; navigator?: { hardwareConcurrency?: number } };
  const named = Number(/(?:^|\s)threads=(\d+)/.exec(typeof g.name === 'string' ? g.name : '')?.[1]);
  if (named > 0) return { threads: named, adaptive: false };
  return { threads: wasmThreadCount(g.navigator?.hardwareConcurrency ?? 1), adaptive: true };
}

/** The URL of tfjs-wasm's thread script, from LoadOptions.wasmPaths (see wasm-paths.ts). */
let threadScript: string | undefined;
/** Threads asked for the wasm kernels (see LoadOptions.threads) and how many run. */
let threadsAsked = 1;
let threadsAdaptive = false;
let threadsRunning = 1;
/** Whether the wasm kernels are the relaxed-SIMD variant (fused multiply-add; see native-kernels.ts). */
let kernelsFma = false;

// GPU backends only where the API exists (never in Node); a failed import just means "not available".
const gpuGlobals = globalThis as { navigator?: { gpu?: unknown }; OffscreenCanvas?: unknown };

addParts({
  async gradients() {
    await import('@tensorflow/tfjs-core/dist/register_all_gradients');
    // Chained ops (t.toFloat(), t.sum(), …) are not registered by tfjs-core's entry on its own.
    await import('@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops');
  },
  async wasm(tf, opts) {
    exposeSharedArrayBuffer(); // before tfjs-wasm checks for threads
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    if (opts.wasmPaths) wasm.setWasmPaths(opts.wasmPaths);
    threadScript = opts.wasmPaths?.['tfjs-backend-wasm-threaded-simd.js'];
    ({ threads: threadsAsked, adaptive: threadsAdaptive } = threadsWanted(opts));
    // tfjs's own threads (its XNNPACK kernels) are capped at half the cores; ours are not.
    wasm.setThreadsCount(threadsAsked);
    const { registerWasmKernels } = await import('./wasm-kernels');
    await registerWasmKernels(tf);
  },
  webgl: async () => typeof gpuGlobals.OffscreenCanvas !== 'undefined' && import('@tensorflow/tfjs-backend-webgl').catch(() => null),
  webgpu: async () => gpuGlobals.navigator?.gpu && import('@tensorflow/tfjs-backend-webgpu').catch(() => null),
});

/** Try to initialise one backend; returns why it failed, or null when it works. */
async function tryBackend(tf: TF, name: BackendName): Promise<string | null> {
  if (!tf.findBackendFactory(name)) return 'not supported here';
  try {
    const ok = await (name === 'wasm' ? withThreadScript(threadScript, threadsAsked, () => tf.setBackend(name)) : tf.setBackend(name));
    if (!ok) return 'failed to initialise';
    if (name === 'wasm') {
      const { startKernelThreads, relaxedKernels } = await import('./native-kernels');
      threadsRunning = await startKernelThreads(tf.backend() as never, threadsAsked, threadsAdaptive);
      kernelsFma = relaxedKernels;
    }
    // A tiny op proves the backend computes (a software WebGPU adapter may exist yet fail here).
    const v = tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(2)));
    const value = (await v.data())[0];
    v.dispose();
    return value === 3 ? null : 'computes wrong results';
  } catch (e) {
    if (e instanceof WasmThreadsStalled) throw e; // not "unavailable": a fresh worker starts them (RuntimeSession)
    return e instanceof Error ? e.message : String(e);
  }
}

const SOFTWARE_GPU = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/** The GPU renderer's name for webgl/webgpu ('' when unknown). */
async function gpuRenderer(tf: TF, name: BackendName): Promise<string> {
  try {
    if (name === 'webgl') {
      const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
      if (!gl) return '';
      const ext = gl.getExtension('WEBGL_debug_renderer_info');
      return String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
    }
    if (name === 'webgpu') {
      type Adapter = { isFallbackAdapter?: boolean; info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean } };
      const gpu = (globalThis as unknown as { navigator: { gpu: { requestAdapter(): Promise<Adapter | null> } } }).navigator.gpu;
      const a = await gpu.requestAdapter();
      if (!a) return '';
      if (a.isFallbackAdapter || a.info?.isFallbackAdapter) return 'software fallback adapter';
      return [a.info?.vendor, a.info?.architecture, a.info?.description].filter(Boolean).join(' ');
    }
  } catch {
    return '';
  }
  return '';
}

function describe(tf: TF, name: BackendName): string | undefined {
  if (name !== 'wasm') return undefined;
  const simd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT');
  // In a browser, threads need a cross-origin isolated page (the service worker makes it so after one reload).
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  const threads = threadsRunning > 1 ? `${threadsRunning} threads` : isolated === false ? '1 thread; threads come once the page has reloaded (cross-origin isolation)' : '1 thread';
  return `${simd ? (kernelsFma ? 'SIMD + FMA' : 'SIMD') : 'no SIMD'}, ${threads}`;
}

/** Probe every registered backend (leaves the last good one active; call useBackend after). */
export async function probeBackends(tf: TF): Promise<BackendInfo[]> {
  const infos: BackendInfo[] = [];
  for (const name of BACKEND_PREFERENCE) {
    const error = await tryBackend(tf, name);
    if (error) {
      infos.push({ name, available: false, detail: error });
    } else if (name === 'webgl' || name === 'webgpu') {
      const renderer = await gpuRenderer(tf, name);
      infos.push({ name, available: true, detail: renderer || undefined, software: SOFTWARE_GPU.test(renderer) });
    } else {
      infos.push({ name, available: true, detail: describe(tf, name) });
    }
  }
  return infos;
}

const isGpu = (n: BackendName) => n === 'webgpu' || n === 'webgl';
/** The automatic choice among the candidates `among`, once made (probing takes a moment). */
let chosen: { among: string; name: BackendName } | undefined;

/**
 * Make `wanted` (or the best available) the active backend and return its name. The best: a GPU
 * backend (never a software-rendered one) only where a short probe (backend-probe.ts) measures it
 * faster than wasm, else wasm, else cpu. Note: tfjs picks WebGL on its own in headless Chromium
 * (software GL, slow), which is why we choose explicitly.
 */
export async function useBackend(tf: TF, infos: BackendInfo[], wanted?: BackendName): Promise<BackendName> {
  if (wanted) {
    if ((await tryBackend(tf, wanted)) === null) return wanted;
    throw new Error(`backend ${wanted} is not available: ${infos.find((i) => i.name === wanted)?.detail ?? 'unknown'}`);
  }
  const order = infos.filter((i) => i.available && !i.software).map((i) => i.name);
  const among = order.join(',');
  if (chosen?.among === among && (await tryBackend(tf, chosen.name)) === null) return chosen.name;
  if (order.some(isGpu) && order.includes('wasm')) {
    const { probeStepMs, fastestBackend } = await import('./backend-probe');
    const ms: Partial<Record<BackendName, number>> = {};
    for (const name of order.filter((n) => isGpu(n) || n === 'wasm'))
      if ((await tryBackend(tf, name)) === null) ms[name] = await probeStepMs(tf).catch(() => NaN);
    const pick = fastestBackend(order, ms, isGpu);
    if (pick && (await tryBackend(tf, pick)) === null) return (chosen = { among, name: pick }).name;
  }
  for (const name of order) {
    if ((await tryBackend(tf, name)) === null) return (chosen = { among, name }).name;
  }
  throw new Error('no tfjs backend works here');
}

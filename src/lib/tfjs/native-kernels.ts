// The SIMD kernels of ./kernels/cnn.c, instantiated inside tfjs-backend-wasm's own memory so that
// they read and write tensors where they lie (no copies in or out). cnn-shared.wasm is the same
// code for tfjs's threaded build, whose memory is shared.
import type * as tfc from '@tensorflow/tfjs-core';
import { CONTROL_BYTES } from './kernel-thread-control';
import { serialPool, startPool, type KernelPool } from './kernel-threads';
import { tunedPool } from './tuned-pool';

/** The C entry points (pointers are byte offsets into tfjs's heap); see kernels/cnn.c. */
export interface CnnExports {
  conv_forward(x: number, H: number, W: number, pt: number, pl: number, xp: number, Hp: number, Wp: number, CI: number, wp: number, bias: number,
    KH: number, KW: number, CO: number, y: number, OH: number, OW: number, sh: number, sw: number, dh: number, dw: number, relu: number, b0: number, b1: number): void;
  conv_backward(x: number, H: number, W: number, pt: number, pl: number, xp: number, Hp: number, Wp: number, CI: number, dy: number, y: number,
    dz: number, dbParts: number, wt: number, dxp: number, dx: number, KH: number, KW: number, CO: number, OH: number,
    OW: number, sh: number, sw: number, dh: number, dw: number, dwParts: number, b0: number, b1: number, chunk: number): void;
  filter_grad_units(KH: number, KW: number, CI: number, CO: number): number;
  conv_filter_grad(xp: number, Hp: number, Wp: number, CI: number, dz: number, KH: number, KW: number, CO: number, dw: number, OH: number, OW: number,
    sh: number, sw: number, dh: number, dwd: number, B: number, u0: number, u1: number): void;
  max_pool(x: number, H: number, W: number, C: number, KH: number, KW: number, sh: number, sw: number, dh: number, dw: number, pt: number, pl: number,
    y: number, OH: number, OW: number, b0: number, b1: number): void;
  max_pool_grad(x: number, dy: number, H: number, W: number, C: number, KH: number, KW: number, sh: number, sw: number, dh: number, dw: number,
    pt: number, pl: number, dx: number, OH: number, OW: number, b0: number, b1: number): void;
  pack_rows(w: number, K: number, CO: number, wp: number): void;
  pack_filter_t(w: number, taps: number, CI: number, CO: number, wt: number, pairs: number): void;
  dx_pairs(CI: number, sw: number, OW: number): number;
  pack_pairs(w: number, K: number, CO: number, w2: number): void;
  sum_parts(parts: number, count: number, n: number, out: number): void;
  zero_f32(p: number, n: number): void;
  sgd_step(v: number, g: number, alpha: number, out: number, n: number): void;
}

/** What we use of tfjs-backend-wasm's backend object (not in its public types). */
export type WasmBackend = tfc.KernelBackend & {
  wasm: { _malloc(n: number): number; _free(p: number): void; asm?: { memory?: WebAssembly.Memory }; wasmMemory?: WebAssembly.Memory };
  makeOutput(shape: number[], dtype: tfc.DataType): tfc.TensorInfo;
  getMemoryOffset(dataId: unknown): number;
  disposeData(dataId: unknown): boolean;
  /** A view of a tensor's data on the heap (valid until the heap next grows). */
  typedArrayFromHeap(t: tfc.TensorInfo): Float32Array | Int32Array | Uint8Array;
};

export interface Native {
  k: CnnExports;
  /** Runs the whole-kernel entry points over chunks of a batch, on every thread there is. */
  pool: KernelPool;
  /** Heap offset of a tensor's data. */
  ptr(t: tfc.TensorInfo): number;
  /** Scratch floats on tfjs's heap; free with `free`. */
  alloc(floats: number): number;
  free(p: number): void;
}

const modules: { plain?: WebAssembly.Module; shared?: WebAssembly.Module } = {};
const instances = new WeakMap<WebAssembly.Memory, Native>();

async function readBytes(url: URL, file: string): Promise<ArrayBuffer> {
  if (url.protocol !== 'file:') {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`the wasm kernels (${url.pathname}) did not load: HTTP ${res.status}`);
    return res.arrayBuffer();
  }
  // Node (tests, scripts). When bundled elsewhere, look for the source tree above the bundle.
  const fsName = 'node:fs/promises';
  const { readFile, access } = (await import(/* @vite-ignore */ fsName)) as typeof import('node:fs/promises');
  const rel = `src/lib/tfjs/kernels/${file}`;
  const candidates = [url];
  for (let dir = new URL('./', url); dir.pathname !== '/'; dir = new URL('../', dir)) candidates.push(new URL(rel, dir));
  for (const c of candidates) {
    const found = await access(c).then(() => true, () => false);
    if (found) return (await readFile(c)).buffer as ArrayBuffer;
  }
  throw new Error(`the wasm kernels (${rel}) were not found`);
}

/** Whether the kernels in use have relaxed SIMD's fused multiply-add (set by loadNativeKernels). */
export let relaxedKernels = false;

/** A module of one function that uses f32x4.relaxed_madd: it validates where the engine has relaxed SIMD (WebKit has not). */
const RELAXED_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 19, 1, 17, 0, 65, 0, 253, 17, 65, 0, 253, 17, 65, 0, 253, 17, 253, 133, 2, 11,
]);

/** Whether this engine compiles relaxed SIMD's multiply-add. */
export const hasRelaxedSimd = (): boolean => WebAssembly.validate(RELAXED_PROBE);

/**
 * Compile the kernels for tfjs's plain (`shared` false) or threaded build. Call before the first
 * kernel runs. The variant with relaxed SIMD's multiply-add (one instruction instead of two in the
 * convolutions' inner loops) where the engine has it, else the plain one; `relaxed: false` asks
 * for the plain one (tests).
 */
export async function loadNativeKernels(shared: boolean, opts: { relaxed?: boolean } = {}): Promise<void> {
  if (shared ? modules.shared : modules.plain) return;
  // Literal URLs: Vite turns them into the built assets' addresses.
  const relaxed = shared
    ? { url: new URL('./kernels/cnn-shared-relaxed.wasm', import.meta.url), file: 'cnn-shared-relaxed.wasm' }
    : { url: new URL('./kernels/cnn-relaxed.wasm', import.meta.url), file: 'cnn-relaxed.wasm' };
  const plain = shared
    ? { url: new URL('./kernels/cnn-shared.wasm', import.meta.url), file: 'cnn-shared.wasm' }
    : { url: new URL('./kernels/cnn.wasm', import.meta.url), file: 'cnn.wasm' };
  // Should the relaxed module still fail to load or compile, the plain one runs.
  let module =
    opts.relaxed === false || !hasRelaxedSimd()
      ? undefined
      : await readBytes(relaxed.url, relaxed.file).then((b) => WebAssembly.compile(b)).catch(() => undefined);
  relaxedKernels = module !== undefined;
  module ??= await WebAssembly.compile(await readBytes(plain.url, plain.file));
  if (shared) modules.shared = module;
  else modules.plain = module;
}

/** The kernels bound to this wasm backend's memory (instantiated on first use). */
export function nativeFor(backend: WasmBackend): Native {
  const memory = backend.wasm.wasmMemory ?? backend.wasm.asm?.memory;
  if (!memory) throw new Error('tfjs-backend-wasm exposes no memory to run the wasm kernels in');
  let n = instances.get(memory);
  if (!n) {
    const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
    const module = shared ? modules.shared : modules.plain;
    if (!module) throw new Error(`the wasm kernels were not loaded (${shared ? 'shared' : 'plain'} memory); loadTf loads them`);
    const k = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as CnnExports;
    const wasm = backend.wasm;
    n = {
      k,
      pool: serialPool(k as unknown as Record<string, (...a: number[]) => void>),
      ptr: (t) => backend.getMemoryOffset(t.dataId),
      alloc: (floats) => wasm._malloc(Math.max(4, floats * 4)) >>> 0,
      free: (p) => wasm._free(p),
    };
    instances.set(memory, n);
  }
  return n;
}

/**
 * Gives the kernels `threads` threads on this backend (once), where its memory is shared (tfjs's
 * threaded build, i.e. a cross-origin isolated page) and this thread may block; else they stay on one.
 * `adaptive`: each job runs on as many of them as are fastest now (tuned-pool.ts).
 */
export function startKernelThreads(backend: WasmBackend, threads: number, adaptive = false): Promise<number> {
  const memory = (backend.wasm.wasmMemory ?? backend.wasm.asm?.memory)!;
  let started = starting.get(memory);
  if (!started) {
    started = start(backend, memory, threads, adaptive);
    starting.set(memory, started);
  }
  return started;
}

const starting = new WeakMap<WebAssembly.Memory, Promise<number>>();

async function start(backend: WasmBackend, memory: WebAssembly.Memory, threads: number, adaptive: boolean): Promise<number> {
  const n = nativeFor(backend);
  const module = modules.shared;
  if (threads < 2) return 1;
  if (!module) return 1;
  const control = n.alloc(CONTROL_BYTES / 4);
  const pool = await startPool(module, memory, n.k as unknown as Record<string, (...a: number[]) => void>, threads, control);
  if (pool) n.pool = adaptive ? tunedPool(pool) : pool;
  else n.free(control);
  return n.pool.size;
}

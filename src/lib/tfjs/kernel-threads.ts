// Threads for the SIMD kernels: helper Web Workers (src/workers/kernel-thread.worker.ts) that instantiate the same kernels module on
// tfjs's shared memory (its threaded build) and take chunks of a batch from a counter in that
// memory, as the calling thread does. A job's partial sums live per chunk (not per thread), so the
// result does not depend on how many threads ran it or which took what.
//
// Control block (Int32 words on tfjs's heap): the caller writes the job (function, batch, chunk
// size, arguments), then publishes it by setting NEXT to (generation << 16 | 0) and bumping GEN.
// Threads claim chunks by compare-and-swap on NEXT, only while its generation is theirs, so a
// thread that wakes late can never run a chunk of a later job with an earlier job's arguments.
// The caller returns once DONE (finished chunks) reaches the number of chunks.

/** The kernels a pool can run: each takes (…args, i0, i1, chunk) for items [i0, i1) (images, or units of work). */
export const RANGE_KERNELS = ['conv_forward', 'conv_backward', 'conv_filter_grad', 'max_pool', 'max_pool_grad'] as const;
export type RangeKernel = (typeof RANGE_KERNELS)[number];

const GEN = 0;
const DONE = 1;
const NEXT = 2;
const FN = 3;
const BATCH = 4;
const CHUNK = 5;
const NARGS = 6;
const ARGS = 8;
const MAX_ARGS = 32;
export const CONTROL_BYTES = (ARGS + MAX_ARGS) * 4;
/**
 * How long a thread polls a shared word before it sleeps on it (ms): a training step's kernels come
 * about this close together, and a sleeping thread takes a while to wake; longer polls only burn a
 * core that other programs may need.
 */
const SPIN_MS = 0.5;

/** Polls until c[i] !== value, then sleeps on it; returns the new value. */
function waitChange(c: Int32Array, i: number, value: number, sleepMs = Infinity): number {
  const until = performance.now() + SPIN_MS;
  for (let n = 0; ; n++) {
    const v = Atomics.load(c, i);
    if (v !== value) return v;
    // Read the clock only now and then: polling is cheap, performance.now() less so.
    if ((n & 1023) === 1023 && performance.now() > until) {
      Atomics.wait(c, i, value, sleepMs);
      const w = Atomics.load(c, i);
      if (w !== value || sleepMs !== Infinity) return w;
    }
  }
}

/** Runs every chunk of a job that it can claim; shared by the caller and the helpers. */
function workLoop(c: Int32Array, k: Record<string, (...a: number[]) => void>, gen: number): void {
  const tag = (gen & 0x7fff) << 16;
  const fn = k[RANGE_KERNELS[c[FN]]];
  const batch = c[BATCH];
  const chunk = c[CHUNK];
  const chunks = Math.ceil(batch / chunk);
  const args = Array.from(c.subarray(ARGS, ARGS + c[NARGS]));
  for (;;) {
    const v = Atomics.load(c, NEXT);
    if ((v & ~0xffff) !== tag) return;
    const i = v & 0xffff;
    if (i >= chunks) return;
    if (Atomics.compareExchange(c, NEXT, v, v + 1) !== v) continue;
    fn(...args, i * chunk, Math.min(batch, (i + 1) * chunk), i);
    Atomics.add(c, DONE, 1);
  }
}

export interface HelperStart {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  /** Byte offset of the control block. */
  control: number;
}

/**
 * A helper thread's whole life (src/workers/kernel-thread.worker.ts calls it with its first
 * message): instantiate the kernels on the shared memory, say 'ready', then run chunks of every job
 * published, sleeping on GEN between jobs after a short spin.
 */
export function runHelper(start: HelperStart, ready: () => void): void {
  const k = new WebAssembly.Instance(start.module, { env: { memory: start.memory } }).exports as unknown as Record<string, (...a: number[]) => void>;
  const c = new Int32Array(start.memory.buffer, start.control, CONTROL_BYTES / 4);
  ready();
  let seen = Atomics.load(c, GEN);
  for (;;) {
    seen = waitChange(c, GEN, seen);
    workLoop(c, k, seen);
  }
}

export interface KernelPool {
  /** Threads in all, the caller's included. */
  readonly size: number;
  /** k[fn](...args, b0, b1, chunkIndex) for every chunk of `chunk` images in [0, batch). */
  run(fn: RangeKernel, args: number[], batch: number, chunk: number): void;
}

/** One thread: the caller runs the chunks in order. */
export function serialPool(k: Record<string, (...a: number[]) => void>): KernelPool {
  return {
    size: 1,
    run(fn, args, batch, chunk) {
      const f = k[fn];
      for (let i = 0, b = 0; b < batch; i++, b += chunk) f(...args, b, Math.min(batch, b + chunk), i);
    },
  };
}

/** Whether this thread may block on Atomics.wait (a worker may, a page's main thread may not). */
function canWait(): boolean {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts `threads − 1` helpers on a shared memory; null where threads cannot run here (no shared
 * memory, no Worker, a thread that may not block) or the helpers do not start within `timeoutMs`.
 * `control` is CONTROL_BYTES of the memory, 4-byte aligned, owned by the pool from now on.
 */
export async function startPool(
  module: WebAssembly.Module,
  memory: WebAssembly.Memory,
  k: Record<string, (...a: number[]) => void>,
  threads: number,
  control: number,
  timeoutMs = 10_000,
): Promise<KernelPool | null> {
  const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  if (threads < 2 || !shared || typeof Worker === 'undefined' || !canWait()) return null;
  const c = new Int32Array(memory.buffer, control, CONTROL_BYTES / 4);
  c.fill(0);
  const helpers: Worker[] = [];
  // One at a time: Firefox can hang in `new Worker()` while another new worker starts (serial-workers.ts).
  let abandoned = false;
  const startAll = async () => {
    for (let i = 1; i < threads && !abandoned; i++) {
      const w = new Worker(new URL('../../workers/kernel-thread.worker.ts', import.meta.url), { type: 'module', name: 'cnn-kernels' });
      helpers.push(w);
      await new Promise<void>((resolve, reject) => {
        w.onmessage = () => resolve();
        w.onerror = (e) => reject(new Error(e.message || 'a kernel thread failed to start'));
        w.postMessage({ module, memory, control } satisfies HelperStart);
      });
    }
  };
  try {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('kernel threads did not start')), timeoutMs)));
    await Promise.race([startAll(), timeout]).finally(() => clearTimeout(timer));
  } catch {
    abandoned = true;
    for (const w of helpers) w.terminate();
    return null;
  }
  let gen = 0;
  return {
    size: threads,
    run(fn, args, batch, chunk) {
      if (args.length > MAX_ARGS) throw new RangeError(`kernel ${fn}: ${args.length} arguments, at most ${MAX_ARGS}`);
      const chunks = Math.ceil(batch / chunk);
      if (chunks > 0xffff) throw new RangeError(`kernel ${fn}: ${chunks} chunks, at most 65535`);
      gen = (gen + 1) & 0x7fff;
      c[FN] = RANGE_KERNELS.indexOf(fn);
      c[BATCH] = batch;
      c[CHUNK] = chunk;
      c[NARGS] = args.length;
      for (let i = 0; i < args.length; i++) c[ARGS + i] = args[i];
      Atomics.store(c, DONE, 0);
      Atomics.store(c, NEXT, gen << 16);
      Atomics.store(c, GEN, gen);
      Atomics.notify(c, GEN);
      workLoop(c, k, gen);
      for (let done = Atomics.load(c, DONE); done < chunks; ) done = waitChange(c, DONE, done, 1);
    },
  };
}

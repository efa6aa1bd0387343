// Threads for the SIMD kernels: helper Web Workers (src/workers/kernel-thread.worker.ts) that instantiate the same kernels module on
// tfjs's shared memory (its threaded build) and take chunks of a batch from a counter in that
// memory, as the calling thread does. A job's partial sums live per chunk (not per thread), so the
// result does not depend on how many threads ran it or which took what.

import {
  ACTIVE, ARGS, BATCH, CHUNK, CONTROL_BYTES, DONE, FN, GEN, MAX_ARGS, NARGS, NEXT, RANGE_KERNELS, runChunk, waitChange, workLoop, type RangeKernel,
} from './kernel-thread-control';
import type { HelperStart } from './kernel-thread-helper';

export interface KernelPool {
  /** Threads in all, the caller's included. */
  readonly size: number;
  /** Threads that take part in the next jobs, 1 … size (thread-tuner.ts sets it); chunks stay the same. */
  active: number;
  /** k[fn](...args, b0, b1, chunkIndex) for every chunk of `chunk` images in [0, batch). */
  run(fn: RangeKernel, args: number[], batch: number, chunk: number): void;
}

/** One thread: the caller runs the chunks in order. */
export function serialPool(k: Record<string, (...a: number[]) => void>): KernelPool {
  return {
    size: 1,
    get active() {
      return 1;
    },
    set active(_: number) {},
    run(fn, args, batch, chunk) {
      runSerially(k[fn], args, batch, chunk);
    },
  };
}

function runSerially(f: (...a: number[]) => void, args: number[], batch: number, chunk: number): void {
  const a = [...args, 0, 0, 0];
  for (let i = 0; i * chunk < batch; i++) runChunk(f, a, args.length, batch, chunk, i);
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
  Atomics.store(c, ACTIVE, threads);
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
        w.postMessage({ module, memory, control, index: i } satisfies HelperStart);
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
  let active = threads;
  return {
    size: threads,
    get active() {
      return active;
    },
    set active(n: number) {
      active = Math.max(1, Math.min(threads, Math.floor(n) || 1));
    },
    run(fn, args, batch, chunk) {
      if (args.length > MAX_ARGS) throw new RangeError(`kernel ${fn}: ${args.length} arguments, at most ${MAX_ARGS}`);
      const chunks = Math.ceil(batch / chunk);
      if (chunks > 0xffff) throw new RangeError(`kernel ${fn}: ${chunks} chunks, at most 65535`);
      // One thread: the caller alone, the helpers left asleep.
      if (active === 1) return runSerially(k[fn], args, batch, chunk);
      gen = (gen + 1) & 0x7fff;
      Atomics.store(c, ACTIVE, active);
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

// A helper kernel thread's side of the pool (kernel-threads.ts): src/workers/kernel-thread.worker.ts
// runs it on tfjs's shared memory.
import { ACTIVE, CONTROL_BYTES, GEN, waitChange, workLoop } from './kernel-thread-control';

export interface HelperStart {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  /** Byte offset of the control block. */
  control: number;
  /** This helper's number, 1 … threads − 1 (the caller is 0): it takes part while ACTIVE > index. */
  index: number;
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
    if (Atomics.load(c, ACTIVE) > start.index) seen = waitChange(c, GEN, seen);
    else {
      // Left out of the jobs now (adaptive threads): sleep at once instead of polling for them.
      Atomics.wait(c, GEN, seen);
      seen = Atomics.load(c, GEN);
    }
    if (Atomics.load(c, ACTIVE) > start.index) workLoop(c, k, seen);
  }
}

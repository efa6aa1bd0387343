// The control block that the kernel threads (kernel-threads.ts) share with the caller, and the loop
// by which every one of them claims and runs chunks of a job.
//
// Control block (Int32 words on tfjs's heap): the caller writes the job (function, batch, chunk
// size, arguments), then publishes it by setting NEXT to (generation << 16 | 0) and bumping GEN.
// Threads claim chunks by compare-and-swap on NEXT, only while its generation is theirs, so a
// thread that wakes late can never run a chunk of a later job with an earlier job's arguments.
// The caller returns once DONE (finished chunks) reaches the number of chunks.

/** The kernels a pool can run: each takes (…args, i0, i1, chunk) for items [i0, i1) (images, or units of work). */
export const RANGE_KERNELS = ['conv_forward', 'conv_backward', 'conv_filter_grad', 'max_pool', 'max_pool_grad'] as const;
export type RangeKernel = (typeof RANGE_KERNELS)[number];

/** Which of each kernel's arguments are sizes (not heap offsets): a job's shape, for thread-tuner.ts. */
export const GEOMETRY_ARGS: Record<RangeKernel, readonly number[]> = {
  conv_forward: [1, 2, 8, 11, 12, 13, 15, 16, 17, 18],
  conv_backward: [1, 2, 8, 16, 17, 18, 19, 20, 21, 22],
  conv_filter_grad: [1, 2, 3, 5, 6, 7, 9, 10, 15],
  max_pool: [1, 2, 3, 4, 5, 13, 14],
  max_pool_grad: [2, 3, 4, 5, 6, 14, 15],
};

export const GEN = 0;
export const DONE = 1;
export const NEXT = 2;
export const FN = 3;
export const BATCH = 4;
export const CHUNK = 5;
export const NARGS = 6;
/** How many threads take part in jobs now (the caller and helpers 1 … ACTIVE − 1). */
export const ACTIVE = 7;
export const ARGS = 8;
export const MAX_ARGS = 32;
export const CONTROL_BYTES = (ARGS + MAX_ARGS) * 4;
/**
 * How long a thread polls a shared word before it sleeps on it (ms): a training step's kernels come
 * about this close together, and a sleeping thread takes a while to wake; longer polls only burn a
 * core that other programs may need.
 */
const SPIN_MS = 0.5;

/** Polls until c[i] !== value, then sleeps on it; returns the new value. */
export function waitChange(c: Int32Array, i: number, value: number, sleepMs = Infinity): number {
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

/**
 * Runs chunk i (items [i·chunk, min(batch, (i+1)·chunk))) of a job through `a`, one argument list
 * reused for every chunk: the job's n arguments, then three slots set here (no garbage per chunk).
 */
export function runChunk(f: (...a: number[]) => void, a: number[], n: number, batch: number, chunk: number, i: number): void {
  a[n] = i * chunk;
  a[n + 1] = Math.min(batch, (i + 1) * chunk);
  a[n + 2] = i;
  f.apply(null, a);
}

/** Runs every chunk of a job that it can claim; shared by the caller and the helpers. */
export function workLoop(c: Int32Array, k: Record<string, (...a: number[]) => void>, gen: number): void {
  const tag = (gen & 0x7fff) << 16;
  const fn = k[RANGE_KERNELS[c[FN]]];
  const batch = c[BATCH];
  const chunk = c[CHUNK];
  const chunks = Math.ceil(batch / chunk);
  const n = c[NARGS];
  const args: number[] = new Array(n + 3);
  for (let j = 0; j < n; j++) args[j] = c[ARGS + j];
  for (;;) {
    const v = Atomics.load(c, NEXT);
    if ((v & ~0xffff) !== tag) return;
    const i = v & 0xffff;
    if (i >= chunks) return;
    if (Atomics.compareExchange(c, NEXT, v, v + 1) !== v) continue;
    runChunk(fn, args, n, batch, chunk, i);
    Atomics.add(c, DONE, 1);
  }
}

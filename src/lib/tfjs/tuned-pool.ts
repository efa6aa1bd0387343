// Adaptive threads: a kernel pool whose thread count for each job thread-tuner.ts picks from the
// jobs' own times.
import { GEOMETRY_ARGS, RANGE_KERNELS } from './kernel-thread-control';
import type { KernelPool } from './kernel-threads';
import { jobShape, ThreadTuner } from './thread-tuner';

export interface TunedPool extends KernelPool {
  readonly tuner: ThreadTuner;
}

export function tunedPool(pool: KernelPool, tuner = new ThreadTuner(pool.size), now = () => performance.now()): TunedPool {
  return {
    size: pool.size,
    tuner,
    get active() {
      return pool.active;
    },
    set active(n: number) {
      pool.active = n;
    },
    run(fn, args, batch, chunk) {
      const t0 = now();
      const threads = tuner.threads(t0);
      pool.active = threads;
      pool.run(fn, args, batch, chunk);
      // Jobs are timed and told apart only while the tuner explores: most of the time, not at all.
      if (!tuner.exploring) return;
      const t1 = now();
      tuner.record(jobShape(RANGE_KERNELS.indexOf(fn), args, GEOMETRY_ARGS[fn], batch), threads, t1 - t0, t1);
    },
  };
}

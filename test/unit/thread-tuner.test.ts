// Adaptive threads (thread-tuner.ts, tuned-pool.ts): the tuner explores each thread count in turns,
// settles on the one that ran the same jobs fastest, and explores again after a while.
import { describe, expect, it } from 'vitest';
import { jobShape, threadCandidates, ThreadTuner } from '../../src/lib/tfjs/thread-tuner';
import { tunedPool } from '../../src/lib/tfjs/tuned-pool';
import type { KernelPool } from '../../src/lib/tfjs/kernel-threads';

/** Runs `jobs` jobs through the tuner; job j has shape j % shapes and takes cost(threads, shape) ms. */
function drive(tuner: ThreadTuner, jobs: number, cost: (threads: number, shape: number) => number, start = 0, shapes = 3) {
  let now = start;
  const used: number[] = [];
  for (let j = 0; j < jobs; j++) {
    const t = tuner.threads(now);
    used.push(t);
    const ms = cost(t, j % shapes);
    now += ms;
    tuner.record(j % shapes, t, ms, now);
  }
  return { used, now };
}

describe('threadCandidates', () => {
  it('is 1, 2, 4, … and the maximum', () => {
    expect(threadCandidates(1)).toEqual([1]);
    expect(threadCandidates(2)).toEqual([1, 2]);
    expect(threadCandidates(6)).toEqual([1, 2, 4, 6]);
    expect(threadCandidates(8)).toEqual([1, 2, 4, 8]);
  });
});

describe('ThreadTuner', () => {
  const opts = { turnJobs: 10, rounds: 2, recheckMs: 1000 };

  it('explores each count in turns, then settles on the fastest for the job mix', () => {
    const tuner = new ThreadTuner(2, opts);
    // Two threads halve every job: a quiet machine.
    const { used } = drive(tuner, 60, (t, s) => (1 + s) / t);
    // Up and down the candidates: 1, 2, then 2, 1.
    expect(used.slice(0, 40)).toEqual([...Array(10).fill(1), ...Array(10).fill(2), ...Array(10).fill(2), ...Array(10).fill(1)]);
    expect(used.slice(40)).toEqual(Array(20).fill(2));
    expect(tuner.last?.threads).toBe(2);
    expect(tuner.last?.ms[1]).toBeGreaterThan(tuner.last!.ms[2]);
  });

  it('settles on one thread when more are slower (a busy machine)', () => {
    const tuner = new ThreadTuner(4, opts);
    const { used } = drive(tuner, 120 + 30, (t) => 1 + 0.5 * (t - 1));
    expect(tuner.last?.threads).toBe(1);
    expect(used.slice(120)).toEqual(Array(30).fill(1));
  });

  it('weighs each shape by how often it runs, not by where a turn starts', () => {
    const tuner = new ThreadTuner(2, { ...opts, turnJobs: 7 });
    // Shape 0 (a big job) gains from 2 threads; the small shapes lose a little: 2 threads win overall.
    drive(tuner, 28, (t, s) => (s === 0 ? 10 / t : 1 + 0.2 * (t - 1)));
    expect(tuner.last?.threads).toBe(2);
  });

  it('explores again after recheckMs and follows the machine', () => {
    const tuner = new ThreadTuner(2, opts);
    const first = drive(tuner, 40, (t) => 1 / t);
    expect(tuner.last?.threads).toBe(2);
    // The machine gets busy: two threads now cost more than one.
    const later = drive(tuner, 60, (t) => (t === 2 ? 3 : 1), first.now + 2000);
    expect(later.used[0]).toBe(1); // a new exploration began
    expect(tuner.last?.threads).toBe(1);
  });

  it('keeps every thread unless fewer are faster by more than the margin', () => {
    const tuner = new ThreadTuner(2, opts);
    drive(tuner, 40, (t) => (t === 2 ? 1.03 : 1));
    expect(tuner.last?.threads).toBe(2);
    const busier = new ThreadTuner(2, opts);
    drive(busier, 40, (t) => (t === 2 ? 1.2 : 1));
    expect(busier.last?.threads).toBe(1);
  });

  it('explores again soon after its first choices (1 s, 2 s, …), then every recheckMs at most', () => {
    const tuner = new ThreadTuner(2, { turnJobs: 10, rounds: 1, recheckMs: 3000 });
    // Each exploration runs 10 jobs at 1 thread, then 10 at 2 (1 ms and 0.5 ms each): 15 ms.
    const starts: number[] = [];
    let now = 0;
    let previous = 2;
    while (now < 12_000) {
      const t = tuner.threads(now);
      if (t === 1 && previous === 2) starts.push(now);
      previous = t;
      now += 1 / t;
      tuner.record(0, t, 1 / t, now);
    }
    const kept = starts.slice(1).map((s, i) => Math.round((s - starts[i] - 15) / 100) * 100);
    expect(kept.slice(0, 4)).toEqual([1000, 2000, 3000, 3000]);
  });

  it('with one candidate never explores', () => {
    const tuner = new ThreadTuner(1, opts);
    expect(drive(tuner, 30, () => 1).used).toEqual(Array(30).fill(1));
  });
});

describe('jobShape', () => {
  it('depends on the kernel, the batch and the sizes, not on the heap offsets', () => {
    const a = jobShape(0, [1000, 28, 28, 2000], [1, 2], 64);
    expect(jobShape(0, [5000, 28, 28, 9000], [1, 2], 64)).toBe(a);
    expect(jobShape(0, [1000, 14, 28, 2000], [1, 2], 64)).not.toBe(a);
    expect(jobShape(1, [1000, 28, 28, 2000], [1, 2], 64)).not.toBe(a);
    expect(jobShape(0, [1000, 28, 28, 2000], [1, 2], 32)).not.toBe(a);
  });
});

describe('tunedPool', () => {
  it('runs each job on the count the tuner picks, and times it', () => {
    const runs: number[] = [];
    const pool: KernelPool = { size: 2, active: 2, run: () => runs.push(pool.active) };
    let clock = 0;
    const tuner = new ThreadTuner(2, { turnJobs: 2, rounds: 1, recheckMs: 1e9 });
    const tuned = tunedPool(pool, tuner, () => (clock += pool.active === 2 ? 1 : 5));
    for (let i = 0; i < 6; i++) tuned.run('max_pool', [0, 28, 28, 6, 2, 2, 2, 2, 1, 1, 0, 0, 0, 14, 14], 64, 8);
    expect(runs).toEqual([1, 1, 2, 2, 2, 2]);
    expect(tuner.last?.threads).toBe(2);
  });
});

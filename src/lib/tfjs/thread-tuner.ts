// Adaptive threads for the wasm kernels: on a quiet machine every core helps, but under contention
// (another busy tab, a loaded machine) a thread that waits for a core slows every job down. The
// tuner times the kernel jobs themselves at each candidate thread count, in turns, and settles on
// the count that runs the same mix of jobs fastest; it explores again now and then. Jobs are
// compared by their shape (kernel and geometry), so the result does not depend on where a turn
// starts within a training step. Results never depend on the count (kernel-threads.ts). Pure.

export interface TunerOptions {
  /** Jobs per turn while exploring (a LeNet-5 step runs about 20). */
  turnJobs?: number;
  /** Turns per candidate in one exploration. */
  rounds?: number;
  /**
   * How long (ms) to keep a choice before exploring again, at most. The first choices are kept for
   * less (1 s, then twice as long each time): early on the browser is still compiling in the
   * background, which makes more threads look slower than they are.
   */
  recheckMs?: number;
  /** Fewer threads than all are chosen only when faster by more than this share (default 5%). */
  margin?: number;
}

export interface TunerChoice {
  threads: number;
  /** Estimated ms of the explored job mix at each candidate (NaN where unmeasured). */
  ms: Record<number, number>;
}

/** 1, 2, 4, … up to `max`, and `max` itself. */
export function threadCandidates(max: number): number[] {
  const out: number[] = [];
  for (let t = 1; t < max; t *= 2) out.push(t);
  if (max >= 1) out.push(max);
  return out;
}

export class ThreadTuner {
  readonly candidates: number[];
  private readonly turnJobs: number;
  private readonly rounds: number;
  private readonly recheckMs: number;
  private readonly margin: number;
  private keepMs = 1000;
  /** Job shape → per candidate [total ms, jobs]. */
  private stats = new Map<number, Float64Array>();
  private turn = 0;
  private jobsInTurn = 0;
  private settledAt = -Infinity;
  private current: number;
  /** The last choice, for the bench and the setup cell. */
  last: TunerChoice | undefined;

  constructor(maxThreads: number, opts: TunerOptions = {}) {
    this.candidates = threadCandidates(Math.max(1, Math.floor(maxThreads)));
    this.turnJobs = opts.turnJobs ?? 60;
    this.rounds = opts.rounds ?? 2;
    this.recheckMs = opts.recheckMs ?? 15_000;
    this.margin = opts.margin ?? 0.05;
    this.current = this.candidates.at(-1)!;
  }

  /** Whether the jobs are being timed now (record() ignores them otherwise). */
  get exploring(): boolean {
    return this.turn < this.candidates.length * this.rounds;
  }

  /** The thread count for the next job, at time `now` (ms). */
  threads(now: number): number {
    if (this.candidates.length < 2) return this.current;
    if (!this.exploring && now - this.settledAt > Math.min(this.keepMs, this.recheckMs)) this.restart();
    return this.exploring ? this.turnThreads() : this.current;
  }

  /** Rounds go up and down the candidates in turn (1, 2, 2, 1, …), so a trend (the JIT warming up, a load that comes or goes) favours none. */
  private turnThreads(): number {
    const n = this.candidates.length;
    const i = this.turn % n;
    return this.candidates[Math.floor(this.turn / n) % 2 === 0 ? i : n - 1 - i];
  }

  /** Records that a job of shape `shape` took `ms` at `threads` threads, at time `now`. */
  record(shape: number, threads: number, ms: number, now: number): void {
    if (!this.exploring) return;
    const i = this.candidates.indexOf(threads);
    if (i < 0 || !(ms >= 0) || threads !== this.turnThreads()) return;
    let s = this.stats.get(shape);
    if (!s) this.stats.set(shape, (s = new Float64Array(this.candidates.length * 2)));
    s[2 * i] += ms;
    s[2 * i + 1] += 1;
    if (++this.jobsInTurn < this.turnJobs) return;
    this.jobsInTurn = 0;
    this.turn++;
    if (!this.exploring) this.settle(now);
  }

  private restart(): void {
    this.keepMs *= 2;
    this.stats.clear();
    this.turn = 0;
    this.jobsInTurn = 0;
  }

  /** Picks the candidate with the least estimated time over the shapes every candidate ran. */
  private settle(now: number): void {
    const n = this.candidates.length;
    const total = new Float64Array(n);
    for (const s of this.stats.values()) {
      let seenByAll = true;
      let jobs = 0;
      for (let i = 0; i < n; i++) {
        if (s[2 * i + 1] === 0) seenByAll = false;
        jobs += s[2 * i + 1];
      }
      if (!seenByAll) continue;
      // Each shape weighs as often as it ran: the mean time per job, times its share of the jobs.
      for (let i = 0; i < n; i++) total[i] += (s[2 * i] / s[2 * i + 1]) * (jobs / n);
    }
    let best = n - 1;
    const ms: Record<number, number> = {};
    for (let i = 0; i < n; i++) {
      ms[this.candidates[i]] = total[i] > 0 ? total[i] : NaN;
      if (total[i] > 0 && !(total[i] >= total[best])) best = i;
    }
    // Nothing measured for all the threads (no shape ran under every count): keep all of them.
    if (!(total[n - 1] > 0)) best = n - 1;
    else if (total[best] * (1 + this.margin) > total[n - 1]) best = n - 1;
    this.current = this.candidates[best];
    this.last = { threads: this.current, ms };
    this.settledAt = now;
  }
}

/** A job's shape: the kernel and the arguments at `geometry` (sizes, not heap offsets), hashed. */
export function jobShape(kernel: number, args: ArrayLike<number>, geometry: readonly number[], batch: number): number {
  let h = (kernel + 1) * 0x9e3779b1;
  h = Math.imul(h ^ batch, 0x85ebca6b);
  for (const i of geometry) h = Math.imul(h ^ (args[i] | 0), 0x85ebca6b) ^ (h >>> 13);
  return h >>> 0;
}

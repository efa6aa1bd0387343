/**
 * Time-left estimate for a run of `totalSteps` steps. Uses the rate measured over a sliding window of
 * recent progress reports, so a slow first step (kernel compilation, data upload) does not skew it.
 */
export interface EtaSample { step: number; timeMs: number }

export class EtaEstimator {
  private samples: EtaSample[] = [];

  constructor(private readonly windowMs = 10_000) {}

  /** Records that `step` steps were complete at time `timeMs` (ms, any monotonic clock). */
  add(step: number, timeMs: number): void {
    const last = this.samples[this.samples.length - 1];
    if (last && (step < last.step || timeMs < last.timeMs)) this.samples = []; // restarted
    this.samples.push({ step, timeMs });
    const cutoff = timeMs - this.windowMs;
    // Keep at least two samples so that a rate is always defined once we have them.
    while (this.samples.length > 2 && this.samples[1].timeMs <= cutoff) this.samples.shift();
  }

  /** Steps per second over the window, or NaN before two distinct samples. */
  stepsPerSecond(): number {
    if (this.samples.length < 2) return NaN;
    const a = this.samples[0];
    const b = this.samples[this.samples.length - 1];
    const dt = (b.timeMs - a.timeMs) / 1000;
    return dt > 0 && b.step > a.step ? (b.step - a.step) / dt : NaN;
  }

  /** Seconds left until `totalSteps`, or NaN when unknown. */
  secondsLeft(totalSteps: number): number {
    const last = this.samples[this.samples.length - 1];
    const rate = this.stepsPerSecond();
    if (!last || !Number.isFinite(rate)) return NaN;
    return Math.max(0, totalSteps - last.step) / rate;
  }

  reset(): void {
    this.samples = [];
  }
}

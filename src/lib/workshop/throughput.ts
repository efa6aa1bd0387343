// Training throughput over a sliding window of recent steps (images per second), for the
// progress bar's rate and ETA. Pausing restarts the window so idle time does not count.
export class ThroughputMeter {
  private times: number[] = [];

  constructor(
    private readonly batchSize: number,
    private readonly windowMs = 3000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Record that one step finished now. */
  tick(): void {
    const t = this.now();
    this.times.push(t);
    while (this.times.length > 2 && t - this.times[0] > this.windowMs) this.times.shift();
  }

  /** Forget the window (after a pause). */
  pause(): void {
    this.times = [];
  }

  imagesPerSec(): number {
    const n = this.times.length;
    if (n < 2) return 0;
    const seconds = (this.times[n - 1] - this.times[0]) / 1000;
    return seconds > 0 ? ((n - 1) * this.batchSize) / seconds : 0;
  }
}

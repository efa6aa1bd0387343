// The one animation player of the concept widgets (1D, 2D, LeNet-5): play / pause / step / seek over a
// fixed number of steps, looping like the conv_arithmetic GIFs. The widgets wire their buttons, keys and
// reduced-motion rule to it. DOM-free: the timer functions are injected so tests drive it without waiting.

export interface PlayerClock {
  every(ms: number, tick: () => void): unknown;
  cancel(handle: unknown): void;
}

const realClock: PlayerClock = {
  every: (ms, tick) => setInterval(tick, ms),
  cancel: (h) => clearInterval(h as ReturnType<typeof setInterval>),
};

export class StepPlayer {
  step = 0;
  playing = false;
  private handle: unknown = null;

  constructor(
    public count: number,
    private readonly onChange: (step: number, playing: boolean) => void,
    private readonly intervalMs = 800,
    private readonly clock: PlayerClock = realClock,
  ) {}

  seek(step: number): void {
    const n = Math.max(1, this.count);
    this.step = ((Math.round(step) % n) + n) % n;
    this.onChange(this.step, this.playing);
  }

  next(): void {
    this.seek(this.step + 1);
  }

  prev(): void {
    this.seek(this.step - 1);
  }

  /** `rewind`: from the last step, go back to the first at once (a student's Play at the end starts over). */
  play(rewind = false): void {
    if (this.playing || this.count <= 1) return;
    if (rewind && this.step >= this.count - 1) this.step = 0;
    this.playing = true;
    this.handle = this.clock.every(this.intervalMs, () => this.next());
    this.onChange(this.step, true);
  }

  pause(): void {
    if (!this.playing) return;
    this.playing = false;
    this.clock.cancel(this.handle);
    this.handle = null;
    this.onChange(this.step, false);
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  /** New number of steps (settings changed): stays on the same step when it still exists. */
  resize(count: number): void {
    this.count = count;
    if (count <= 1) this.pause();
    this.seek(Math.min(this.step, Math.max(0, count - 1)));
  }
}

// Pause/Continue of the running cell's training run (its view's buttons, sent as the host's
// `pause`/`resume`): the run waits here between two steps. Stop is the notebook's interrupt, which
// also opens the gate so a paused run can end.
export class PauseGate {
  private closed = false;
  private wake?: () => void;

  get paused(): boolean {
    return this.closed;
  }

  set(paused: boolean): void {
    this.closed = paused;
    if (!paused) {
      this.wake?.();
      this.wake = undefined;
    }
  }

  /** Resolves at once, or when Continue (or Stop) opens the gate. */
  untilContinued(): Promise<void> {
    return this.closed ? new Promise((r) => (this.wake = r)) : Promise.resolve();
  }
}

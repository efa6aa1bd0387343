/**
 * A first run on a fresh worker that stalls: tfjs's threads did not start (the worker says so with
 * WasmThreadsStalled) or the worker fell silent. Such a run goes to a fresh worker, at most
 * MAX_RETRIES times, before the student is told.
 */
import type { CellDone, Pending, RunResult } from './session-run';

/** How many fresh workers a first run that stalls may go to before the student is told. */
export const MAX_RETRIES = 2;

/** What a first run says when tfjs stalled on every worker it tried. */
export const STALLED_MESSAGE = `TensorFlow.js did not start: its threads never answered, on ${MAX_RETRIES + 1} fresh workers. Run the cell again; if it stalls again, reload the page.`;

export const isStall = (c: CellDone) => !c.ok && c.error?.name === 'WasmThreadsStalled';

/** What run `p` resolves to on `c`; a stall after fresh workers were tried reads why, in the course's words. */
export function runResult(c: CellDone, p: Pending): RunResult {
  return c.ok ? { ok: true, report: c.report } : { ok: false, error: isStall(c) && p.retries > 0 ? { ...c.error, message: STALLED_MESSAGE } : c.error, interrupted: c.interrupted };
}

/**
 * The first run on a worker loads tfjs, which starts its thread workers. Firefox has blocked a
 * worker's thread for good there (in `new Worker()`, see tfjs/serial-workers.ts): no message, no
 * timer. The watchdog pings the worker; if it answers nothing for `silentMs`, `onSilent` decides
 * (a fresh worker, as for a stall the worker reports itself, or after MAX_RETRIES, STALLED_MESSAGE).
 */
export class SilenceWatchdog {
  /** When the worker last said anything. */
  private heardAt = 0;
  private timer?: ReturnType<typeof setInterval>;

  constructor(private readonly silentMs: number) {}

  heard(): void {
    this.heardAt = Date.now();
  }

  /** Watches while `watching()` holds; `ping` asks the worker for a word, `onSilent` runs once, stopped. */
  start(watching: () => boolean, ping: () => void, onSilent: () => void): void {
    this.stop();
    this.heardAt = Date.now();
    this.timer = setInterval(() => {
      if (!watching()) return this.stop();
      if (Date.now() - this.heardAt > this.silentMs) {
        this.stop();
        return onSilent();
      }
      ping();
    }, Math.min(2000, this.silentMs / 4));
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}

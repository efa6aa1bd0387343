/**
 * The page's side of the notebook's worker: one worker at a time, holding the cell runtime and the
 * host (model, MNIST, training). Cells run one after another; the workshop's views send host
 * requests through the same worker (see src/lib/workshop/host-client.ts).
 * Stop first asks the running cell to stop (it keeps the notebook's state if the cell listens); if
 * the cell is still running after `stopGraceMs` (say `while (true) {}`), the worker is terminated
 * and a fresh one starts, as JupyterLite restarts its Python. The host then starts over too: its
 * MNIST comes back from the browser's cache and its model from the last checkpoint.
 * Who hears what: session-events.ts; the worker, one at a time: session-worker-holder.ts; the runs'
 * bookkeeping: session-run.ts; a first run that stalls: session-stall.ts.
 */
import type { CellError } from '../cell-error/cell-error';
import type { CellMessage } from './protocol';
import type { WorkerEvent } from '../workshop/protocol';
import { WorkerHolder } from './session-worker-holder';
import { RunTurns, answers, endsWithin, newRun, type Pending, type RunOptions, type RunResult } from './session-run';
import { MAX_RETRIES, STALLED_MESSAGE, SilenceWatchdog, isStall, runResult } from './session-stall';
import type { WorkerLike } from './session-worker';

export type { RunResult } from './session-run';
export type { RestartReason, SessionListener } from './session-events';
export type { WorkerLike } from './session-worker';
export { STALLED_MESSAGE } from './session-stall';

/**
 * What every Stop says when the code did not stop and the runtime was replaced, wherever Stop was
 * pressed (the notebook's bar, a training view, an exercise): one message, shown by each.
 */
export const STOP_RESTARTED_MESSAGE = 'The code did not stop, so the notebook was restarted: its variables are cleared. Run the cells again.';

/** `listen`, `onHostEvent` and `onRestart` (who hears what) come from SessionEvents; `send` from WorkerHolder. */
export class RuntimeSession extends WorkerHolder {
  private running: Pending | null = null;
  private nextRunId = 1;
  private readonly turns = new RunTurns();
  private readonly watchdog: SilenceWatchdog;

  constructor(
    createWorker: () => WorkerLike,
    private readonly stopGraceMs = 1000,
    /** How long the first run on a worker may go without a word from it (see SilenceWatchdog). */
    silentMs = 15_000,
  ) {
    super(createWorker);
    this.watchdog = new SilenceWatchdog(silentMs);
  }

  protected onMessage(m: CellMessage | WorkerEvent) {
    this.watchdog.heard();
    if (m.type === 'started') this.workerStarted = true;
    const c = this.route(m);
    const p = this.running;
    if (!c || !answers(c, p)) return;
    this.watchdog.stop();
    // tfjs's threads did not start: nothing ran on this worker yet, so the same run goes to a
    // fresh worker without a word (at most MAX_RETRIES times).
    if (isStall(c) && this.runsFinished === 0 && p.retries < MAX_RETRIES) return this.retry(p);
    this.runsFinished++;
    this.running = null;
    p.resolve(runResult(c, p));
  }

  /**
   * Runs `source` (labelled `cell` in error messages) after any run already waiting; `onStart` gets
   * the run id before any output. The notebook's cells and the exercises share the runtime, so their
   * runs take turns here. `check`: the named exercise check then grades what the code defined.
   */
  run(cell: string, source: string, onStart: (runId: number) => void, opts: RunOptions = {}): Promise<RunResult> {
    return this.turns.take(() => this.start(cell, source, onStart, opts));
  }

  private start(cell: string, source: string, onStart: (runId: number) => void, opts: RunOptions): Promise<RunResult> {
    const w = this.ensureWorker();
    const runId = this.nextRunId++;
    onStart(runId);
    return new Promise<RunResult>((resolve) => {
      this.running = newRun(runId, cell, source, opts, resolve);
      w.postMessage(this.running.request);
      if (this.runsFinished === 0) this.watch(this.running);
    });
  }

  /** Watches the first run on a worker: silent too long, it goes to a fresh worker (session-stall.ts). */
  private watch(p: Pending) {
    this.watchdog.start(
      () => this.running === p,
      () => this.worker?.postMessage({ type: 'ping' }),
      () => (p.retries < MAX_RETRIES ? this.retry(p) : this.replace('crash', { name: 'WasmThreadsStalled', message: STALLED_MESSAGE })),
    );
  }

  private retry(p: Pending) {
    this.watchdog.stop();
    this.worker?.terminate();
    const w = this.spawn();
    this.worker = w;
    this.workerStarted = false;
    p.retries++;
    // The views' requests to the old worker are gone: they ask again (HostClient on restart).
    this.announceRestart('restart', "TensorFlow.js's threads did not start, so a fresh worker took over");
    w.postMessage(p.request);
    this.watch(p);
  }

  get busy(): boolean {
    return this.running !== null;
  }

  /** Stops the running cell; resolves 'interrupted' (state kept) or 'restarted' (fresh worker). */
  async stop(): Promise<'idle' | 'interrupted' | 'restarted'> {
    const current = this.running;
    if (!current || !this.worker) return 'idle';
    this.worker.postMessage({ type: 'interrupt' });
    if (await endsWithin(current, this.stopGraceMs)) return 'interrupted';
    this.replace('stop', { name: 'Interrupted', message: STOP_RESTARTED_MESSAGE });
    return 'restarted';
  }

  /** A fresh worker: the old one is terminated at once, whatever it was doing. */
  restart(): void {
    this.replace('restart', { name: 'Interrupted', message: 'Stopped by Restart.' });
  }

  /** The worker could not start: the running cell fails with `message`; the next request tries again. */
  protected unavailable(message: string) {
    this.drop()?.resolve({ ok: false, error: { name: 'NotebookUnavailable', message } });
    this.announceRestart('unavailable', message);
  }

  protected replace(reason: 'stop' | 'restart' | 'crash', error: CellError) {
    this.turns.workerReplaced();
    this.drop()?.resolve({ ok: false, error, interrupted: reason !== 'crash', restarted: true });
    this.announceRestart(reason, error.message);
    this.ensureWorker(reason);
  }

  /** Terminates the worker; the run in flight, if any, is the caller's to resolve. */
  private drop(): Pending | null {
    this.worker?.terminate();
    this.worker = null;
    const p = this.running;
    this.running = null;
    return p;
  }

  dispose(): void {
    this.watchdog.stop();
    this.worker?.terminate();
    this.worker = null;
  }
}

/**
 * The page's side of the notebook's worker: one worker at a time, holding the cell runtime and the
 * engine (model, MNIST, training). Cells run one after another; the workshop's views send host
 * requests through the same worker (see src/lib/workshop/host-client.ts).
 * Stop first asks the running cell to stop (it keeps the notebook's state if the cell listens); if
 * the cell is still running after `stopGraceMs` (say `while (true) {}`), the worker is terminated
 * and a fresh one starts, as JupyterLite restarts its Python. The host then starts over too: its
 * MNIST comes back from the browser's cache and its model from the last checkpoint.
 */
import type { CellError } from './runner';
import { CELL_MESSAGE_TYPES, type CellMessage, type CellRequest, type Output } from './protocol';
import type { WorkerCommand, WorkerEvent } from '../workshop/protocol';
import { loadFailureMessage } from '../site/load-failure';
import type { Feedback } from '../exercises/types';

export interface RunResult {
  ok: boolean;
  error?: CellError;
  /** Stopped by Stop or Restart rather than failing on its own. */
  interrupted?: boolean;
  /** The exercise check's verdict, when the run asked for one. */
  report?: Feedback;
  /** The runtime was replaced (Restart, or a Stop that the code did not obey): its variables are gone. */
  restarted?: boolean;
}

/**
 * What every Stop says when the code did not stop and the runtime was replaced, wherever Stop was
 * pressed (the notebook's bar, a training view, an exercise): one message, shown by each.
 */
export const STOP_RESTARTED_MESSAGE = 'The code did not stop, so the notebook was restarted: its variables are cleared. Run the cells again.';

export type RestartReason = 'start' | 'stop' | 'restart' | 'crash';

export interface SessionListener {
  output(runId: number, output: Output, displayId: string | undefined): void;
  update(runId: number, displayId: string, output: Output): void;
  remove(runId: number, displayId: string): void;
  /** A new worker (and so fresh state) started; `generation` counts workers since the page loaded. */
  restarted(generation: number, reason: RestartReason): void;
}

export interface WorkerLike {
  postMessage(m: CellRequest | WorkerCommand, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<CellMessage | WorkerEvent>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}

interface Pending {
  runId: number;
  token: string;
  resolve: (r: RunResult) => void;
  /** The run request, kept to send it again to a fresh worker (see WasmThreadsStalled). */
  request: CellRequest;
  /** Fresh workers this run has been sent to (see `retry`). */
  retries: number;
}

/** How many fresh workers a first run that stalls may go to before the student is told. */
const MAX_RETRIES = 2;

/** What a first run says when tfjs stalled on every worker it tried. */
export const STALLED_MESSAGE = `TensorFlow.js did not start: its threads never answered, on ${MAX_RETRIES + 1} fresh workers. Run the cell again; if it stalls again, reload the page.`;

type HostListener = (e: WorkerEvent) => void;
type RestartListener = (reason: RestartReason | 'unavailable', message: string) => void;

/** A run's secret: only the runtime's answer to that run carries it (student code cannot post a verdict). */
function runToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class RuntimeSession {
  private worker: WorkerLike | null = null;
  /** The current worker said it started (its script loaded and ran). */
  private workerStarted = false;
  private running: Pending | null = null;
  private nextRunId = 1;
  private hostListeners = new Set<HostListener>();
  private restartListeners = new Set<RestartListener>();
  private listeners = new Set<SessionListener>();
  generation = 0;

  constructor(
    private readonly createWorker: () => WorkerLike,
    private readonly stopGraceMs = 1000,
    /** How long the first run on a worker may go without a word from it (see `watch`). */
    private readonly silentMs = 15_000,
  ) {}

  /** Listens to the cells' outputs and to restarts (the notebook). */
  listen(l: SessionListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /** Listens to the host's events (the views). */
  onHostEvent(l: HostListener): () => void {
    this.hostListeners.add(l);
    return () => this.hostListeners.delete(l);
  }

  /** Called when the worker is replaced: the host's state (model, pending requests) is gone. */
  onRestart(l: RestartListener): () => void {
    this.restartListeners.add(l);
    return () => this.restartListeners.delete(l);
  }

  private ensureWorker(reason: RestartReason = 'start'): WorkerLike {
    if (this.worker) return this.worker;
    const w = this.spawn();
    this.worker = w;
    this.workerStarted = false;
    this.runsFinished = 0;
    this.generation++;
    for (const l of this.listeners) l.restarted(this.generation, reason);
    return w;
  }

  /** A new worker wired to this session (its messages, and what its errors mean). */
  private spawn(): WorkerLike {
    const w = this.createWorker();
    w.onmessage = (e) => this.onMessage(e.data);
    w.onerror = (e) => {
      e.preventDefault?.();
      // A worker whose script never ran (offline, or a new version half-published): say so, and try
      // again on the next request instead of restarting in a loop.
      if (!this.workerStarted) return this.unavailable(loadFailureMessage(new Error(e.message || 'Failed to fetch the worker script'), "The notebook's worker"));
      // An error that escaped the runtime (it catches cell errors itself): start over.
      this.replace('crash', { name: 'RuntimeError', message: `The notebook's worker crashed: ${e.message || 'unknown error'}. It was restarted; run the cells again.` });
    };
    return w;
  }

  private onMessage(m: CellMessage | WorkerEvent) {
    this.heardAt = Date.now();
    if (m.type === 'started') this.workerStarted = true;
    if (!CELL_MESSAGE_TYPES.has(m.type)) {
      for (const l of [...this.hostListeners]) l(m as WorkerEvent);
      return;
    }
    const c = m as CellMessage;
    if (c.type === 'output') for (const l of this.listeners) l.output(c.runId, c.output, c.displayId);
    else if (c.type === 'update') for (const l of this.listeners) l.update(c.runId, c.displayId, c.output);
    else if (c.type === 'remove') for (const l of this.listeners) l.remove(c.runId, c.displayId);
    else if (c.type === 'cell-done' && this.running?.runId === c.runId && this.running.token === c.token) {
      const p = this.running;
      this.stopWatchdog();
      // tfjs's threads did not start: nothing ran on this worker yet, so the same run goes to a
      // fresh worker without a word (at most MAX_RETRIES times).
      const stalled = !c.ok && c.error?.name === 'WasmThreadsStalled';
      if (stalled && this.runsFinished === 0 && p.retries < MAX_RETRIES) return this.retry(p);
      this.runsFinished++;
      this.running = null;
      // A stall after fresh workers were tried: the student reads why, in the course's words.
      p.resolve(c.ok ? { ok: true, report: c.report } : { ok: false, error: stalled && p.retries > 0 ? { ...c.error, message: STALLED_MESSAGE } : c.error, interrupted: c.interrupted });
    }
  }

  /**
   * Runs `source` (labelled `cell` in error messages) after any run already waiting; `onStart` gets
   * the run id before any output. The notebook's cells and the exercises share the runtime, so their
   * runs take turns here. `check`: the named exercise check then grades what the code defined.
   */
  run(cell: string, source: string, onStart: (runId: number) => void, opts: { resume?: boolean; check?: string } = {}): Promise<RunResult> {
    const replacedBefore = this.replaced;
    // A run still waiting when the worker is replaced (Restart, a runaway cell) does not run on the new one.
    const turn = this.turns.then(() =>
      this.replaced !== replacedBefore
        ? { ok: false, interrupted: true, error: { name: 'Interrupted', message: 'The notebook restarted before this ran.' } }
        : this.start(cell, source, onStart, opts));
    this.turns = turn.then(() => undefined, () => undefined);
    return turn;
  }

  private turns: Promise<void> = Promise.resolve();
  /** Counts worker replacements, so waiting runs know the worker they were queued for is gone. */
  private replaced = 0;

  private start(cell: string, source: string, onStart: (runId: number) => void, opts: { resume?: boolean; check?: string }): Promise<RunResult> {
    const w = this.ensureWorker();
    const runId = this.nextRunId++;
    const token = runToken();
    onStart(runId);
    return new Promise<RunResult>((resolve) => {
      const request: CellRequest = { type: 'run', runId, token, cell, source, ...(opts.resume ? { resume: true } : {}), ...(opts.check ? { check: opts.check } : {}) };
      this.running = { runId, token, resolve, request, retries: 0 };
      w.postMessage(request);
      if (this.runsFinished === 0) this.watch(this.running);
    });
  }

  /** When the worker last said anything. */
  private heardAt = 0;
  private watchdog?: ReturnType<typeof setInterval>;

  /**
   * The first run on a worker loads tfjs, which starts its thread workers. Firefox has blocked a
   * worker's thread for good there (in `new Worker()`, see tfjs/serial-workers.ts): no message, no
   * timer. If the worker answers nothing for `silentMs`, the run goes to a fresh worker, as a stall
   * reported by the worker itself does; after MAX_RETRIES the run fails with STALLED_MESSAGE.
   */
  private watch(p: Pending) {
    this.stopWatchdog();
    this.heardAt = Date.now();
    this.watchdog = setInterval(() => {
      if (this.running !== p) return this.stopWatchdog();
      if (Date.now() - this.heardAt > this.silentMs) {
        if (p.retries < MAX_RETRIES) return this.retry(p);
        this.stopWatchdog();
        return this.replace('crash', { name: 'WasmThreadsStalled', message: STALLED_MESSAGE });
      }
      this.worker?.postMessage({ type: 'ping' });
    }, Math.min(2000, this.silentMs / 4));
  }

  private stopWatchdog() {
    clearInterval(this.watchdog);
    this.watchdog = undefined;
  }

  /** Runs finished on the current worker. */
  private runsFinished = 0;

  private retry(p: Pending) {
    this.stopWatchdog();
    this.worker?.terminate();
    const w = this.spawn();
    this.worker = w;
    this.workerStarted = false;
    p.retries++;
    // The views' requests to the old worker are gone: they ask again (HostClient on restart).
    for (const l of [...this.restartListeners]) l('restart', "TensorFlow.js's threads did not start, so a fresh worker took over");
    w.postMessage(p.request);
    this.watch(p);
  }

  /** Sends a host command (the views' requests, Pause/Continue), starting the worker if needed. */
  send(command: WorkerCommand, transfer: Transferable[] = []): void {
    this.ensureWorker().postMessage(command, transfer);
  }

  get busy(): boolean {
    return this.running !== null;
  }

  get started(): boolean {
    return this.worker !== null;
  }

  /** Stops the running cell; resolves 'interrupted' (state kept) or 'restarted' (fresh worker). */
  async stop(): Promise<'idle' | 'interrupted' | 'restarted'> {
    const current = this.running;
    if (!current || !this.worker) return 'idle';
    this.worker.postMessage({ type: 'interrupt' });
    const finished = await new Promise<boolean>((resolve) => {
      const t = setTimeout(() => resolve(false), this.stopGraceMs);
      const original = current.resolve;
      current.resolve = (r) => {
        clearTimeout(t);
        original({ ...r, interrupted: true });
        resolve(true);
      };
    });
    if (finished) return 'interrupted';
    this.replace('stop', { name: 'Interrupted', message: STOP_RESTARTED_MESSAGE });
    return 'restarted';
  }

  /** A fresh worker: the old one is terminated at once, whatever it was doing. */
  restart(): void {
    this.replace('restart', { name: 'Interrupted', message: 'Stopped by Restart.' });
  }

  /** The worker could not start: the running cell fails with `message`; the next request tries again. */
  private unavailable(message: string) {
    this.worker?.terminate();
    this.worker = null;
    const p = this.running;
    this.running = null;
    p?.resolve({ ok: false, error: { name: 'NotebookUnavailable', message } });
    for (const l of [...this.restartListeners]) l('unavailable', message);
  }

  private replace(reason: 'stop' | 'restart' | 'crash', error: CellError) {
    this.replaced++;
    this.worker?.terminate();
    this.worker = null;
    const p = this.running;
    this.running = null;
    p?.resolve({ ok: false, error, interrupted: reason !== 'crash', restarted: true });
    for (const l of [...this.restartListeners]) l(reason, error.message);
    this.ensureWorker(reason);
  }

  dispose(): void {
    this.stopWatchdog();
    this.worker?.terminate();
    this.worker = null;
  }
}

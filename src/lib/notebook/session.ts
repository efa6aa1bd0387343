/**
 * The page's side of the kernel: one worker at a time, runs queued in order, Stop and Restart.
 * Stop first asks the running cell to stop (it keeps the kernel's state if the cell listens);
 * if the cell is still running after `stopGraceMs` (say `while (true) {}`), the worker is
 * terminated and a fresh one starts, as JupyterLite restarts a kernel.
 */
import type { CellError } from './runner';
import type { KernelMessage, KernelRequest, Output } from './protocol';
import type { Feedback } from '../exercises/types';

export interface RunResult {
  ok: boolean;
  error?: CellError;
  /** Stopped by Stop or Restart rather than failing on its own. */
  interrupted?: boolean;
  /** The exercise check's verdict, when the run asked for one. */
  report?: Feedback;
}

export interface SessionListener {
  output(runId: number, output: Output, displayId: string | undefined): void;
  update(runId: number, displayId: string, output: Output): void;
  remove(runId: number, displayId: string): void;
  /** A new kernel (and so fresh state) started; `generation` counts kernels since the page loaded. */
  restarted(generation: number, reason: 'start' | 'stop' | 'restart' | 'crash'): void;
}

export interface WorkerLike {
  postMessage(m: KernelRequest): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<KernelMessage>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}

interface Pending {
  runId: number;
  resolve: (r: RunResult) => void;
}

export class KernelSession {
  private worker: WorkerLike | null = null;
  private running: Pending | null = null;
  private nextRunId = 1;
  generation = 0;

  constructor(
    private readonly createWorker: () => WorkerLike,
    private readonly listener: SessionListener,
    private readonly stopGraceMs = 1000,
  ) {}

  private ensureWorker(reason: 'start' | 'stop' | 'restart' | 'crash' = 'start'): WorkerLike {
    if (this.worker) return this.worker;
    const w = this.createWorker();
    w.onmessage = (e) => this.onMessage(e.data);
    w.onerror = (e) => {
      // An error that escaped the kernel (it catches cell errors itself): start over.
      e.preventDefault?.();
      this.replace('crash', { name: 'KernelError', message: `The kernel crashed: ${e.message || 'unknown error'}. It was restarted; run the cells again.` });
    };
    this.worker = w;
    this.generation++;
    this.listener.restarted(this.generation, reason);
    return w;
  }

  private onMessage(m: KernelMessage) {
    if (m.type === 'output') this.listener.output(m.runId, m.output, m.displayId);
    else if (m.type === 'update') this.listener.update(m.runId, m.displayId, m.output);
    else if (m.type === 'remove') this.listener.remove(m.runId, m.displayId);
    else if (m.type === 'done' && this.running?.runId === m.runId) {
      const p = this.running;
      this.running = null;
      p.resolve(m.ok ? { ok: true, report: m.report } : { ok: false, error: m.error, interrupted: m.interrupted });
    }
  }

  /**
   * Runs `source` (labelled `cell` in error messages); `onStart` gets the run id before any output.
   * With `check`, the named exercise check then grades what the code defined (RunResult.report).
   */
  run(cell: string, source: string, onStart: (runId: number) => void, check?: string): Promise<RunResult> {
    if (this.running) throw new Error('KernelSession.run: a cell is already running (queue runs in the page)');
    const w = this.ensureWorker();
    const runId = this.nextRunId++;
    onStart(runId);
    return new Promise<RunResult>((resolve) => {
      this.running = { runId, resolve };
      w.postMessage(check ? { type: 'check', runId, cell, source, check } : { type: 'run', runId, cell, source });
    });
  }

  get busy(): boolean {
    return this.running !== null;
  }

  /** Stops the running cell; resolves 'interrupted' (state kept) or 'restarted' (fresh kernel). */
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
    this.replace('stop', { name: 'Interrupted', message: 'The cell did not stop, so the kernel was restarted: its variables are gone, run the cells again.' });
    return 'restarted';
  }

  /** A fresh kernel: the old worker is terminated at once, whatever it was doing. */
  restart(): void {
    this.replace('restart', { name: 'Interrupted', message: 'Stopped by Restart.' });
  }

  private replace(reason: 'stop' | 'restart' | 'crash', error: CellError) {
    this.worker?.terminate();
    this.worker = null;
    const p = this.running;
    this.running = null;
    p?.resolve({ ok: false, error, interrupted: reason !== 'crash' });
    this.ensureWorker(reason);
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
  }
}

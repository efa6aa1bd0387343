/**
 * The session's bookkeeping of runs: what a run resolves to, the run in flight (with its secret
 * token and the request, kept to send again), and the turns that runs take on the one worker.
 */
import type { Feedback } from '../exercises/types';
import type { CellError } from '../cell-error/cell-error';
import type { CellMessage, CellRequest } from './protocol';

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

export type RunOptions = { resume?: boolean; check?: string };

export type CellDone = Extract<CellMessage, { type: 'cell-done' }>;

export interface Pending {
  runId: number;
  token: string;
  resolve: (r: RunResult) => void;
  /** The run request, kept to send it again to a fresh worker (see WasmThreadsStalled). */
  request: CellRequest;
  /** Fresh workers this run has been sent to (see `retry`). */
  retries: number;
}

/** A run's secret: only the runtime's answer to that run carries it (student code cannot post a verdict). */
function runToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Run `runId` with a fresh token, resolved by `resolve`, and its request. */
export function newRun(runId: number, cell: string, source: string, opts: RunOptions, resolve: (r: RunResult) => void): Pending {
  const token = runToken();
  const request: CellRequest = { type: 'run', runId, token, cell, source, ...(opts.resume ? { resume: true } : {}), ...(opts.check ? { check: opts.check } : {}) };
  return { runId, token, resolve, request, retries: 0 };
}

/** Whether `c` is the runtime's answer to `p`: its run id and its token. */
export const answers = (c: CellDone, p: Pending | null): p is Pending => p?.runId === c.runId && p.token === c.token;

/** Runs take turns; a run still waiting when the worker is replaced (Restart, a runaway cell) does not run on the new one. */
export class RunTurns {
  private turns: Promise<void> = Promise.resolve();
  /** Counts worker replacements, so waiting runs know the worker they were queued for is gone. */
  private replaced = 0;

  take(start: () => Promise<RunResult>): Promise<RunResult> {
    const replacedBefore = this.replaced;
    const turn = this.turns.then(() =>
      this.replaced !== replacedBefore
        ? { ok: false, interrupted: true, error: { name: 'Interrupted', message: 'The notebook restarted before this ran.' } }
        : start());
    this.turns = turn.then(() => undefined, () => undefined);
    return turn;
  }

  workerReplaced(): void {
    this.replaced++;
  }
}

/** After an interrupt: true once `p` ends within `graceMs` (it then resolves interrupted), else false. */
export function endsWithin(p: Pending, graceMs: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const t = setTimeout(() => resolve(false), graceMs);
    const original = p.resolve;
    p.resolve = (r) => {
      clearTimeout(t);
      original({ ...r, interrupted: true });
      resolve(true);
    };
  });
}

/**
 * Who hears what from the notebook's worker: the notebook hears its cells' outputs and each new
 * worker, the views hear the host's events, and both hear when the worker is replaced.
 */
import { CELL_MESSAGE_TYPES, type CellMessage, type Output } from './protocol';
import type { WorkerEvent } from '../workshop/protocol';
import type { CellDone } from './session-run';

export type RestartReason = 'start' | 'stop' | 'restart' | 'crash';

export interface SessionListener {
  output(runId: number, output: Output, displayId: string | undefined): void;
  update(runId: number, displayId: string, output: Output): void;
  remove(runId: number, displayId: string): void;
  /** A new worker (and so fresh state) started; `generation` counts workers since the page loaded. */
  restarted(generation: number, reason: RestartReason): void;
}

export type HostListener = (e: WorkerEvent) => void;
export type RestartListener = (reason: RestartReason | 'unavailable', message: string) => void;

export class SessionEvents {
  private hostListeners = new Set<HostListener>();
  private restartListeners = new Set<RestartListener>();
  private listeners = new Set<SessionListener>();

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

  /** Hands a worker's message to its listeners; a run's end goes back to the session. */
  protected route(m: CellMessage | WorkerEvent): CellDone | null {
    if (!CELL_MESSAGE_TYPES.has(m.type)) {
      for (const l of [...this.hostListeners]) l(m as WorkerEvent);
      return null;
    }
    const c = m as CellMessage;
    if (c.type === 'output') for (const l of this.listeners) l.output(c.runId, c.output, c.displayId);
    else if (c.type === 'update') for (const l of this.listeners) l.update(c.runId, c.displayId, c.output);
    else if (c.type === 'remove') for (const l of this.listeners) l.remove(c.runId, c.displayId);
    else if (c.type === 'cell-done') return c;
    return null;
  }

  /** A new worker started (the notebook's state is fresh). */
  protected announceWorker(generation: number, reason: RestartReason): void {
    for (const l of this.listeners) l.restarted(generation, reason);
  }

  /** The worker was replaced or could not start: the host's state (model, pending requests) is gone. */
  protected announceRestart(reason: RestartReason | 'unavailable', message: string): void {
    for (const l of [...this.restartListeners]) l(reason, message);
  }
}

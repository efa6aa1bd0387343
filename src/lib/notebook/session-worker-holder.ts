/**
 * The session's worker, one at a time: started on the first request (or after a replacement), wired
 * to the session (session-worker.ts), and counted (`generation`). What its messages and errors mean
 * is the session's (session.ts).
 */
import type { CellError } from '../cell-error/cell-error';
import type { CellMessage } from './protocol';
import type { WorkerCommand, WorkerEvent } from '../workshop/protocol';
import { SessionEvents, type RestartReason } from './session-events';
import { wireWorker, type WorkerLike } from './session-worker';

export abstract class WorkerHolder extends SessionEvents {
  protected worker: WorkerLike | null = null;
  /** The current worker said it started (its script loaded and ran). */
  protected workerStarted = false;
  /** Runs finished on the current worker. */
  protected runsFinished = 0;
  generation = 0;

  constructor(private readonly createWorker: () => WorkerLike) {
    super();
  }

  protected abstract onMessage(m: CellMessage | WorkerEvent): void;
  /** The worker could not start (see session-worker.ts). */
  protected abstract unavailable(message: string): void;
  protected abstract replace(reason: 'stop' | 'restart' | 'crash', error: CellError): void;

  protected ensureWorker(reason: RestartReason = 'start'): WorkerLike {
    if (this.worker) return this.worker;
    const w = this.spawn();
    this.worker = w;
    this.workerStarted = false;
    this.runsFinished = 0;
    this.generation++;
    this.announceWorker(this.generation, reason);
    return w;
  }

  /** A new worker wired to this session (its messages, and what its errors mean). */
  protected spawn(): WorkerLike {
    return wireWorker(this.createWorker(), {
      message: (m) => this.onMessage(m),
      started: () => this.workerStarted,
      unavailable: (message) => this.unavailable(message),
      crashed: (error) => this.replace('crash', error),
    });
  }

  /** Sends a host command (the views' requests, Pause/Continue), starting the worker if needed. */
  send(command: WorkerCommand, transfer: Transferable[] = []): void {
    this.ensureWorker().postMessage(command, transfer);
  }

  get started(): boolean {
    return this.worker !== null;
  }
}

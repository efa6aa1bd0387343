/**
 * The notebook's worker as the session sees it, and what its errors mean: a worker whose script never
 * ran could not start (the next request tries again), any other error that escaped the runtime is a
 * crash (a fresh worker takes over).
 */
import type { CellError } from '../cell-error/cell-error';
import type { CellMessage, CellRequest } from './protocol';
import type { WorkerCommand, WorkerEvent } from '../workshop/protocol';
import { loadFailureMessage } from '../site/load-failure';

export interface WorkerLike {
  postMessage(m: CellRequest | WorkerCommand, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<CellMessage | WorkerEvent>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}

export interface WorkerWiring {
  message(m: CellMessage | WorkerEvent): void;
  /** Whether the worker said it started (its script loaded and ran). */
  started(): boolean;
  unavailable(message: string): void;
  crashed(error: CellError): void;
}

/** Wires `w`'s messages and errors to the session. */
export function wireWorker(w: WorkerLike, on: WorkerWiring): WorkerLike {
  w.onmessage = (e) => on.message(e.data);
  w.onerror = (e) => {
    e.preventDefault?.();
    // A worker whose script never ran (offline, or a new version half-published): say so, and try
    // again on the next request instead of restarting in a loop.
    if (!on.started()) return on.unavailable(loadFailureMessage(new Error(e.message || 'Failed to fetch the worker script'), "The notebook's worker"));
    // An error that escaped the runtime (it catches cell errors itself): start over.
    on.crashed({ name: 'RuntimeError', message: `The notebook's worker crashed: ${e.message || 'unknown error'}. It was restarted; run the cells again.` });
  };
  return w;
}

// The page's one notebook worker (notebook runtime + host), shared by the notebook's cells and the
// workshop's views. Imported by component scripts only.
import { RuntimeSession, type WorkerLike } from '../../lib/notebook/session';
import { HeldWorker } from '../../lib/tfjs/serial-workers';
import { serviceWorkerSettled } from '../../lib/site/sw-settled';

let session: RuntimeSession | undefined;

/** The notebook's worker; where it will start threads (an isolated page), once the service worker has settled (sw-settled.ts). */
function notebookWorker(): WorkerLike {
  const w = new HeldWorker(() => new Worker(new URL('../../workers/notebook.worker.ts', import.meta.url), { type: 'module', name: 'notebook' }));
  void (self.crossOriginIsolated ? serviceWorkerSettled(navigator.serviceWorker) : Promise.resolve()).then(() => w.begin());
  return w as WorkerLike;
}

export function getSession(): RuntimeSession {
  session ??= new RuntimeSession(notebookWorker);
  return session;
}

/** Asks the notebook to stop the running cell (the training view's Stop button does this). */
export const STOP_EVENT = 'notebook:stop';
export function requestStop(from: Element): void {
  from.dispatchEvent(new CustomEvent(STOP_EVENT, { bubbles: true }));
}

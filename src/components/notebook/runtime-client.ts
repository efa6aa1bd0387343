// The page's one notebook worker (cell runtime + engine), shared by the notebook's cells and the
// workshop's views. Imported by component scripts only.
import { RuntimeSession, type WorkerLike } from '../../lib/notebook/session';

let session: RuntimeSession | undefined;

export function getSession(): RuntimeSession {
  session ??= new RuntimeSession(
    () => new Worker(new URL('../../workers/notebook.worker.ts', import.meta.url), { type: 'module', name: 'notebook' }) as unknown as WorkerLike,
  );
  return session;
}

/** Asks the notebook to stop the running cell (the training view's Stop button does this). */
export const STOP_EVENT = 'notebook:stop';
export function requestStop(from: Element): void {
  from.dispatchEvent(new CustomEvent(STOP_EVENT, { bubbles: true }));
}

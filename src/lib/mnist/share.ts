/**
 * One load of MNIST per base URL in this realm (page or worker), shared by every caller: each gets
 * the progress so far and then the rest; a caller's `signal` stops its own wait, and the load itself
 * stops once every waiting caller has stopped. A failed load is forgotten, so calling again retries.
 */
import { stopped } from './errors';
import type { LoadedMnist, MnistProgress } from './load-options';

type Shared = {
  promise: Promise<LoadedMnist>;
  listeners: Set<(p: MnistProgress) => void>;
  last?: MnistProgress;
  ctrl: AbortController;
  users: number;
  settled: boolean;
};
const shared = new Map<string, Shared>();

/** Starts the load of `base` with `start`, or joins the one already under way or done. */
export function joinShared(
  base: string,
  opts: { onProgress?: (p: MnistProgress) => void; signal?: AbortSignal },
  start: (signal: AbortSignal, onProgress: (p: MnistProgress) => void) => Promise<LoadedMnist>,
): Promise<LoadedMnist> {
  if (opts.signal?.aborted) return Promise.reject(stopped());
  let entry = shared.get(base);
  if (!entry) {
    const ctrl = new AbortController();
    const fresh: Shared = { listeners: new Set(), ctrl, users: 0, settled: false, promise: Promise.resolve(null as never) };
    fresh.promise = start(ctrl.signal, (p) => {
      fresh.last = p;
      for (const listener of fresh.listeners) listener(p);
    });
    fresh.promise.then(
      () => void (fresh.settled = true),
      () => {
        fresh.settled = true;
        if (shared.get(base) === fresh) shared.delete(base);
      },
    );
    shared.set(base, fresh);
    entry = fresh;
  }
  const e = entry;
  const listener = opts.onProgress;
  e.users++;
  if (listener) {
    e.listeners.add(listener);
    if (e.last) listener(e.last);
  }
  let left = false;
  const leave = () => {
    if (left) return;
    left = true;
    e.users--;
    if (listener) e.listeners.delete(listener);
  };
  const signal = opts.signal;
  if (!signal) {
    e.promise.then(leave, leave);
    return e.promise;
  }
  return new Promise<LoadedMnist>((resolve, reject) => {
    const onAbort = () => {
      leave();
      reject(stopped());
      if (e.users === 0 && !e.settled) {
        if (shared.get(base) === e) shared.delete(base);
        e.ctrl.abort();
      }
    };
    signal.addEventListener('abort', onAbort, { once: true });
    e.promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        leave();
        resolve(v);
      },
      (err) => {
        signal.removeEventListener('abort', onAbort);
        leave();
        reject(err);
      },
    );
  });
}

/** Forgets every shared load, so the next call starts afresh. */
export function forgetShared(): void {
  shared.clear();
}

/// <reference lib="webworker" />
/**
 * The notebook's worker entry: it only loads the adapter (./notebook-adapter.ts) and holds the
 * messages that arrive meanwhile. Why a separate, empty entry: the adapter's chunks import shared
 * code from whichever chunk holds it, and WebKit evaluates a module worker's entry script a second
 * time when another chunk imports it, so every message ran twice (each output shown twice, two
 * tfjs instances). An entry that nobody can import keeps one instance in every engine.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const early: MessageEvent[] = [];
const hold = (e: MessageEvent) => early.push(e);
scope.addEventListener('message', hold);

import('./notebook-adapter').then(
  ({ start }) => {
    scope.removeEventListener('message', hold);
    start(early.map((e) => e.data));
  },
  (err: unknown) => {
    // Raised as the worker's error event, which the page reports as "the notebook could not load".
    setTimeout(() => {
      throw err instanceof Error ? err : new Error(String(err));
    });
  },
);

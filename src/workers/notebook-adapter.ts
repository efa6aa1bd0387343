/// <reference lib="webworker" />
/**
 * The notebook's worker (loaded by its entry, ./notebook.worker.ts): the cell runtime (cells run here, so a runaway cell never freezes the page
 * and Restart is `worker.terminate()` + a fresh worker, as in JupyterLite) and the host (tfjs, the
 * one copy of MNIST, the current model) that the cells and the workshop's views share. A message
 * adapter over src/lib/notebook/notebook-runtime.ts.
 */
import { NotebookRuntime } from '../lib/notebook/notebook-runtime';
import type { CellMessage, CellRequest } from '../lib/notebook/protocol';
import type { WorkerCommand, WorkerEvent } from '../lib/workshop/protocol';
import { CheckpointStore } from '../lib/workshop/checkpoint-store';
import { wasmPaths } from '../lib/tfjs/wasm-paths';

const scope = self as unknown as DedicatedWorkerGlobalScope;

// A zero-delay yield that, unlike setTimeout, is not clamped to 4 ms when nested: training loops
// call it every step so Pause, Stop and the views' requests get in without slowing the loop.
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
function yieldToMessages(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(0);
  });
}

let store: CheckpointStore | undefined;
try {
  store = typeof indexedDB === 'undefined' ? undefined : new CheckpointStore();
} catch {
  store = undefined; // some private modes refuse IndexedDB: training still runs, unsaved
}

const notebook = new NotebookRuntime({
  post: (m: CellMessage | WorkerEvent, transfer: Transferable[] = []) => scope.postMessage(m, transfer),
  wasmPaths,
  store,
  yieldToMessages,
  updateEveryMs: 100,
});

// print() and console output go below the running cell instead of the devtools console.
console.log = console.info = console.debug = (...v: unknown[]) => notebook.print('stdout', v);
console.warn = console.error = (...v: unknown[]) => notebook.print('stderr', v);
scope.addEventListener('unhandledrejection', (e) => {
  e.preventDefault();
  notebook.print('stderr', [`Unhandled promise rejection: ${(e.reason as Error)?.message ?? e.reason}`]);
});

/** Starts listening; `early` are the messages that came while this module loaded, in order. */
export function start(early: (CellRequest | WorkerCommand)[]): void {
  scope.addEventListener('message', (e: MessageEvent<CellRequest | WorkerCommand>) => {
    e.stopImmediatePropagation(); // a listener added by student code never reads a run's token
    notebook.receive(e.data);
  });
  scope.postMessage({ type: 'started' } satisfies CellMessage);
  for (const m of early) notebook.receive(m);
}

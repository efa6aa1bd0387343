/**
 * The notebook kernel: runs cells in this worker (so a runaway cell never freezes the page, and
 * Restart is `worker.terminate()` + a fresh worker) and answers with display messages, as
 * JupyterLite's kernels do. Protocol: src/lib/notebook/protocol.ts.
 */
import { Kernel } from '../lib/notebook/runner';
import { makeBuiltins, type OutputSink } from '../lib/notebook/builtins';
import { makeWorkshopHelpers } from '../lib/notebook/workshop-helpers';
import { makeSavedModels } from '../lib/notebook/saved-models';
import { textOutput, valueOutput } from '../lib/notebook/display';
import { setupTf, type TfNamespace } from '../lib/notebook/tf-setup';
import type { KernelMessage, KernelRequest, Output } from '../lib/notebook/protocol';
import { runCheck } from '../lib/exercises/checks';

const post = (m: KernelMessage) => (self as unknown as Worker).postMessage(m);

let runId = 0;
let controller = new AbortController();
let displays = 0;
/** While > 0, console output is dropped instead of shown below the cell (see importModule). */
let muted = 0;
/** Latest update per display id, sent at most every 100 ms so a fast loop cannot flood the page. */
const pending = new Map<string, { runId: number; output: Output }>();
let flushTimer: ReturnType<typeof setTimeout> | undefined;

function flush() {
  clearTimeout(flushTimer);
  flushTimer = undefined;
  for (const [displayId, { runId: id, output }] of pending) post({ type: 'update', runId: id, displayId, output });
  pending.clear();
}

const sink: OutputSink = {
  add(output) {
    const displayId = `d${++displays}`;
    post({ type: 'output', runId, output, displayId });
    return displayId;
  },
  update(displayId, output) {
    pending.set(displayId, { runId, output });
    flushTimer ??= setTimeout(flush, 100);
  },
  remove(displayId) {
    pending.delete(displayId);
    post({ type: 'remove', runId, displayId });
  },
  signal: () => controller.signal,
};

let tf: TfNamespace | undefined;
const getTf = (): TfNamespace => {
  if (!tf) throw new Error("TensorFlow.js is not loaded yet: run the setup cell (import * as tf from '@tensorflow/tfjs')");
  return tf;
};

const TF_MODULES = ['@tensorflow/tfjs', '@tensorflow/tfjs-core', '@tensorflow/tfjs-layers'];

/** What `import … from 'name'` gives a cell. */
async function importModule(name: string): Promise<unknown> {
  if (TF_MODULES.includes(name)) {
    const first = !tf;
    // tfjs reports each backend it probes and rejects (e.g. no WebGPU adapter) on the console;
    // the cell shows the outcome instead.
    muted++;
    const s = await setupTf().finally(() => muted--);
    tf = s.tf;
    if (first) {
      const detail = s.infos.find((i) => i.name === s.backend)?.detail;
      sink.add({ kind: 'text', text: `TensorFlow.js ${s.tf.version_core} · backend: ${s.backend}${detail ? ` (${detail})` : ''}` });
    }
    return s.tf;
  }
  throw new Error(`Cannot import '${name}' in a cell: the notebook provides ${TF_MODULES.map((m) => `'${m}'`).join(', ')}; the course helpers need no import`);
}

const builtins = makeBuiltins(sink);
const helpers = { ...makeWorkshopHelpers(sink, getTf), ...makeSavedModels(sink, getTf) };
const course = {
  ...builtins,
  ...helpers,
  /** Aborted when the student presses Stop; pass it to long loops that take a signal. */
  get signal() {
    return controller.signal;
  },
  get backend() {
    return tf ? tf.getBackend() : undefined;
  },
  /** Yields to the message loop so Stop can reach the cell; throws if Stop was pressed. */
  async checkpoint() {
    await new Promise((r) => setTimeout(r, 0));
    controller.signal.throwIfAborted();
  },
};
const kernel = new Kernel({ ...builtins, ...helpers, course, __import: importModule });

// print() and console output go below the running cell instead of the devtools console.
const toCell = (stream: 'stdout' | 'stderr') => (...values: unknown[]) => {
  if (!muted) sink.add(textOutput(values, stream));
};
console.log = console.info = console.debug = toCell('stdout');
console.warn = console.error = toCell('stderr');
self.addEventListener('unhandledrejection', (e) => {
  e.preventDefault();
  sink.add(textOutput([`Unhandled promise rejection: ${(e.reason as Error)?.message ?? e.reason}`], 'stderr'));
});

async function run(req: Extract<KernelRequest, { type: 'run' | 'check' }>) {
  runId = req.runId;
  controller = new AbortController();
  try {
    const value = await kernel.run(req.source, req.cell);
    if (value !== undefined) sink.add(valueOutput(value));
    // An exercise: its check calls what the cell defined (on hidden inputs) and grades it.
    const report =
      req.type === 'check' ? await runCheck(req.check, { get: (name) => kernel.scope[name], describe: (e) => kernel.describe(e, req.cell) }) : undefined;
    controller.signal.throwIfAborted(); // Stop during the check: report "interrupted", not a verdict
    flush();
    post({ type: 'done', runId: req.runId, ok: true, report });
  } catch (e) {
    flush();
    const interrupted = controller.signal.aborted;
    const error = interrupted ? { name: 'Interrupted', message: 'Stopped by the Stop button' } : kernel.describe(e, req.cell);
    post({ type: 'done', runId: req.runId, ok: false, error, interrupted });
  }
}

// Runs one at a time, in order; an interrupt is handled between (and during awaits of) runs.
let queue = Promise.resolve();
self.addEventListener('message', (e: MessageEvent<KernelRequest>) => {
  const req = e.data;
  if (req.type === 'interrupt') controller.abort(new DOMException('Stopped', 'AbortError'));
  else if (req.type === 'run' || req.type === 'check') queue = queue.then(() => run(req));
});
post({ type: 'ready' });

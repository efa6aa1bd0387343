// The notebook's worker driven as the page's session drives it (src/lib/notebook/session.ts): a cell's
// source in a `run` request, its outputs back (a training run's live view among them), `interrupt` for
// Stop, `pause`/`resume` for the training view's buttons, and the views' engine requests in between.
// The bench (scripts/bench.mjs) and the browser tests (test/e2e/training-worker.spec.ts,
// backends.spec.ts) train through it, on the workshop's own cells. The page-side function is
// self-contained: it travels as text to WebDriver.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Output, TrainingView } from '../../src/lib/notebook/protocol';
import type { WorkerEvent } from '../../src/lib/workshop/protocol';

/** The notebook's worker chunk in a built site (`_astro/notebook.worker-*.js`), or null. */
export function notebookWorkerChunk(dist: string): string | null {
  const assets = join(dist, '_astro');
  const chunk = existsSync(assets) && readdirSync(assets).find((f) => /^notebook\.worker-.*\.js$/.test(f));
  return chunk ? `_astro/${chunk}` : null;
}

/** The workshop's cells by id, as the instructor wrote them. */
export function workshopCells(root = '.'): Map<string, string> {
  const mdx = readFileSync(join(root, 'content/workshops/10-lenet5.mdx'), 'utf8');
  const cells = new Map<string, string>();
  for (const m of mdx.matchAll(/```ts cell id=([\w-]+)[^\n]*\n([\s\S]*?)\n```/g)) cells.set(m[1], m[2]);
  return cells;
}

/** The cells before the loaders, in page order: tfjs, MNIST, the split, LeNet-5. */
export const SETUP_CELLS = ['setup', 'load-mnist', 'split', 'lenet5'];

function edit(cells: Map<string, string>, id: string, edits: [string, string][]): string {
  let source = cells.get(id);
  if (source === undefined) throw new Error(`the workshop has no cell ${id}`);
  for (const [from, to] of edits) {
    if (!source.includes(from)) throw new Error(`the workshop's ${id} cell no longer has "${from}"`);
    source = source.replace(from, to);
  }
  return source;
}

/**
 * The workshop's loaders cell with batches of `batchSize`, `steps` batches per epoch (through its
 * epochScale) and, when given, only the first `validationImages` validation images.
 */
export function loadersCell(cells: Map<string, string>, o: { steps: number; batchSize?: number; validationImages?: number }): string {
  return edit(cells, 'loaders', [
    ['const batchSize = 64;', `const batchSize = ${o.batchSize ?? 64};`],
    ['const epochScale = 1;', `const epochScale = (${o.steps} - 0.5) / Math.ceil(indicesTrain2.length / batchSize);`],
    ...(o.validationImages ? [['indices: indicesValidation }', `indices: indicesValidation.slice(0, ${o.validationImages}) }`] as [string, string]] : []),
  ]);
}

/** The setup cells, the loaders cell (as `loadersCell` makes it) and the training function, in page order. */
export function preparedCells(cells: Map<string, string>, loaders: Parameters<typeof loadersCell>[1]): [string, string][] {
  return [...SETUP_CELLS.map((id): [string, string] => [id, cells.get(id)!]), ['loaders', loadersCell(cells, loaders)], ['train', cells.get('train')!]];
}

/**
 * The workshop's training cell for one epoch from the seed-`seed` initial weights; it prints its loss
 * lists as one line of JSON (see `lossLists`).
 */
export function trainingCell(cells: Map<string, string>, seed: number): string {
  const source = edit(cells, 'training', [
    ['const nEpoch = 20;', 'const nEpoch = 1;'],
    ['const net = new LeNet5();', `manualSeed(${seed});\nconst net = new LeNet5();`],
  ]);
  return `${source}\nconsole.log(JSON.stringify({ lossTrainList, lossValidationList, validationSteps }));`;
}

export interface LossLists {
  lossTrainList: number[];
  lossValidationList: number[];
  validationSteps: number[];
}

/** What a training cell from `trainingCell` printed. */
export function lossLists(text: string): LossLists | undefined {
  const line = text.split('\n').find((l) => l.startsWith('{"lossTrainList"'));
  return line ? (JSON.parse(line) as LossLists) : undefined;
}

export interface CellRun {
  ok: boolean;
  error?: { name: string; message: string };
  interrupted: boolean;
  /** The text outputs, one per line. */
  text: string;
}

/** The page-side client of one worker, at `globalThis.__notebooks.get(name)`. */
export interface NotebookClient {
  worker: Worker;
  /** Every training view the worker sent, in order (a view's `seconds` is the worker's clock). */
  views: TrainingView[];
  /** Called with each training view as it arrives. */
  onView?: (v: TrainingView) => void;
  send(message: { type: 'interrupt' | 'pause' | 'resume' }): void;
  /** An engine request (the views' protocol), answered by the event `expect` with its id. */
  request<T extends WorkerEvent['type']>(command: object, expect: T): Promise<Extract<WorkerEvent, { type: T }>>;
  /** Runs `source` as cell `cell` the way the page runs it; resolves when the cell is done. */
  run(cell: string, source: string, opts?: { resume?: boolean }): Promise<CellRun>;
}

/**
 * In the page: starts a notebook worker from `url` (resolved against the page) named `name`
 * (`threads=N` in the name sets wasm's thread count) and keeps its client at
 * `globalThis.__notebooks.get(name)`; a second call with the same name keeps the first.
 */
export function installNotebookClient({ url, name }: { url: string; name: string }): boolean {
  const g = globalThis as unknown as { __notebooks?: Map<string, NotebookClient> };
  g.__notebooks ??= new Map();
  if (g.__notebooks.has(name)) return true;
  const worker = new Worker(new URL(url, document.baseURI), { type: 'module', name });
  let nextRunId = 1;
  let nextId = 1;
  const nb: NotebookClient = {
    worker,
    views: [],
    send: (message) => worker.postMessage(message),
    request: <T extends WorkerEvent['type']>(command: object, expect: T) =>
      new Promise<Extract<WorkerEvent, { type: T }>>((resolve, reject) => {
        const id = nextId++;
        const on = (e: MessageEvent) => {
          const m = e.data;
          if (m.id !== id || (m.type !== expect && m.type !== 'error')) return;
          worker.removeEventListener('message', on);
          if (m.type === 'error') reject(new Error(m.message));
          else resolve(m);
        };
        worker.addEventListener('message', on);
        worker.postMessage({ ...command, id });
      }),
    run: (cell, source, opts = {}) =>
      new Promise((resolve) => {
        const runId = nextRunId++;
        const outputs = new Map<string, Output>();
        const on = (e: MessageEvent) => {
          const m = e.data;
          if (m.runId !== runId) return;
          if (m.type === 'output' || m.type === 'update') {
            outputs.set(m.displayId ?? `x${outputs.size}`, m.output);
            if (m.output.kind === 'training') {
              nb.views.push(m.output);
              nb.onView?.(m.output);
            }
          } else if (m.type === 'remove') outputs.delete(m.displayId);
          else if (m.type === 'cell-done') {
            worker.removeEventListener('message', on);
            const text = [...outputs.values()].flatMap((o) => (o.kind === 'text' ? [o.text] : [])).join('\n');
            resolve({ ok: m.ok, error: m.error, interrupted: m.interrupted === true, text });
          }
        };
        worker.addEventListener('message', on);
        worker.postMessage({ type: 'run', runId, token: `run-${runId}`, cell, source, ...(opts.resume ? { resume: true } : {}) });
      }),
  };
  g.__notebooks.set(name, nb);
  return true;
}

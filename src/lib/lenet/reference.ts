// The reference run behind public/models/lenet5-reference/: the workshop's recipe (20 epochs,
// α = 0.1, batch 64, seed 0) with exactly the notebook's model, data loaders and loop. Node drives
// it (scripts/train-reference.mjs); this module is environment-free.
import type { TF } from '../tfjs/backends';
import type { MnistSplit } from '../mnist/dataset';
import { createModel, getWeights, setWeights } from './model';
import { evaluate } from './evaluate';
import { DataLoader, Dataset, EndRun, historyOf, train, type TrainConfig, type TrainLists } from '../torchlike';
import type { LeNetWeights } from './weights';
import type { TrainCheckpoint } from './checkpoint';

export const REFERENCE_CONFIG: Required<Omit<TrainConfig, 'maxSteps'>> = {
  alpha: 0.1, epochs: 20, runValidationEvery: 100, seed: 0, batchSize: 64,
};

/** The 60,000 training images and the notebook's split of them. */
export interface TrainData {
  source: Pick<MnistSplit, 'images' | 'labels' | 'rows' | 'cols'>;
  trainIndices: ArrayLike<number>;
  validationIndices: ArrayLike<number>;
}

/** The notebook's two data loaders over `data` (the training one reshuffled every epoch). */
export function notebookLoaders(data: TrainData, batchSize = 64, seed = 0): { train: DataLoader; validation: DataLoader } {
  const { images, labels, rows, cols } = data.source;
  const dataset = new Dataset({ name: 'train', count: labels.length, rows, cols, images, labels });
  return {
    train: new DataLoader(dataset, { batchSize, indices: data.trainIndices, shuffle: true, seed }),
    validation: new DataLoader(dataset, { batchSize, indices: data.validationIndices }),
  };
}

export interface ReferenceResult {
  weights: LeNetWeights;
  testError: number;
  mistakes: number;
  steps: number;
  seconds: number;
  valLosses: number[];
  valSteps: number[];
}

export async function trainReference(opts: {
  tf: TF;
  backend: string;
  data: TrainData;
  test: Pick<MnistSplit, 'images' | 'labels'>;
  resumeFrom?: TrainCheckpoint;
  log: (line: string) => void;
  onCheckpoint: (c: TrainCheckpoint) => void | Promise<void>;
  maxSteps?: number;
}): Promise<ReferenceResult> {
  const { tf, data, log } = opts;
  const cfg = REFERENCE_CONFIG;
  const config: TrainConfig = { ...cfg, ...(opts.maxSteps ? { maxSteps: opts.maxSteps } : {}) };
  const net = createModel(tf, cfg.seed);
  const loaders = notebookLoaders(data, cfg.batchSize, cfg.seed);
  const stepsPerEpoch = loaders.train.length;
  const totalSteps = Math.min(stepsPerEpoch * cfg.epochs, opts.maxSteps ?? Infinity);
  const h = opts.resumeFrom?.history;
  const lists: TrainLists = { lossTrainList: [...(h?.trainLosses ?? [])], lossValidationList: [...(h?.valLosses ?? [])], validationSteps: [...(h?.valSteps ?? [])] };
  const startStep = opts.resumeFrom?.step ?? 0;
  if (opts.resumeFrom) setWeights(net, opts.resumeFrom.weights);
  loaders.train.seek(startStep);
  const t0 = Date.now();
  let windowStart = Date.now();
  let windowSteps = 0;
  const step = () => lists.lossTrainList.length;
  await train(net, cfg.alpha, cfg.epochs, loaders.train, loaders.validation, {
    runValidationEvery: cfg.runValidationEvery,
    lists,
    control: {
      startStep,
      validationDone: () => log(`validation step ${lists.validationSteps.at(-1)} loss ${lists.lossValidationList.at(-1)!.toFixed(4)}`),
      stepDone: async () => {
        windowSteps++;
        if (step() % 100 === 0) {
          const ips = (windowSteps * cfg.batchSize) / ((Date.now() - windowStart) / 1000);
          log(`step ${step()}/${totalSteps} epoch ${Math.ceil(step() / stepsPerEpoch)} loss ${lists.lossTrainList.at(-1)!.toFixed(4)} ${Math.round(ips)} img/s`);
          windowStart = Date.now();
          windowSteps = 0;
        }
        if (step() % stepsPerEpoch === 0) {
          const weights = await getWeights(net, { source: 'trained', steps: step(), epochs: step() / stepsPerEpoch, alpha: cfg.alpha, seed: cfg.seed, backend: opts.backend, savedAt: new Date().toISOString() });
          const ev = await evaluate(net, opts.test.images, opts.test.labels);
          log(`epoch ${step() / stepsPerEpoch} done at step ${step()}: test error ${(ev.testError * 100).toFixed(2)}%`);
          await opts.onCheckpoint({ weights, config, step: step(), history: historyOf(lists), savedAt: new Date().toISOString(), stepsPerEpoch, totalSteps });
        }
        if (step() >= totalSteps) throw new EndRun('limit');
      },
    },
  });
  const ev = await evaluate(net, opts.test.images, opts.test.labels);
  const weights = await getWeights(net, {
    source: 'reference', steps: step(), epochs: step() / stepsPerEpoch, alpha: cfg.alpha, seed: cfg.seed,
    backend: opts.backend, testError: ev.testError, savedAt: new Date().toISOString(),
  });
  net.dispose();
  return {
    weights, testError: ev.testError, mistakes: ev.mistakes, steps: step(),
    seconds: (Date.now() - t0) / 1000, valLosses: lists.lossValidationList, valSteps: lists.validationSteps,
  };
}

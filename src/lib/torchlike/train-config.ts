// A training run as data: its hyper-parameters (what the loop and its loaders are given) and the
// record it leaves (the loss curves), as checkpoints, the engine and the reference run keep them.
import type { TrainLists } from './train';

/** Hyper-parameters of one training run (the notebook's train(net, alpha, n_epoch, ...)). */
export interface TrainConfig {
  /** Learning rate α of plain SGD. */
  alpha: number;
  /** Number of epochs over the 58,976 training images. */
  epochs: number;
  /** Validation loss (1,024 images) every this many steps, starting at step 0. Default 100. */
  runValidationEvery?: number;
  /** Seed of the per-epoch reshuffle (epoch e uses seed + e). Default 0. */
  seed?: number;
  /** Default 64. */
  batchSize?: number;
  /** Stop after this many steps in total (for short demos and tests); default: all epochs. */
  maxSteps?: number;
}

/** Loss curves as the notebook's train() returns them. */
export interface TrainHistory {
  /** One entry per step: the mean cross-entropy of that batch. */
  trainLosses: number[];
  /** Mean validation cross-entropy, one entry per validation run. */
  valLosses: number[];
  /** The step (number of SGD updates done before it) of each validation run. */
  valSteps: number[];
}

/** The config with its defaults filled in; a bad field throws a RangeError that names it. */
export function resolveConfig(c: TrainConfig): Required<TrainConfig> {
  const cfg = {
    alpha: c.alpha,
    epochs: c.epochs,
    runValidationEvery: c.runValidationEvery ?? 100,
    seed: c.seed ?? 0,
    batchSize: c.batchSize ?? 64,
    maxSteps: c.maxSteps ?? Infinity,
  };
  if (!(cfg.alpha > 0) || !Number.isFinite(cfg.alpha)) throw new RangeError(`alpha must be a positive number, got ${c.alpha}`);
  if (!Number.isInteger(cfg.epochs) || cfg.epochs < 1) throw new RangeError(`epochs must be a positive integer, got ${c.epochs}`);
  for (const k of ['runValidationEvery', 'batchSize'] as const)
    if (!Number.isInteger(cfg[k]) || cfg[k] < 1) throw new RangeError(`${k} must be a positive integer, got ${cfg[k]}`);
  if (!Number.isInteger(cfg.seed) || cfg.seed < 0) throw new RangeError(`seed must be a non-negative integer, got ${cfg.seed}`);
  if (cfg.maxSteps !== Infinity && (!Number.isInteger(cfg.maxSteps) || cfg.maxSteps < 1))
    throw new RangeError(`maxSteps must be a positive integer, got ${cfg.maxSteps}`);
  return cfg;
}

/** The history record of a run (checkpoints, events) from the loop's lists. */
export function historyOf(lists: TrainLists): TrainHistory {
  return { trainLosses: [...lists.lossTrainList], valLosses: [...lists.lossValidationList], valSteps: [...lists.validationSteps] };
}

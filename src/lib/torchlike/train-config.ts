// A training run as data: its hyper-parameters (what the loop and its loaders are given) and the
// record it leaves (the loss curves), as checkpoints, the host and the reference run keep them.
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

/** The history record of a run (checkpoints, events) from the loop's lists. */
export function historyOf(lists: TrainLists): TrainHistory {
  return { trainLosses: [...lists.lossTrainList], valLosses: [...lists.lossValidationList], valSteps: [...lists.validationSteps] };
}

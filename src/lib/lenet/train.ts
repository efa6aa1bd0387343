// The notebook's train(net, alpha, n_epoch, dataloader_train2, dataloader_validation): plain SGD,
// a per-epoch reshuffle, the validation loss every `runValidationEvery` steps (before the step, as
// the notebook does). The workshop's `train` cell is this loop, written out for the student; a unit
// test holds the two to the same losses. The run control adds live progress, pause/stop and
// checkpoints without changing the loop.
import type * as tfc from '@tensorflow/tfjs-core';
import type { TrainHistory } from './protocol';
import type { DataLoader } from './data';
import { CrossEntropyLoss, SGD, backward, noGrad, type Module } from './nn';

/** Thrown by a run control to end the run early (a step limit, or Stop): train() returns the lists so far. */
export class EndRun extends Error {
  constructor(readonly reason: 'stopped' | 'limit') {
    super(reason === 'stopped' ? 'training stopped' : 'step limit reached');
  }
}

/** What a training run reports to, and how it can be paused, stopped and resumed. */
export interface RunControl {
  /** The step the loop starts at: 0, or where a saved run stopped (the loaders are positioned there). */
  readonly startStep: number;
  /** After every step (the loss lists already hold it): report progress; may wait (pause) or throw (stop). */
  stepDone(): void | Promise<void>;
  /** After a validation run. */
  validationDone?(): void | Promise<void>;
}

export interface TrainLists {
  lossTrainList: number[];
  lossValidationList: number[];
  validationSteps: number[];
}

/** The mean of a list (np.mean). */
export function mean(values: ArrayLike<number>): number {
  if (!values.length) return NaN;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

/** Mean cross-entropy over one pass of a loader, without gradients. */
export async function validationLoss(net: Module, loader: DataLoader): Promise<number> {
  const lossFunc = new CrossEntropyLoss();
  const losses: number[] = [];
  for (const [batch, labels] of loader) {
    const loss = noGrad(() => lossFunc.forward(net.forward(batch), labels));
    losses.push(await loss.item());
  }
  return mean(losses);
}

/**
 * Trains `net` for `nEpoch` passes over `dataloaderTrain2`, returning the loss lists. With a run
 * control, resumed runs continue at `control.startStep` with the lists they had.
 */
export async function train(
  net: Module,
  alpha: number,
  nEpoch: number,
  dataloaderTrain2: DataLoader,
  dataloaderValidation: DataLoader,
  opts: { runValidationEvery?: number; control?: RunControl; lists?: TrainLists } = {},
): Promise<TrainLists> {
  const runValidationEvery = opts.runValidationEvery ?? 100;
  const { lossTrainList, lossValidationList, validationSteps } = opts.lists ?? { lossTrainList: [], lossValidationList: [], validationSteps: [] };
  const lossFunc = new CrossEntropyLoss();
  const optimizer = new SGD(net.parameters(), alpha);
  const control = opts.control;

  let step = control?.startStep ?? 0;
  try {
    for (let epoch = Math.floor(step / dataloaderTrain2.length); epoch < nEpoch; epoch++) {
      for (const [batchTrain, labelsTrain] of dataloaderTrain2) {
        // (A resumed run whose history already holds this step's validation does not repeat it.)
        if (step % runValidationEvery === 0 && validationSteps.at(-1) !== step) {
          lossValidationList.push(await validationLoss(net, dataloaderValidation));
          validationSteps.push(step);
          await control?.validationDone?.();
        }
        optimizer.zeroGrad();
        const loss = backward(() => lossFunc.forward(net.forward(batchTrain), labelsTrain));
        optimizer.step();
        lossTrainList.push(await loss.item());
        step += 1;
        await control?.stepDone();
      }
    }
  } catch (e) {
    if (!(e instanceof EndRun)) throw e;
  } finally {
    optimizer.zeroGrad();
  }
  return { lossTrainList, lossValidationList, validationSteps };
}

/**
 * One step of the loop on a batch (zeroGrad, backward, step), on its own: the bench's per-kernel
 * profile and the memory tests call it. Returns the loss tensor; the caller disposes it.
 */
export function sgdStep(net: Module, xs: tfc.Tensor, ys: tfc.Tensor, alpha: number): tfc.Scalar {
  const optimizer = new SGD(net.parameters(), alpha);
  optimizer.zeroGrad();
  const loss = backward(() => new CrossEntropyLoss().forward(net.forward(xs), ys));
  optimizer.step();
  return loss.release();
}

/** The history record of a run (checkpoints, events) from the loop's lists. */
export function historyOf(lists: TrainLists): TrainHistory {
  return { trainLosses: [...lists.lossTrainList], valLosses: [...lists.lossValidationList], valSteps: [...lists.validationSteps] };
}

// A cell's training run and its checkpoint in the browser: whether a saved run is this run's, putting
// it back into the loop's own lists, and the checkpoint of the run as it stands (training-run.ts).
import type { WeightsInfo } from '../lenet/weights';
import type { TrainCheckpoint } from '../lenet/checkpoint';
import { getWeights, setWeights } from '../lenet/model';
import type { TrainingRunOptions } from './training-run-host';

/** Whether a saved run is this run's: the same α, epochs and batches per epoch. */
export function checkpointFits(cp: TrainCheckpoint, o: TrainingRunOptions, stepsPerEpoch: number): boolean {
  return cp.config.alpha === o.alpha && cp.config.epochs === o.nEpoch && cp.stepsPerEpoch === stepsPerEpoch;
}

/** Puts a saved run's weights and loss lists back and the loader at its step; returns the note the run shows. */
export function restoreCheckpoint(cp: TrainCheckpoint, o: TrainingRunOptions, totalSteps: number): string {
  setWeights(o.net, cp.weights);
  // Validation runs at or after the saved step are redone (a Stop may have cut in after one).
  const keep = cp.history.valSteps.filter((s) => s < cp.step).length;
  o.lossTrainList.splice(0, Infinity, ...cp.history.trainLosses.slice(0, cp.step));
  o.lossValidationList.splice(0, Infinity, ...cp.history.valLosses.slice(0, keep));
  o.validationSteps.splice(0, Infinity, ...cp.history.valSteps.slice(0, keep));
  o.dataloaderTrain2.seek(cp.step);
  return cp.step >= totalSteps
    ? 'This run had finished before: its saved model and curves are back.'
    : `Resumed at step ${cp.step.toLocaleString('en-US')} from the checkpoint saved ${new Date(cp.savedAt).toLocaleString()}.`;
}

/** The run as it stands: its weights, step and the loop's loss lists. */
export async function checkpointOf(
  o: TrainingRunOptions,
  run: { key: string; cell: string; label: string; step: number; totalSteps: number; stepsPerEpoch: number },
  info: WeightsInfo,
): Promise<TrainCheckpoint> {
  const weights = await getWeights(o.net, info);
  return {
    key: run.key, cell: run.cell, label: run.label, weights, step: run.step, totalSteps: run.totalSteps,
    stepsPerEpoch: run.stepsPerEpoch, savedAt: new Date().toISOString(),
    config: { alpha: o.alpha, epochs: o.nEpoch, batchSize: o.dataloaderTrain2.batchSize },
    history: { trainLosses: [...o.lossTrainList], valLosses: [...o.lossValidationList], valSteps: [...o.validationSteps] },
  };
}

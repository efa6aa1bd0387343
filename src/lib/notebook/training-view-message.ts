// The live view of a cell's training run (protocol.ts's TrainingView) from where the run stands:
// what training-run.ts shows below the cell. Pure.
import type { TrainingView } from './protocol';
import type { TrainingRunOptions } from './training-run-host';
import { bucketMeans } from '../workshop/loss-series';

const MAX_POINTS = 300;

/** Where a run stands, besides its options (the loop's own lists). */
export interface TrainingRunState {
  label: string;
  state: TrainingView['state'];
  totalSteps: number;
  stepsPerEpoch: number;
  imagesPerSec: number;
  /** Seconds since the run began. */
  seconds: number;
  backend: string | undefined;
  note: string | undefined;
}

export function trainingView(o: TrainingRunOptions, r: TrainingRunState): TrainingView {
  const step = o.lossTrainList.length;
  const ips = r.imagesPerSec;
  const batch = o.batchSize ?? o.dataloaderTrain2.batchSize;
  return {
    kind: 'training', label: r.label, state: r.state, step, totalSteps: r.totalSteps,
    epoch: Math.max(0, Math.min(o.nEpoch - 1, Math.floor((step - 1) / r.stepsPerEpoch))), nEpoch: o.nEpoch,
    loss: o.lossTrainList.at(-1), valLoss: o.lossValidationList.at(-1), imagesPerSec: ips || undefined,
    etaSeconds: ips > 0 ? ((r.totalSteps - step) * batch) / ips : undefined,
    seconds: r.seconds, backend: r.backend,
    train: bucketMeans(o.lossTrainList, MAX_POINTS).map((p) => [p.step, p.loss]),
    validation: o.validationSteps.map((s, i) => [s, o.lossValidationList[i]]),
    note: r.note, keepChart: o.keepChart ?? false,
  };
}

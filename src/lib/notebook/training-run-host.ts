// What a cell's training run (training-run.ts) needs from the notebook's worker, and what the cell gives it.
import type { OutputSink } from './protocol';
import type { WeightsInfo } from '../lenet/weights';
import type { TrainCheckpoint } from '../lenet/checkpoint';
import type { DataLoader, Module } from '../torchlike';
import type { TrainingRun } from './training-run';

/** What a run needs from the notebook's worker. */
export interface RunHost {
  sink: OutputSink;
  /** The id of the cell that is running. */
  cell: string;
  /** The student asked to resume this cell's saved runs (the "Resume training" button). */
  resume: boolean;
  /** Paused by the run's Pause button; resolves once Continue (or Stop) is pressed. */
  paused(): boolean;
  untilContinued(): Promise<void>;
  /** Yields to the worker's message loop, so Pause, Stop and the page's views get in between steps. */
  yieldToMessages(): Promise<void>;
  store?: { load(key: string): Promise<TrainCheckpoint | undefined>; save(c: TrainCheckpoint): Promise<void> };
  /** Makes `net` the page's current model (the views evaluate it). */
  adopt(net: Module, info: WeightsInfo): void;
  backend(): string | undefined;
  /** Called when a run ends, however it ends. */
  ended?(run: TrainingRun): void;
}

export interface TrainingRunOptions {
  net: Module;
  alpha: number;
  nEpoch: number;
  dataloaderTrain2: DataLoader;
  lossTrainList: number[];
  lossValidationList: number[];
  validationSteps: number[];
  /** Batch size for the images/s figure; default the loader's. */
  batchSize?: number;
  /** Keep the live chart once the run has finished (default false: the cell draws its own figure). */
  keepChart?: boolean;
}

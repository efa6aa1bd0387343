// A training run of LeNet-5 saved where it stands, to resume it later (IndexedDB, see
// src/lib/workshop/checkpoint-store.ts) or to publish it (the reference run).
import type { TrainConfig, TrainHistory } from '../torchlike';
import type { LeNetWeights } from './weights';

/** Everything needed to resume a run where it stopped (kept in IndexedDB, see checkpoint-store.ts). */
export interface TrainCheckpoint {
  weights: LeNetWeights;
  config: TrainConfig;
  /** SGD steps completed. Training resumes at this step (mid-epoch is fine: shuffles are seeded). */
  step: number;
  history: TrainHistory;
  savedAt: string;
  /** A run of a notebook cell: its key ("training/α = 0.1"), the cell's id and the run's label. */
  key?: string;
  cell?: string;
  label?: string;
  /** Batches per epoch of the run (the loader's length) and its total, for resuming and progress. */
  stepsPerEpoch?: number;
  totalSteps?: number;
}

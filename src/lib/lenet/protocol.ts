// The typed messages between the workshop page and the notebook's worker (src/workers/notebook-adapter.ts, src/lib/workshop/engine-host.ts).
// A stable contract: the page sends `WorkerCommand`s, the worker answers with `WorkerEvent`s.
// Commands that expect an answer carry an `id`; the answering event carries the same `id`.
// Typed arrays in messages are transferred where possible; never hold on to one you sent.

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** Best first: the order in which the worker tries backends when none is asked for. */
export const BACKEND_PREFERENCE: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export interface BackendInfo {
  name: BackendName;
  /** Whether the backend initialised in this worker. */
  available: boolean;
  /** Why it is not available, or notes such as "SIMD, 1 thread" or the GPU's renderer. */
  detail?: string;
  /**
   * A GPU backend that runs on a software rasteriser (SwiftShader, llvmpipe): it works but is far
   * slower than wasm, so the worker does not pick it by itself; the student still may.
   */
  software?: boolean;
}

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

/** Name and shape of one tensor in the flat weights buffer (tfjs layouts: conv HWIO, dense [in, out]). */
export interface WeightSpec {
  name: string;
  shape: number[];
}

/** Where weights came from, shown to the student ("your weights" vs "reference"). */
export interface WeightsInfo {
  source: 'initial' | 'trained' | 'reference' | 'uploaded';
  /** SGD steps the weights have been trained for. */
  steps: number;
  /** Completed epochs (fractional while mid-epoch). */
  epochs: number;
  alpha?: number;
  seed?: number;
  backend?: BackendName | string;
  /** Test misclassification rate, when measured. */
  testError?: number;
  /** ISO date of saving. */
  savedAt: string;
  /** Trained by a notebook cell: the cell's id and the run's label ("α = 0.1"), and the run's length. */
  cell?: string;
  label?: string;
  totalSteps?: number;
}

/** LeNet-5 weights: all 61,706 parameters as float32, in `specs` order. */
export interface LeNetWeights {
  format: 'lenet5-f32';
  version: 1;
  specs: WeightSpec[];
  data: Float32Array;
  info: WeightsInfo;
}

/** Where the page's current model came from: a fresh net, the notebook's training, a saved run, a file, the reference. */
export type ModelOrigin = 'initial' | 'notebook' | 'saved' | 'file' | 'reference';

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

export interface DataCounts {
  train: number;
  validation: number;
  test: number;
}

// ---------------------------------------------------------------- page → worker

export type WorkerCommand =
  /** Start tfjs. Without `backend` the worker probes and picks the best. Answer: `ready`. */
  | { type: 'init'; id?: number; backend?: BackendName }
  /** Switch backend (weights are kept). Answer: `ready`. */
  | { type: 'setBackend'; id?: number; backend: BackendName }
  /** Fetch/decompress/verify MNIST and split it. Events: `dataProgress`…, then `dataReady`. */
  | { type: 'loadData'; id?: number }
  /**
   * Pause/Continue of the running cell's training run (its view's buttons): it waits before its next
   * batch. Stop is the notebook's `interrupt` (src/lib/notebook/protocol.ts). Answers: `paused`, `resumed`.
   */
  | { type: 'pause' }
  | { type: 'resume' }
  /** Fresh PyTorch-style initialisation. Answer: `weights` (the initial ones). */
  | { type: 'resetModel'; id?: number; seed?: number }
  /** Test misclassification rate over the 10,000 test images. Answer: `evaluation`. */
  | { type: 'evaluate'; id?: number }
  /** Classify images: `n` 28×28 images, pixels in [0,1], row-major. Answer: `predictions`. */
  | { type: 'predict'; id?: number; images: Float32Array; n: number }
  /** C1 and C3 feature maps (after ReLU) of one 28×28 image in [0,1]. Answer: `featureMaps`. */
  | { type: 'featureMaps'; id?: number; image: Float32Array }
  /**
   * Raw pixels and labels of chosen images (e.g. test digits for the grid). Answer: `samples`.
   * For 'test' an index is the test-set index; for 'train'/'validation' it is a position in that
   * part of the notebook's split (validation 0…1023).
   */
  | { type: 'getSamples'; id?: number; split: 'train' | 'validation' | 'test'; indices: number[] }
  | { type: 'getWeights'; id?: number }
  /** Replace the model's weights. Answer: `weights` (echo of the loaded info). */
  | { type: 'setWeights'; id?: number; weights: LeNetWeights; origin?: ModelOrigin };

// ---------------------------------------------------------------- worker → page

export type WorkerEvent =
  | { type: 'ready'; id?: number; backend: BackendName; backends: BackendInfo[]; weights?: WeightsInfo }
  /** The page's current model changed (trained by a cell, loaded, restored); the views follow it. */
  | { type: 'model'; info: WeightsInfo; origin: ModelOrigin; version: number }
  | { type: 'dataProgress'; loaded: number; total: number; phase: string }
  | { type: 'dataReady'; id?: number; counts: DataCounts }
  | { type: 'paused'; step: number }
  | { type: 'resumed'; step: number }
  | {
      type: 'evaluation';
      id?: number;
      testError: number;
      mistakes: number;
      total: number;
      /** Predicted class of every test image (index = test index). */
      predictions: Uint8Array;
      labels: Uint8Array;
      /** The current model's version this evaluation measured. */
      version: number;
    }
  | { type: 'predictions'; id?: number; classes: number[]; probabilities: Float32Array }
  | {
      type: 'featureMaps';
      id?: number;
      /** Channels-first maps: c1 6×28×28, c3 16×10×10. */
      c1: { channels: number; height: number; width: number; data: Float32Array };
      c3: { channels: number; height: number; width: number; data: Float32Array };
    }
  | { type: 'samples'; id?: number; split: string; indices: number[]; images: Uint8Array; labels: Uint8Array }
  | { type: 'weights'; id?: number; weights: LeNetWeights }
  /** Anything that failed; `command` names the command type it answers. */
  | { type: 'error'; id?: number; command?: string; message: string };

export type WorkerEventType = WorkerEvent['type'];

// The typed messages between the workshop page and the notebook's worker (src/workers/notebook-adapter.ts, src/lib/workshop/host.ts).
// A stable contract: the page sends `WorkerCommand`s, the worker answers with `WorkerEvent`s.
// Commands that expect an answer carry an `id`; the answering event carries the same `id`.
// Typed arrays in messages are transferred where possible; never hold on to one you sent.
// The data the messages carry is defined beside the code that makes it; it is re-exported here.
import type { BackendInfo, BackendName } from '../tfjs/backend-info';
import type { TrainConfig, TrainHistory } from '../torchlike';
import type { LeNetWeights, WeightSpec, WeightsInfo } from '../lenet/weights';
import type { TrainCheckpoint } from '../lenet/checkpoint';

export type { BackendInfo, BackendName, TrainConfig, TrainHistory, LeNetWeights, WeightSpec, WeightsInfo, TrainCheckpoint };

/** Where the page's current model came from: a fresh net, the notebook's training, a saved run, a file, the reference. */
export type ModelOrigin = 'initial' | 'notebook' | 'saved' | 'file' | 'reference';

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

// LeNet-5's weights as data: the flat float32 buffer of all parameters, the names and shapes that
// cut it into tensors, and where the weights came from.
import type { BackendName } from '../tfjs/backend-info';

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

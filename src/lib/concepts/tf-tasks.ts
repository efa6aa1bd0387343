// Runs a view's tfjs tasks and compares each result with the math core's (DOM-free, tested in Node).
import { tfConv1d, tfMaxPool1d, type Tf } from '../conv/tf';
import type { TfTask } from './concept-types';

type Layers = typeof import('@tensorflow/tfjs-layers');

export interface TfOutcome {
  key: string;
  label: string;
  values: number[][];
  /** Largest |tfjs − math core| (0 for exact counts). */
  maxDiff: number;
  matches: boolean;
}

export const TF_TOLERANCE = 1e-4;

const needsLayers = (t: TfTask) => t.op === 'countConv1d' || t.op === 'countDense';
export const tasksNeedLayers = (tasks: TfTask[]) => tasks.some(needsLayers);

function activationTensor(tf: Tf, name: string, z: ReturnType<Tf['tensor2d']>) {
  switch (name) {
    case 'relu':
      return tf.relu(z);
    case 'leakyRelu':
      return tf.leakyRelu(z, 0.1);
    case 'sigmoid':
      return tf.sigmoid(z);
    case 'tanh':
      return tf.tanh(z);
    default:
      return z;
  }
}

function maxDiff(a: number[][], b: number[][]): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  a.forEach((row, i) => {
    if (row.length !== b[i].length) m = Infinity;
    else row.forEach((v, j) => (m = Math.max(m, Math.abs(v - b[i][j]))));
  });
  return m;
}

function countParams(tfl: Layers, layer: ReturnType<Layers['layers']['dense']> | ReturnType<Layers['layers']['conv1d']>): number {
  const model = tfl.sequential({ layers: [layer] });
  const n = model.countParams();
  model.dispose();
  return n;
}

export function runTfTasks(tf: Tf, tfl: Layers | null, tasks: TfTask[]): TfOutcome[] {
  return tasks.map((t) => {
    let values: number[][];
    let expected: number[][];
    switch (t.op) {
      case 'conv1d': {
        const y = tfConv1d(tf, t.x, t.w, t.b, { padding: t.padding, stride: t.stride, dilation: t.dilation });
        values = t.activation ? tf.tidy(() => activationTensor(tf, t.activation!, tf.tensor2d(y)).arraySync() as number[][]) : y;
        expected = t.expected;
        break;
      }
      case 'maxPool1d':
        values = tfMaxPool1d(tf, t.x, { size: t.size, stride: t.stride, padding: t.padding });
        expected = t.expected;
        break;
      case 'activation':
        values = tf.tidy(() => activationTensor(tf, t.activation, tf.tensor2d(t.z)).arraySync() as number[][]);
        expected = t.expected;
        break;
      case 'countConv1d':
      case 'countDense': {
        if (!tfl) throw new Error('tfjs-layers is needed to count parameters');
        const layer =
          t.op === 'countDense'
            ? tfl.layers.dense({ units: t.outFeatures, useBias: t.useBias, inputShape: [t.inFeatures] })
            : tfl.layers.conv1d({ filters: t.outChannels, kernelSize: t.kernelSize, useBias: t.useBias, inputShape: [t.length, t.inChannels] });
        values = [[countParams(tfl, layer)]];
        expected = [[t.expected]];
        break;
      }
    }
    const d = maxDiff(values, expected);
    return { key: t.key, label: t.label, values, maxDiff: d, matches: d <= TF_TOLERANCE };
  });
}

// Runs a view's tfjs tasks and compares each result with the math core's (DOM-free, tested in Node),
// allowing for float32 rounding of values this large (tf-compare.ts).
import { tfConv1d, tfMaxPool1d } from '../conv/tf';
import type { TF, TFLayers as Layers } from '../tfjs/tf';
import type { TfTask } from './concept-types';
import { compareFloat32, conv1dScale, type Comparison } from './tf-compare';

export interface TfOutcome {
  key: string;
  label: string;
  values: number[][];
  /** Largest |tfjs − math core| (0 for exact counts). */
  maxDiff: number;
  /** The difference float32 rounding allows where maxDiff is. */
  allowed: number;
  matches: boolean;
  /** The numbers are beyond what float32 holds: tfjs cannot compute them (not a disagreement). */
  overflow: boolean;
}

const needsLayers = (t: TfTask) => t.op === 'countConv1d' || t.op === 'countDense';
export const tasksNeedLayers = (tasks: TfTask[]) => tasks.some(needsLayers);

function activationTensor(tf: TF, name: string, z: ReturnType<TF['tensor2d']>) {
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

const abs = (m: number[][]) => m.map((r) => r.map(Math.abs));
const plus = (a: number[][], b: number[][]) => a.map((r, i) => r.map((v, j) => v + b[i][j]));

/** The magnitude each expected value's float32 rounding is relative to, and how many roundings add up. */
function scaleOf(t: TfTask): { scale: number[][]; terms: number } {
  switch (t.op) {
    case 'conv1d': {
      const sums = conv1dScale(t.x, t.w, t.b, t);
      // Every activation here changes its input by at most the input's own change (slope ≤ 1).
      return { scale: t.activation ? plus(sums, abs(t.expected)) : sums, terms: t.x.length * t.w[0][0].length + 2 };
    }
    case 'maxPool1d':
      return { scale: abs(t.expected), terms: 1 };
    case 'activation':
      return { scale: plus(abs(t.z), abs(t.expected)), terms: 2 };
    default:
      return { scale: [[0]], terms: 0 }; // parameter counts are exact
  }
}

function countParams(tfl: Layers, layer: ReturnType<Layers['layers']['dense']> | ReturnType<Layers['layers']['conv1d']>): number {
  const model = tfl.sequential({ layers: [layer] });
  const n = model.countParams();
  model.dispose();
  return n;
}

export function runTfTasks(tf: TF, tfl: Layers | null, tasks: TfTask[]): TfOutcome[] {
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
    const { scale, terms } = scaleOf(t);
    const c = compareFloat32(values, expected, scale, terms);
    return { key: t.key, label: t.label, values, maxDiff: c.maxDiff, allowed: c.allowed, matches: c.matches, overflow: c.overflow };
  });
}

/** All outcomes as one comparison (the worst difference relative to what it is allowed), for the status line. */
export function summarize(outcomes: TfOutcome[]): Comparison {
  const ratio = (o: TfOutcome) => (o.maxDiff === 0 ? 0 : o.maxDiff / (o.allowed || Number.MIN_VALUE));
  const worst = outcomes.reduce<TfOutcome | null>((w, o) => (w === null || ratio(o) > ratio(w) ? o : w), null);
  return {
    matches: outcomes.every((o) => o.matches),
    overflow: outcomes.some((o) => o.overflow),
    maxDiff: worst?.maxDiff ?? 0,
    allowed: worst?.allowed ?? 0,
  };
}

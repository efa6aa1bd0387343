// LeNet-5 as the workshop defines it, written directly on tfjs-core ops (channels-last inside tfjs).
// Fused conv/matMul ops carry bias + ReLU in one kernel, which keeps the op count per step low.
import type * as tfc from '@tensorflow/tfjs-core';
import type { LeNetWeights, WeightSpec, WeightsInfo } from './protocol';
import { RandomState } from '../random';
import { conv2dBiasRelu, denseBias } from './conv-relu';

type TF = typeof tfc;

/** Layer names, shapes (tfjs layouts: conv HWIO, dense [in, out]) and order of the flat weights. */
export const LENET_SPECS: readonly WeightSpec[] = [
  { name: 'c1.kernel', shape: [5, 5, 1, 6] },
  { name: 'c1.bias', shape: [6] },
  { name: 'c3.kernel', shape: [5, 5, 6, 16] },
  { name: 'c3.bias', shape: [16] },
  { name: 'c5.kernel', shape: [5, 5, 16, 120] },
  { name: 'c5.bias', shape: [120] },
  { name: 'f6.kernel', shape: [120, 84] },
  { name: 'f6.bias', shape: [84] },
  { name: 'out.kernel', shape: [84, 10] },
  { name: 'out.bias', shape: [10] },
];

export const specSize = (s: WeightSpec) => s.shape.reduce((a, b) => a * b, 1);
export const LENET_PARAM_COUNT = LENET_SPECS.reduce((n, s) => n + specSize(s), 0);

/** Parameters per layer, as the workshop lists them: C1, C3, C5, F6, output. */
export function layerParamCounts(): number[] {
  const out: number[] = [];
  for (let i = 0; i < LENET_SPECS.length; i += 2) out.push(specSize(LENET_SPECS[i]) + specSize(LENET_SPECS[i + 1]));
  return out;
}

/** Fan-in of the layer a spec belongs to (kernel: product of all but the last dim). */
function fanIn(index: number): number {
  const kernel = LENET_SPECS[index - (index % 2)];
  return kernel.shape.slice(0, -1).reduce((a, b) => a * b, 1);
}

/**
 * PyTorch's default initialisation: kaiming_uniform(a=√5) for weights, which is U(±1/√fan_in),
 * and U(±1/√fan_in) for biases. Deterministic for a given seed.
 */
export function initialWeights(seed = 0): Float32Array {
  const rng = new RandomState(seed);
  const data = new Float32Array(LENET_PARAM_COUNT);
  let offset = 0;
  LENET_SPECS.forEach((spec, i) => {
    const bound = 1 / Math.sqrt(fanIn(i));
    const n = specSize(spec);
    for (let j = 0; j < n; j++) data[offset + j] = (rng.randomSample() * 2 - 1) * bound;
    offset += n;
  });
  return data;
}

export interface LeNetModel {
  tf: TF;
  /** Trainable variables in LENET_SPECS order. */
  vars: tfc.Variable[];
  info: WeightsInfo;
}

let modelCount = 0;

export function createModel(tf: TF, seed = 0): LeNetModel {
  const init = initialWeights(seed);
  const vars: tfc.Variable[] = [];
  // tfjs variable names are global: make them unique per model.
  const prefix = `lenet5-${modelCount++}`;
  let offset = 0;
  for (const spec of LENET_SPECS) {
    const n = specSize(spec);
    const t = tf.tensor(init.subarray(offset, offset + n), spec.shape, 'float32');
    vars.push(tf.variable(t, true, `${prefix}.${spec.name}`));
    t.dispose();
    offset += n;
  }
  return { tf, vars, info: { source: 'initial', steps: 0, epochs: 0, seed, savedAt: new Date().toISOString() } };
}

export function disposeModel(model: LeNetModel): void {
  for (const v of model.vars) v.dispose();
  model.vars.length = 0;
}

export interface Activations {
  c1: tfc.Tensor4D;
  c3: tfc.Tensor4D;
  logits: tfc.Tensor2D;
}

/** Forward pass on x [B, 28, 28, 1] with pixels in [0,1]; returns all activations of interest. */
export function forwardAll(model: LeNetModel, x: tfc.Tensor4D): Activations {
  const { tf, vars } = model;
  const [w1, b1, w3, b3, w5, b5, w6, b6, wo, bo] = vars;
  const c1 = conv2dBiasRelu(tf, x, w1 as tfc.Tensor4D, b1 as tfc.Tensor1D, 2, false);
  const s2 = tf.maxPool(c1, 2, 2, 'valid');
  const c3 = conv2dBiasRelu(tf, s2, w3 as tfc.Tensor4D, b3 as tfc.Tensor1D, 'valid');
  const s4 = tf.maxPool(c3, 2, 2, 'valid');
  const c5 = conv2dBiasRelu(tf, s4, w5 as tfc.Tensor4D, b5 as tfc.Tensor1D, 'valid');
  const flat = tf.reshape(c5, [x.shape[0], 120]) as tfc.Tensor2D;
  const f6 = denseBias(tf, flat, w6 as tfc.Tensor2D, b6 as tfc.Tensor1D, true);
  const logits = denseBias(tf, f6, wo as tfc.Tensor2D, bo as tfc.Tensor1D, false);
  return { c1, c3, logits };
}

/** Logits [B, 10] for x [B, 28, 28, 1]. */
export function forward(model: LeNetModel, x: tfc.Tensor4D): tfc.Tensor2D {
  const { tf } = model;
  return tf.tidy(() => forwardAll(model, x).logits) as tfc.Tensor2D;
}

/**
 * Mean softmax cross-entropy of logits [B, 10] against one-hot labels [B, 10] (PyTorch's
 * nn.CrossEntropyLoss). The gradient is written out, (softmax − onehot)/B, to save ops.
 */
export function crossEntropy(tf: TF, logits: tfc.Tensor2D, oneHot: tfc.Tensor2D): tfc.Scalar {
  // customGrad passes the inputs and then the save function as trailing arguments.
  const f = tf.customGrad(((z: tfc.Tensor, y: tfc.Tensor, save: tfc.GradSaveFunc) => {
    const logp = tf.logSoftmax(z);
    save([logp, y]);
    const value = tf.neg(tf.mean(tf.sum(tf.mul(y, logp), -1)));
    return {
      value,
      gradFunc: (dy: tfc.Tensor, saved: tfc.Tensor[]) => {
        const [lp, yy] = saved;
        const scale = tf.div(dy, lp.shape[0]);
        return [tf.mul(tf.sub(tf.exp(lp), yy), scale), tf.zerosLike(yy)];
      },
    };
  }) as unknown as Parameters<TF['customGrad']>[0]);
  return f(logits, oneHot) as tfc.Scalar;
}

/** Copy the model's weights out as one float32 buffer in LENET_SPECS order. */
export async function getWeights(model: LeNetModel): Promise<LeNetWeights> {
  const data = new Float32Array(LENET_PARAM_COUNT);
  let offset = 0;
  for (const v of model.vars) {
    const values = (await v.data()) as Float32Array;
    data.set(values, offset);
    offset += values.length;
  }
  return { format: 'lenet5-f32', version: 1, specs: LENET_SPECS.map((s) => ({ ...s })), data, info: { ...model.info } };
}

/** Check that `weights` fit LeNet-5; throws a RangeError that names the problem. */
export function validateWeights(weights: LeNetWeights): void {
  if (!weights || weights.format !== 'lenet5-f32') throw new RangeError('weights: not a LeNet-5 weights file (format)');
  if (!(weights.data instanceof Float32Array)) throw new RangeError('weights: data must be a Float32Array');
  if (weights.data.length !== LENET_PARAM_COUNT)
    throw new RangeError(`weights: expected ${LENET_PARAM_COUNT} parameters, got ${weights.data.length}`);
  const shapes = JSON.stringify(weights.specs?.map((s) => s.shape));
  if (shapes !== JSON.stringify(LENET_SPECS.map((s) => s.shape))) throw new RangeError('weights: layer shapes differ from LeNet-5');
  for (let i = 0; i < weights.data.length; i++)
    if (!Number.isFinite(weights.data[i])) throw new RangeError(`weights: parameter ${i} is not a finite number`);
}

export function setWeights(model: LeNetModel, weights: LeNetWeights): void {
  validateWeights(weights);
  const { tf } = model;
  let offset = 0;
  model.vars.forEach((v, i) => {
    const n = specSize(LENET_SPECS[i]);
    tf.tidy(() => v.assign(tf.tensor(weights.data.subarray(offset, offset + n), LENET_SPECS[i].shape, 'float32')));
    offset += n;
  });
  model.info = { ...weights.info };
}

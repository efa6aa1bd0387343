// LeNet-5's weights as one flat float32 buffer (checkpoints, the weights file, the reference model)
// and the model functions the training loop and the views use. The model itself is the library's
// LeNet5 (lenet5.ts, built from the one layer table); any Module with the same parameter shapes fits.
import type * as tfc from '@tensorflow/tfjs-core';
import type { TF } from '../tfjs/tf';
import type { LeNetWeights, WeightSpec, WeightsInfo } from './weights';
import { RandomState } from '../random';
import { LENET5_LAYERS, LeNet5 } from './lenet5';
import { Conv2d, Module, crossEntropy, layerOutputs, seeded, uniformInit, useTf } from '../torchlike';


export { crossEntropy };

/** A model built with the library (LeNet5 or a student's variant of it). */
export type LeNetModel = Module;

/** Layer names, shapes (tfjs layouts: conv HWIO, dense [in, out]) and order of the flat weights. */
export const LENET_SPECS: readonly WeightSpec[] = LENET5_LAYERS.flatMap((l): WeightSpec[] => {
  if (l.kind === 'conv') return [{ name: `${l.key}.kernel`, shape: [l.kernelSize, l.kernelSize, l.inChannels, l.outChannels] }, { name: `${l.key}.bias`, shape: [l.outChannels] }];
  if (l.kind === 'dense') return [{ name: `${l.key}.kernel`, shape: [l.inFeatures, l.outFeatures] }, { name: `${l.key}.bias`, shape: [l.outFeatures] }];
  return [];
});

export const specSize = (s: WeightSpec) => s.shape.reduce((a, b) => a * b, 1);
export const LENET_PARAM_COUNT = LENET_SPECS.reduce((n, s) => n + specSize(s), 0);

/** Parameters per layer, as the workshop lists them: C1, C3, C5, F6, output. */
export function layerParamCounts(): number[] {
  const out: number[] = [];
  for (let i = 0; i < LENET_SPECS.length; i += 2) out.push(specSize(LENET_SPECS[i]) + specSize(LENET_SPECS[i + 1]));
  return out;
}

/**
 * The weights `createModel(tf, seed)` starts from: PyTorch's default initialisation, U(±1/√fan_in)
 * for weights and biases, drawn layer by layer (weights, then bias) from RandomState(seed).
 */
export function initialWeights(seed = 0): Float32Array {
  const rng = new RandomState(seed);
  const data = new Float32Array(LENET_PARAM_COUNT);
  let offset = 0;
  for (let i = 0; i < LENET_SPECS.length; i++) {
    const kernel = LENET_SPECS[i - (i % 2)];
    const fanIn = kernel.shape.slice(0, -1).reduce((a, b) => a * b, 1);
    data.set(uniformInit(specSize(LENET_SPECS[i]), fanIn, rng), offset);
    offset += specSize(LENET_SPECS[i]);
  }
  return data;
}

/** A fresh LeNet-5, initialised from RandomState(seed) (the notebook's own generator is left alone). */
export function createModel(tf: TF, seed = 0): LeNet5 {
  useTf(tf);
  return seeded(seed, () => new LeNet5());
}

export function disposeModel(model: Module): void {
  model.dispose();
}

export interface Activations {
  c1: tfc.Tensor4D;
  c3: tfc.Tensor4D;
  logits: tfc.Tensor2D;
}

/** Forward pass on x [B, 28, 28, 1]: the logits and the outputs of the first two convolutions (C1, C3). */
export function forwardAll(model: Module, x: tfc.Tensor4D): Activations {
  const { result, layers } = layerOutputs(model, x);
  const convs = layers.filter((o) => o.layer instanceof Conv2d).map((o) => o.output as tfc.Tensor4D);
  for (const o of layers) if (o.output !== convs[0] && o.output !== convs[1] && o.output !== result) o.output.dispose();
  if (convs.length < 2) {
    model.tf.dispose([result, ...convs]);
    throw new RangeError('feature maps: the model needs at least two convolution layers');
  }
  return { c1: convs[0], c3: convs[1], logits: result as tfc.Tensor2D };
}

/** Logits [B, 10] for x [B, 28, 28, 1]. */
export function forward(model: Module, x: tfc.Tensor4D): tfc.Tensor2D {
  return model.tf.tidy(() => model.forward(x)) as tfc.Tensor2D;
}

/** The model's parameters as one float32 buffer, with their names and shapes. */
export async function getWeights(model: Module, info: WeightsInfo = { source: 'trained', steps: 0, epochs: 0, savedAt: new Date().toISOString() }): Promise<LeNetWeights> {
  const params = model.namedParameters();
  const data = new Float32Array(params.reduce((n, [, v]) => n + v.size, 0));
  let offset = 0;
  for (const [, v] of params) {
    const values = (await v.data()) as Float32Array;
    data.set(values, offset);
    offset += values.length;
  }
  const isLeNet = sameShapes(params.map(([, v]) => v.shape), LENET_SPECS.map((s) => s.shape));
  const specs = isLeNet ? LENET_SPECS.map((s) => ({ ...s })) : params.map(([name, v]) => ({ name, shape: [...v.shape] }));
  return { format: 'lenet5-f32', version: 1, specs, data, info: { ...info } };
}

function sameShapes(a: readonly number[][], b: readonly number[][]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Check that `weights` fit LeNet-5 (or `model`'s parameters); throws a RangeError that names the problem. */
export function validateWeights(weights: LeNetWeights, model?: Module): void {
  if (!weights || weights.format !== 'lenet5-f32') throw new RangeError('weights: not a LeNet-5 weights file (format)');
  if (!(weights.data instanceof Float32Array)) throw new RangeError('weights: data must be a Float32Array');
  const expected = model ? model.parameters().map((v) => v.shape) : LENET_SPECS.map((s) => s.shape);
  const count = expected.reduce((n, s) => n + s.reduce((a, b) => a * b, 1), 0);
  if (weights.data.length !== count)
    throw new RangeError(`weights: the model has ${count.toLocaleString('en-US')} parameters, the weights hold ${weights.data.length.toLocaleString('en-US')}`);
  if (!sameShapes(weights.specs?.map((s) => s.shape) ?? [], expected)) throw new RangeError("weights: the layers' shapes differ from the model's");
  for (let i = 0; i < weights.data.length; i++)
    if (!Number.isFinite(weights.data[i])) throw new RangeError(`weights: parameter ${i} is not a finite number`);
}

/** Loads `weights` into the model's parameters (in place). */
export function setWeights(model: Module, weights: LeNetWeights): void {
  validateWeights(weights, model);
  const { tf } = model;
  let offset = 0;
  for (const v of model.parameters()) {
    const n = v.size;
    tf.tidy(() => v.assign(tf.tensor(weights.data.subarray(offset, offset + n), v.shape, 'float32')));
    offset += n;
  }
}

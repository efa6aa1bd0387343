// PyTorch's default initialisation of new layers, from a seedable generator (torch.manual_seed).
import type * as tfc from '@tensorflow/tfjs-core';
import { RandomState } from '../random';
import { defaultGenerator, boundTf, setDefaultGenerator } from './backend';

/** Seeds the generator that initialises new layers (torch.manual_seed): the same seed, the same weights. */
export function manualSeed(seed: number): void {
  if (!Number.isInteger(seed) || seed < 0) throw new RangeError(`manualSeed: the seed must be a non-negative whole number, got ${seed}`);
  setDefaultGenerator(new RandomState(seed));
}

/** Builds models with the generator seeded at `seed`, leaving the notebook's own generator as it was. */
export function seeded<T>(seed: number, make: () => T): T {
  const saved = defaultGenerator();
  manualSeed(seed);
  try {
    return make();
  } finally {
    setDefaultGenerator(saved);
  }
}

/**
 * PyTorch's default initialisation of a layer's weights and biases: kaiming_uniform(a=√5), which is
 * U(±1/√fan_in), for the weights, and U(±1/√fan_in) for the biases.
 */
export function uniformInit(n: number, fanIn: number, rng: RandomState = defaultGenerator()): Float32Array {
  const bound = 1 / Math.sqrt(fanIn);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (rng.randomSample() * 2 - 1) * bound;
  return out;
}

/** A trainable tensor (nn.Parameter) holding `values`; tfjs gives it a unique name. */
export function parameter(values: Float32Array, shape: number[]): tfc.Variable {
  const tf = boundTf();
  return tf.tidy(() => tf.variable(tf.tensor(values, shape, 'float32'), true));
}

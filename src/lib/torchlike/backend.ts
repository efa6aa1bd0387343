// Where the library keeps what PyTorch keeps globally: the tfjs namespace it computes with, the
// default generator that initialises new layers (torch.manual_seed) and the parameters' gradients
// (param.grad). Every other file of the library is stateless and reads them through here.
import type * as tfc from '@tensorflow/tfjs-core';
import type { TF } from '../tfjs/tf';
import { RandomState } from '../random';

interface Binding {
  tf?: TF;
  generator: RandomState;
  grads: Map<tfc.Variable, tfc.Tensor>;
}

// The library's one mutable binding: the tf namespace (set once tfjs is loaded), with the generator and gradients that go with it.
const bound: Binding = { generator: new RandomState(0), grads: new Map() };

/** The tfjs namespace the library creates its tensors with (set once tfjs is loaded). */
export function useTf(tf: TF): void {
  bound.tf = tf;
}

export function boundTf(): TF {
  if (!bound.tf) throw new Error('TensorFlow.js is not loaded yet: run the setup cell first');
  return bound.tf;
}

/** The generator new layers draw their initial weights from. */
export function defaultGenerator(): RandomState {
  return bound.generator;
}

/** Replaces the default generator; returns the one it replaces. */
export function setDefaultGenerator(generator: RandomState): RandomState {
  const previous = bound.generator;
  bound.generator = generator;
  return previous;
}

/** Gradients from the last backward passes, by parameter, until an optimizer's zeroGrad or step uses them. */
export function gradients(): Map<tfc.Variable, tfc.Tensor> {
  return bound.grads;
}

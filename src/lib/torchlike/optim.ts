// The optimizer (optim.SGD): plain stochastic gradient descent on the gradients backward() left.
import type * as tfc from '@tensorflow/tfjs-core';
import { sgdUpdate } from '../tfjs/sgd-update';
import { boundTf, gradients } from './backend';

/** Plain stochastic gradient descent (optim.SGD): w ← w − α·∇w. */
export class SGD {
  readonly params: tfc.Variable[];
  constructor(params: Iterable<tfc.Variable>, readonly lr: number) {
    this.params = [...params];
    if (!this.params.length) throw new RangeError('SGD: no parameters to optimise (pass net.parameters())');
    if (!(lr > 0) || !Number.isFinite(lr)) throw new RangeError(`SGD: the learning rate must be a positive number, got ${lr}`);
  }

  /** Forgets the gradients of the previous step. */
  zeroGrad(): void {
    const grads = gradients();
    for (const p of this.params) {
      grads.get(p)?.dispose();
      grads.delete(p);
    }
  }

  /** Moves every parameter against its gradient (one kernel for all of them on wasm), then frees the gradients. */
  step(): void {
    const tf = boundTf();
    const grads = gradients();
    const withGrad = this.params.filter((p) => grads.has(p));
    const named: tfc.NamedTensorMap = {};
    for (const p of withGrad) named[p.name] = grads.get(p)!;
    tf.tidy(() => sgdUpdate(tf, withGrad, named, this.lr));
    this.zeroGrad();
  }
}

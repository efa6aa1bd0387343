// The base of every layer and model (nn.Module): its parameters, its sub-modules, and forward hooks
// that record each layer's output during one pass (for the feature maps view).
import type * as tfc from '@tensorflow/tfjs-core';
import type { TF } from '../tfjs/tf';
import { boundTf } from './backend';

/** One layer's output, as a forward hook sees it. */
export interface LayerOutput {
  layer: Module;
  output: tfc.Tensor;
}

export abstract class Module {
  /** The layer's own parameters (weights, then bias). Sub-modules hold theirs. */
  protected own: [string, tfc.Variable][] = [];
  /** Where `record` puts this layer's output while `layerOutputs` runs (PyTorch's forward hook). */
  private hook?: LayerOutput[];

  abstract forward(x: tfc.Tensor): tfc.Tensor;

  /** The tfjs namespace the library computes with. */
  get tf(): TF {
    return boundTf();
  }

  /** Sub-modules declared as fields, in declaration order. */
  children(): [string, Module][] {
    return Object.entries(this).filter((e): e is [string, Module] => e[1] instanceof Module);
  }

  /** This module and all below it. */
  modules(): Module[] {
    return [this as Module].concat(...this.children().map(([, m]) => m.modules()));
  }

  /** Every parameter with its path ("conv1.weight"), in declaration order (net.named_parameters()). */
  namedParameters(prefix = ''): [string, tfc.Variable][] {
    const mine = this.own.map(([n, v]) => [prefix + n, v] as [string, tfc.Variable]);
    return mine.concat(...this.children().map(([name, m]) => m.namedParameters(`${prefix}${name}.`)));
  }

  /** The trainable tensors, in declaration order (net.parameters()). */
  parameters(): tfc.Variable[] {
    return this.namedParameters().map(([, v]) => v);
  }

  /** Number of trainable values. */
  parameterCount(): number {
    return this.parameters().reduce((n, v) => n + v.size, 0);
  }

  /** Frees the parameters (the model cannot be used after this). */
  dispose(): void {
    for (const v of this.parameters()) v.dispose();
  }

  /** Sets (or, with undefined, removes) the list this module's outputs are recorded to. */
  setHook(outputs: LayerOutput[] | undefined): void {
    this.hook = outputs;
  }

  protected record<T extends tfc.Tensor>(y: T): T {
    this.hook?.push({ layer: this, output: y });
    return y;
  }
}

/**
 * Runs `net.forward(x)` and returns its result with the output of every layer, in the order the
 * layers ran (for the feature maps view). The caller owns (and disposes) all of them.
 */
export function layerOutputs(net: Module, x: tfc.Tensor): { result: tfc.Tensor; layers: LayerOutput[] } {
  const tf = boundTf();
  const layers: LayerOutput[] = [];
  const all = net.modules();
  for (const m of all) m.setHook(layers);
  try {
    const result = tf.tidy(() => {
      const y = net.forward(x);
      for (const s of layers) if (s.output !== y) tf.keep(s.output);
      return y;
    });
    return { result, layers };
  } finally {
    for (const m of all) m.setHook(undefined);
  }
}

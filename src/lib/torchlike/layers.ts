// The layers (nn.Conv2d, nn.MaxPool2d, nn.Linear), with PyTorch's default initialisation. Tensors
// are channels-last inside tfjs (NHWC); Conv2d and Linear can fuse their ReLU (fused-ops.ts).
import type * as tfc from '@tensorflow/tfjs-core';
import type { TF } from '../tfjs/tf';
import { boundTf } from './backend';
import { parameter, uniformInit } from './init';
import { Module } from './module';
import { conv2dBiasRelu, denseBias } from './fused-ops';

function requireInts(layer: string, opts: Record<string, unknown>, names: string[], min = 1): void {
  for (const n of names) {
    const v = opts[n];
    if (!Number.isInteger(v) || (v as number) < min) throw new RangeError(`${layer}: ${n} must be a whole number ≥ ${min}, got ${String(v)}`);
  }
}

/**
 * Whether `x` was computed by an op that a running backward pass records: a layer fed the images
 * themselves needs no gradient for its input, which saves a convolution per step.
 */
function onTape(tf: TF, x: tfc.Tensor): boolean {
  const tape = (tf.engine() as unknown as { state?: { activeTape?: { outputs: { id: number }[] }[] } }).state?.activeTape;
  return !tape || tape.some((node) => node.outputs.some((o) => o.id === x.id));
}

export interface Conv2dOptions {
  inChannels: number;
  outChannels: number;
  kernelSize: number;
  padding?: number;
  stride?: number;
  /** 'relu' runs the convolution, the bias and the ReLU as one kernel (forward and backward). */
  activation?: 'relu' | 'linear';
}

/** A 2D convolution layer (nn.Conv2d), with an optional fused ReLU. Weight: [k, k, C_in, C_out]. */
export class Conv2d extends Module {
  readonly weight: tfc.Variable;
  readonly bias: tfc.Variable;
  readonly options: Required<Conv2dOptions>;

  constructor(opts: Conv2dOptions) {
    super();
    requireInts('Conv2d', opts as unknown as Record<string, unknown>, ['inChannels', 'outChannels', 'kernelSize']);
    const o = { padding: 0, stride: 1, activation: 'linear' as const, ...opts };
    requireInts('Conv2d', o, ['padding'], 0);
    requireInts('Conv2d', o, ['stride']);
    if (o.activation !== 'relu' && o.activation !== 'linear') throw new RangeError(`Conv2d: activation must be 'relu' or 'linear', got ${String(o.activation)}`);
    this.options = o;
    const { inChannels: cin, outChannels: cout, kernelSize: k } = o;
    const fanIn = cin * k * k;
    this.weight = parameter(uniformInit(k * k * cin * cout, fanIn), [k, k, cin, cout]);
    this.bias = parameter(uniformInit(cout, fanIn), [cout]);
    this.own = [['weight', this.weight], ['bias', this.bias]];
  }

  forward(x: tfc.Tensor): tfc.Tensor4D {
    const tf = boundTf();
    const { padding, stride, activation } = this.options;
    const x4 = x as tfc.Tensor4D;
    const w = this.weight as unknown as tfc.Tensor4D;
    const b = this.bias as unknown as tfc.Tensor1D;
    if (activation === 'relu' && stride === 1) return this.record(conv2dBiasRelu(tf, x4, w, b, padding === 0 ? 'valid' : padding, onTape(tf, x4)));
    const y = tf.add(tf.conv2d(x4, w, stride, padding === 0 ? 'valid' : padding), b) as tfc.Tensor4D;
    return this.record(activation === 'relu' ? tf.relu(y) : y);
  }
}

export interface MaxPool2dOptions {
  kernelSize: number;
  /** Default: the kernel size. */
  stride?: number;
}

/** Max pooling (nn.MaxPool2d). */
export class MaxPool2d extends Module {
  readonly options: Required<MaxPool2dOptions>;
  constructor(opts: MaxPool2dOptions) {
    super();
    const o = { stride: opts.kernelSize, ...opts };
    requireInts('MaxPool2d', o, ['kernelSize', 'stride']);
    this.options = o;
  }
  forward(x: tfc.Tensor): tfc.Tensor4D {
    const { kernelSize, stride } = this.options;
    return this.record(boundTf().maxPool(x as tfc.Tensor4D, kernelSize, stride, 'valid'));
  }
}

export interface LinearOptions {
  inFeatures: number;
  outFeatures: number;
  /** 'relu' runs the product, the bias and the ReLU as one kernel. */
  activation?: 'relu' | 'linear';
}

/** A fully connected layer (nn.Linear), with an optional fused ReLU. Weight: [in, out]. */
export class Linear extends Module {
  readonly weight: tfc.Variable;
  readonly bias: tfc.Variable;
  readonly options: Required<LinearOptions>;

  constructor(opts: LinearOptions) {
    super();
    requireInts('Linear', opts as unknown as Record<string, unknown>, ['inFeatures', 'outFeatures']);
    const o = { activation: 'linear' as const, ...opts };
    if (o.activation !== 'relu' && o.activation !== 'linear') throw new RangeError(`Linear: activation must be 'relu' or 'linear', got ${String(o.activation)}`);
    this.options = o;
    this.weight = parameter(uniformInit(o.inFeatures * o.outFeatures, o.inFeatures), [o.inFeatures, o.outFeatures]);
    this.bias = parameter(uniformInit(o.outFeatures, o.inFeatures), [o.outFeatures]);
    this.own = [['weight', this.weight], ['bias', this.bias]];
  }

  forward(x: tfc.Tensor): tfc.Tensor2D {
    const tf = boundTf();
    const x2 = (x.rank === 2 ? x : tf.reshape(x, [x.shape[0], -1])) as tfc.Tensor2D;
    return this.record(denseBias(tf, x2, this.weight as unknown as tfc.Tensor2D, this.bias as unknown as tfc.Tensor1D, this.options.activation === 'relu', onTape(tf, x2)));
  }
}

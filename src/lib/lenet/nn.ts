// The course's small PyTorch-like engine on tfjs-core: layers (Module, Conv2d, MaxPool2d, Linear),
// PyTorch's default initialisation, the cross-entropy loss, and SGD with zeroGrad / backward / step.
// The notebook's cells, the workshop's views and the Node scripts all build and train models with
// it, so every part of the course runs one engine. Tensors are channels-last inside tfjs (NHWC).
import type * as tfc from '@tensorflow/tfjs-core';
import type { TF } from '../tfjs/tf';
import { RandomState } from '../random';
import { conv2dBiasRelu, denseBias } from './conv-relu';
import { sgdUpdate } from '../tfjs/sgd-update';


let boundTf: TF | undefined;

/** The tfjs namespace the engine creates its tensors with (set once tfjs is loaded). */
export function useTf(tf: TF): void {
  boundTf = tf;
}

export function engineTf(): TF {
  if (!boundTf) throw new Error('TensorFlow.js is not loaded yet: run the setup cell first');
  return boundTf;
}

// ---------------------------------------------------------------- initialisation

let initRng = new RandomState(0);

/** Seeds the generator that initialises new layers (torch.manual_seed): the same seed, the same weights. */
export function manualSeed(seed: number): void {
  if (!Number.isInteger(seed) || seed < 0) throw new RangeError(`manualSeed: the seed must be a non-negative whole number, got ${seed}`);
  initRng = new RandomState(seed);
}

/** Builds models with the generator seeded at `seed`, leaving the notebook's own generator as it was. */
export function seeded<T>(seed: number, make: () => T): T {
  const saved = initRng;
  manualSeed(seed);
  try {
    return make();
  } finally {
    initRng = saved;
  }
}

/**
 * PyTorch's default initialisation of a layer's weights and biases: kaiming_uniform(a=√5), which is
 * U(±1/√fan_in), for the weights, and U(±1/√fan_in) for the biases.
 */
export function uniformInit(n: number, fanIn: number, rng: RandomState = initRng): Float32Array {
  const bound = 1 / Math.sqrt(fanIn);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (rng.randomSample() * 2 - 1) * bound;
  return out;
}

let variableCount = 0;

function parameter(values: Float32Array, shape: number[], name: string): tfc.Variable {
  const tf = engineTf();
  // tfjs variable names are global: make each unique.
  return tf.tidy(() => tf.variable(tf.tensor(values, shape, 'float32'), true, `${name}-${++variableCount}`));
}

function requireInts(layer: string, opts: Record<string, unknown>, names: string[], min = 1): void {
  for (const n of names) {
    const v = opts[n];
    if (!Number.isInteger(v) || (v as number) < min) throw new RangeError(`${layer}: ${n} must be a whole number ≥ ${min}, got ${String(v)}`);
  }
}

// ---------------------------------------------------------------- modules

/**
 * Whether `x` was computed by an op that a running backward pass records: a layer fed the images
 * themselves needs no gradient for its input, which saves a convolution per step.
 */
function onTape(tf: TF, x: tfc.Tensor): boolean {
  const tape = (tf.engine() as unknown as { state?: { activeTape?: { outputs: { id: number }[] }[] } }).state?.activeTape;
  return !tape || tape.some((node) => node.outputs.some((o) => o.id === x.id));
}

/** Records the output of every layer during one forward pass (PyTorch's forward hooks). */
let recording: { layer: Module; output: tfc.Tensor }[] | null = null;

export abstract class Module {
  /** The layer's own parameters (weights, then bias). Sub-modules hold theirs. */
  protected own: [string, tfc.Variable][] = [];

  abstract forward(x: tfc.Tensor): tfc.Tensor;

  /** The tfjs namespace the engine runs on. */
  get tf(): TF {
    return engineTf();
  }

  /** Sub-modules declared as fields, in declaration order. */
  children(): [string, Module][] {
    return Object.entries(this).filter((e): e is [string, Module] => e[1] instanceof Module);
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

  protected record<T extends tfc.Tensor>(y: T): T {
    recording?.push({ layer: this, output: y });
    return y;
  }
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
    this.weight = parameter(uniformInit(k * k * cin * cout, fanIn), [k, k, cin, cout], 'conv.weight');
    this.bias = parameter(uniformInit(cout, fanIn), [cout], 'conv.bias');
    this.own = [['weight', this.weight], ['bias', this.bias]];
  }

  forward(x: tfc.Tensor): tfc.Tensor4D {
    const tf = engineTf();
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
    return this.record(engineTf().maxPool(x as tfc.Tensor4D, kernelSize, stride, 'valid'));
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
    this.weight = parameter(uniformInit(o.inFeatures * o.outFeatures, o.inFeatures), [o.inFeatures, o.outFeatures], 'linear.weight');
    this.bias = parameter(uniformInit(o.outFeatures, o.inFeatures), [o.outFeatures], 'linear.bias');
    this.own = [['weight', this.weight], ['bias', this.bias]];
  }

  forward(x: tfc.Tensor): tfc.Tensor2D {
    const tf = engineTf();
    const x2 = (x.rank === 2 ? x : tf.reshape(x, [x.shape[0], -1])) as tfc.Tensor2D;
    return this.record(denseBias(tf, x2, this.weight as unknown as tfc.Tensor2D, this.bias as unknown as tfc.Tensor1D, this.options.activation === 'relu'));
  }
}

/**
 * Runs `net.forward(x)` and returns its result with the output of every layer, in the order the
 * layers ran (for the feature maps view). The caller owns (and disposes) all of them.
 */
export function layerOutputs(net: Module, x: tfc.Tensor): { result: tfc.Tensor; layers: { layer: Module; output: tfc.Tensor }[] } {
  const tf = engineTf();
  const layers: { layer: Module; output: tfc.Tensor }[] = [];
  recording = layers;
  try {
    const result = tf.tidy(() => {
      const y = net.forward(x);
      for (const s of layers) if (s.output !== y) tf.keep(s.output);
      return y;
    });
    return { result, layers };
  } finally {
    recording = null;
  }
}

// ---------------------------------------------------------------- loss, gradients, optimizer

/**
 * Mean softmax cross-entropy of logits [B, 10] against one-hot labels [B, 10] (nn.CrossEntropyLoss).
 * The gradient is written out, (softmax − onehot)/B, to save ops.
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

/** nn.CrossEntropyLoss: `lossFunc.forward(logits [B, C], labels int32 [B] or one-hot [B, C])`. */
export class CrossEntropyLoss {
  forward(logits: tfc.Tensor, labels: tfc.Tensor): tfc.Scalar {
    const tf = engineTf();
    const classes = logits.shape[1] ?? 0;
    const oneHot = labels.rank === 1 ? tf.cast(tf.oneHot(tf.cast(labels, 'int32') as tfc.Tensor1D, classes), 'float32') : labels;
    return crossEntropy(tf, logits as tfc.Tensor2D, oneHot as tfc.Tensor2D);
  }
}

/** A loss value computed in the engine; read it with `await loss.item()` (float(loss) in PyTorch). */
export class LossValue {
  private value?: number;
  constructor(private tensor: tfc.Scalar | null) {}
  /** Hands the loss tensor over to the caller, who disposes it (the bench's profile keeps it). */
  release(): tfc.Scalar {
    const t = this.tensor;
    if (!t) throw new Error('this loss was read already');
    this.tensor = null;
    return t;
  }

  async item(): Promise<number> {
    if (this.value === undefined) {
      const t = this.tensor!;
      this.value = (await t.data())[0];
      t.dispose();
      this.tensor = null;
    }
    return this.value;
  }
}

/** Gradients from the last backward pass (param.grad in PyTorch), until zeroGrad or step uses them. */
const grads = new Map<tfc.Variable, tfc.Tensor>();

/**
 * The forward and the backward pass: runs `f` (the loss of a batch) and stores the gradient of the
 * loss for every parameter it used (loss.backward()). tfjs differentiates a function it runs rather
 * than keeping a tape, so the forward pass goes inside.
 */
export function backward(f: () => tfc.Scalar): LossValue {
  const tf = engineTf();
  const { value, grads: g } = tf.variableGrads(f);
  const variables = tf.engine().registeredVariables;
  for (const [name, grad] of Object.entries(g)) {
    const v = variables[name];
    const old = grads.get(v);
    // Gradients add up until zeroGrad, as in PyTorch.
    grads.set(v, old ? tf.tidy(() => tf.add(old, grad)) : grad);
    if (old) tf.dispose([old, grad]);
  }
  return new LossValue(value);
}

/** A computation without gradients (torch.no_grad()): intermediate tensors are freed at once. */
export function noGrad(f: () => tfc.Scalar): LossValue {
  return new LossValue(engineTf().tidy(f));
}

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
    for (const p of this.params) {
      grads.get(p)?.dispose();
      grads.delete(p);
    }
  }

  /** Moves every parameter against its gradient (one kernel for all of them on wasm), then frees the gradients. */
  step(): void {
    const tf = engineTf();
    const withGrad = this.params.filter((p) => grads.has(p));
    const named: tfc.NamedTensorMap = {};
    for (const p of withGrad) named[p.name] = grads.get(p)!;
    tf.tidy(() => sgdUpdate(tf, withGrad, named, this.lr));
    this.zeroGrad();
  }
}

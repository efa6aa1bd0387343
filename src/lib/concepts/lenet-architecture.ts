// LeNet-5 as the workshop builds it: each layer's tensor shape and parameter count, derived from
// the math core (outputSize, convParamCount) rather than typed in, plus the words and tfjs code per layer.
import { convParamCount, outputSize } from '../conv';

export type LayerKind = 'input' | 'conv' | 'pool' | 'dense';

export interface LeNetLayer {
  name: string;
  kind: LayerKind;
  /** What the layer does, e.g. "convolution 5×5, 6 filters, padding 2 + ReLU". */
  description: string;
  /** Output shape, channels first: [C, H, W] for maps, [N] for vectors. */
  shape: number[];
  params: number;
  /** How the parameter count is made up, e.g. "1·6·5·5 + 6". */
  paramFormula: string;
  /** Kernel/pool window size on the previous layer (0 for input, whole input for dense). */
  window: number;
  tfCode: string;
}

interface ConvSpec { name: string; out: number; k: number; padding: number; tf: string }
interface PoolSpec { name: string; size: number; stride: number; tf: string }
interface DenseSpec { name: string; units: number; relu: boolean; tf: string }

export const LENET_INPUT = { channels: 1, size: 28 };

const SPECS: ({ kind: 'conv' } & ConvSpec | { kind: 'pool' } & PoolSpec | { kind: 'dense' } & DenseSpec)[] = [
  { kind: 'conv', name: 'C1', out: 6, k: 5, padding: 2, tf: "tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 6, kernelSize: 5, padding: 'same', activation: 'relu' })" },
  { kind: 'pool', name: 'S2', size: 2, stride: 2, tf: 'tf.layers.maxPooling2d({ poolSize: 2, strides: 2 })' },
  { kind: 'conv', name: 'C3', out: 16, k: 5, padding: 0, tf: "tf.layers.conv2d({ filters: 16, kernelSize: 5, activation: 'relu' })" },
  { kind: 'pool', name: 'S4', size: 2, stride: 2, tf: 'tf.layers.maxPooling2d({ poolSize: 2, strides: 2 })' },
  { kind: 'conv', name: 'C5', out: 120, k: 5, padding: 0, tf: "tf.layers.conv2d({ filters: 120, kernelSize: 5, activation: 'relu' }), tf.layers.flatten()" },
  { kind: 'dense', name: 'F6', units: 84, relu: true, tf: "tf.layers.dense({ units: 84, activation: 'relu' })" },
  { kind: 'dense', name: 'Output', units: 10, relu: false, tf: 'tf.layers.dense({ units: 10 }) // softmax lives in the loss' },
];

/** The layers from the input image to the 10 class scores. */
export function lenetLayers(): LeNetLayer[] {
  const layers: LeNetLayer[] = [{
    name: 'Input', kind: 'input', description: 'a 28×28 grey-scale MNIST digit',
    shape: [LENET_INPUT.channels, LENET_INPUT.size, LENET_INPUT.size], params: 0, paramFormula: '0', window: 0,
    tfCode: 'const x = tf.tensor4d(pixels, [1, 28, 28, 1]); // NHWC',
  }];
  for (const spec of SPECS) {
    const prev = layers[layers.length - 1].shape;
    const inC = prev[0];
    if (spec.kind === 'conv') {
      const side = outputSize(prev[1], spec.k, { padding: spec.padding });
      const params = convParamCount({ inChannels: inC, outChannels: spec.out, kernelSize: [spec.k, spec.k] });
      const flat = side === 1;
      layers.push({
        name: spec.name, kind: 'conv',
        description: `convolution ${spec.k}×${spec.k}, ${spec.out} filters${spec.padding ? `, padding ${spec.padding}` : ''} + ReLU`,
        shape: flat ? [spec.out] : [spec.out, side, side], params,
        paramFormula: `${inC}·${spec.out}·${spec.k}·${spec.k} + ${spec.out}`, window: spec.k, tfCode: spec.tf,
      });
    } else if (spec.kind === 'pool') {
      const side = outputSize(prev[1], spec.size, { stride: spec.stride });
      layers.push({
        name: spec.name, kind: 'pool', description: `max pooling ${spec.size}×${spec.size}, stride ${spec.stride}`,
        shape: [inC, side, side], params: 0, paramFormula: 'no parameters', window: spec.size, tfCode: spec.tf,
      });
    } else {
      const inN = prev.reduce((a, b) => a * b, 1);
      // A dense layer is a convolution whose kernel covers the whole (1-long) input: C_in·C_out·1 + C_out.
      const params = convParamCount({ inChannels: inN, outChannels: spec.units, kernelSize: 1 });
      layers.push({
        name: spec.name, kind: 'dense', description: `fully connected, ${spec.units} units${spec.relu ? ' + ReLU' : ''}`,
        shape: [spec.units], params, paramFormula: `${inN}·${spec.units} + ${spec.units}`, window: inN, tfCode: spec.tf,
      });
    }
  }
  return layers;
}

export function shapeText(shape: readonly number[]): string {
  return shape.join('×');
}

export function countText(n: number): string {
  return n.toLocaleString('en-US');
}

export function totalParams(layers: readonly LeNetLayer[]): number {
  return layers.reduce((sum, l) => sum + l.params, 0);
}

/** The sentence read out when the flow reaches layer `i`. */
export function layerSentence(layers: readonly LeNetLayer[], i: number): string {
  const l = layers[i];
  if (l.kind === 'input') return `Step 1 of ${layers.length}: the input, ${l.description}, shape ${shapeText(l.shape)}.`;
  const prev = layers[i - 1];
  const params = l.params === 0 ? 'no parameters' : `${countText(l.params)} parameters (${l.paramFormula})`;
  const reads = l.kind === 'dense'
    ? `each unit reads all ${countText(l.window)} values`
    : `each output value reads a ${l.window}×${l.window} window${l.kind === 'conv' ? ` across all ${prev.shape[0]} channels` : ' of one channel'}`;
  return `Step ${i + 1} of ${layers.length}: ${l.name}, ${l.description}: ${shapeText(prev.shape)} → ${shapeText(l.shape)}; ${reads}; ${params}.`;
}

/** The whole model as tfjs code (channels-last), matching the drawn layers. */
export function lenetTfModel(layers: readonly LeNetLayer[]): string {
  const body = layers.filter((l) => l.kind !== 'input').flatMap((l) => l.tfCode.replace(/ \/\/.*$/, '').split(/, (?=tf\.layers)/)).map((c) => `    ${c},`);
  return ['const model = tf.sequential({', '  layers: [', ...body, '  ],', '});', `model.countParams(); // ${totalParams(layers)}`].join('\n');
}

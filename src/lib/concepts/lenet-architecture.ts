// LeNet-5 as the workshop builds it (the one layer table, src/lib/lenet/lenet5-layers.ts): each
// layer's tensor shape and parameter count, derived from the math core (outputSize, convParamCount)
// rather than typed in, plus the words and tfjs code per layer.
import { convParamCount, outputSize } from '../conv';
import { LENET5_LAYERS, type LeNetLayerSpec } from '../lenet/lenet5-layers';
import { countText } from './numbers';

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

export const LENET_INPUT = { channels: 1, size: 28 };

/** The same layer as a standalone tf.layers call (the copyable tfjs code beside the diagram). */
function tfCode(l: LeNetLayerSpec, first: boolean): string {
  switch (l.kind) {
    case 'conv':
      return `tf.layers.conv2d({ ${first ? 'inputShape: [28, 28, 1], ' : ''}filters: ${l.outChannels}, kernelSize: ${l.kernelSize}${l.padding ? ", padding: 'same'" : ''}, activation: 'relu' })${l.name === 'C5' ? ', tf.layers.flatten()' : ''}`;
    case 'pool':
      return `tf.layers.maxPooling2d({ poolSize: ${l.kernelSize}, strides: ${l.stride} })`;
    case 'dense':
      return `tf.layers.dense({ units: ${l.outFeatures}${l.relu ? ", activation: 'relu'" : ''} })${l.relu ? '' : ' // softmax lives in the loss'}`;
  }
}

/** The layers from the input image to the 10 class scores. */
export function lenetLayers(): LeNetLayer[] {
  const layers: LeNetLayer[] = [{
    name: 'Input', kind: 'input', description: 'a 28×28 grey-scale MNIST digit',
    shape: [LENET_INPUT.channels, LENET_INPUT.size, LENET_INPUT.size], params: 0, paramFormula: '0', window: 0,
    tfCode: 'const x = tf.tensor4d(pixels, [1, 28, 28, 1]); // NHWC',
  }];
  LENET5_LAYERS.forEach((spec, i) => {
    const prev = layers[layers.length - 1].shape;
    const inC = prev[0];
    if (spec.kind === 'conv') {
      const k = spec.kernelSize;
      const out = spec.outChannels;
      const side = outputSize(prev[1], k, { padding: spec.padding });
      const params = convParamCount({ inChannels: inC, outChannels: out, kernelSize: [k, k] });
      const flat = side === 1;
      layers.push({
        name: spec.name, kind: 'conv',
        description: `convolution ${k}×${k}, ${out} filters${spec.padding ? `, padding ${spec.padding}` : ''} + ReLU`,
        shape: flat ? [out] : [out, side, side], params,
        paramFormula: `${inC}·${out}·${k}·${k} + ${out}`, window: k, tfCode: tfCode(spec, i === 0),
      });
    } else if (spec.kind === 'pool') {
      const side = outputSize(prev[1], spec.kernelSize, { stride: spec.stride });
      layers.push({
        name: spec.name, kind: 'pool', description: `max pooling ${spec.kernelSize}×${spec.kernelSize}, stride ${spec.stride}`,
        shape: [inC, side, side], params: 0, paramFormula: 'no parameters', window: spec.kernelSize, tfCode: tfCode(spec, i === 0),
      });
    } else {
      const inN = prev.reduce((a, b) => a * b, 1);
      // A dense layer is a convolution whose kernel covers the whole (1-long) input: C_in·C_out·1 + C_out.
      const units = spec.outFeatures;
      const params = convParamCount({ inChannels: inN, outChannels: units, kernelSize: 1 });
      layers.push({
        name: spec.name, kind: 'dense', description: `fully connected, ${units} units${spec.relu ? ' + ReLU' : ''}`,
        shape: [units], params, paramFormula: `${inN}·${units} + ${units}`, window: inN, tfCode: tfCode(spec, i === 0),
      });
    }
  });
  return layers;
}

export function shapeText(shape: readonly number[]): string {
  return shape.join('×');
}

export { countText };

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

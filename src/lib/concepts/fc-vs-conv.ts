// Concept 2: a fully connected layer and a convolutional layer with the same input and output sizes,
// and their parameter counts N_in·N_out and K.
import { denseParamCount, convParamCount } from '../conv';
import { conv1dCall, conv1dLayerCall } from '../conv/tf-call';
import type { ConceptDef, ConceptState, FcScene, View } from './concept-types';
import { kernelFitProblem } from './fit';
import { factor, fmt } from './format';
import { convSlide, sampleValues } from './slide';

export interface FcVsConvState extends ConceptState {
  inputs: number;
  kernelSize: number;
}

export const fcVsConv: ConceptDef = {
  id: 'fc-vs-conv',
  component: 'FcVsConv',
  props: {
    inputs: { type: 'int', min: 2, max: 12, doc: 'N_in, the number of inputs (and of outputs of the dense layer)' },
    kernelSize: { type: 'int', min: 1, max: 12, doc: 'K, the kernel size of the convolution (at most N_in)' },
  },
  controls: [
    { kind: 'int', key: 'inputs', label: 'Inputs N_in' },
    { kind: 'int', key: 'kernelSize', label: 'Kernel size K' },
  ],
  defaults: (): FcVsConvState => ({ inputs: 6, kernelSize: 3 }),
  check: (state) => kernelFitProblem((state as FcVsConvState).inputs, (state as FcVsConvState).kernelSize),
  build(state): View {
    const { inputs: nIn, kernelSize: k } = state as FcVsConvState;
    const problem = kernelFitProblem(nIn, k);
    if (problem) throw new RangeError(problem);
    const x = sampleValues(nIn, 1);
    const w = sampleValues(k, 2, 0.5);
    const { steps, y } = convSlide({ x: [x], w: [[w]], b: null });
    const nOut = nIn - k + 1;
    const fcWeights = denseParamCount(nIn, nOut, false);
    const convWeights = convParamCount({ inChannels: 1, outChannels: 1, kernelSize: k, bias: false });
    const scene: FcScene = { kind: 'fc', nIn, nOut, k, fcWeights, convWeights };
    return {
      ariaLabel: `A fully connected layer and a convolutional layer, both from ${nIn} inputs to ${nOut} outputs`,
      stepNoun: 'Output',
      scenes: [scene],
      steps: steps.map((st) => ({
        ...st,
        sentence: `${st.sentence}. ${st.sentence.slice(0, st.sentence.indexOf(' ='))} reads ${k} neighbouring inputs through the shared weights; in the fully connected layer it reads all ${nIn} inputs, with ${nIn} weights of its own`,
      })),
      facts: [
        { key: 'sizes', label: 'Sizes', text: `N_in = ${nIn}, N_out = N_in − K + 1 = ${nOut}` },
        { key: 'fc', label: 'Fully connected', text: `N_in·N_out = ${nIn}·${nOut} = ${fcWeights} weights (+${nOut} biases = ${fcWeights + nOut})` },
        { key: 'conv', label: 'Convolution', text: `K = ${convWeights} weights (+1 bias = ${convWeights + 1})` },
        { key: 'ratio', label: 'Ratio', text: `${fmt(fcWeights / convWeights, 2)}× fewer weights` },
        { key: 'values', label: 'Example values', text: `x = [${x.map((v) => factor(v)).join(', ')}], w = [${w.map((v) => factor(v)).join(', ')}]` },
      ],
      results: [
        { key: 'y', label: 'y (convolution)', values: y },
        { key: 'counts', label: 'weights: fully connected, convolution', values: [[fcWeights, convWeights]] },
      ],
      tfTasks: [
        { key: 'y', label: 'y', op: 'conv1d', x: [x], w: [[w]], b: null, padding: 0, stride: 1, dilation: 1, expected: y },
        { key: 'fc', label: 'dense countParams()', op: 'countDense', inFeatures: nIn, outFeatures: nOut, useBias: false, expected: fcWeights },
        { key: 'conv', label: 'conv1d countParams()', op: 'countConv1d', inChannels: 1, outChannels: 1, kernelSize: k, length: nIn, useBias: false, expected: convWeights },
      ],
      code:
        `tf.sequential({ layers: [tf.layers.dense({ units: ${nOut}, useBias: false, inputShape: [${nIn}] })] }).countParams(); // ${fcWeights}\n` +
        `tf.sequential({ layers: [${conv1dLayerCall(1, 1, k, nIn, false)}] }).countParams(); // ${convWeights}\n` +
        conv1dCall([x], [[w]], null),
      limits: { inputs: { min: 2, max: 12 }, kernelSize: { min: 1, max: nIn } },
    };
  },
};

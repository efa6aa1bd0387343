// Concept 5: several output channels: C_out sets of C_in kernels, one bias each; C_in·C_out·K + C_out parameters.
import { convParamCount } from '../conv';
import { conv1dCall, conv1dLayerCall } from '../conv/tf-call';
import type { ConceptDef, ConceptState, View } from './concept-types';
import { kernelFitProblem } from './fit';
import { convSlide, sampleValues } from './slide';

export interface MultiOutState extends ConceptState {
  inChannels: number;
  outChannels: number;
  kernelSize: number;
  length: number;
}

/** The example's values: generated, so every size the sliders reach has numbers to show. */
export function multiOutValues(s: MultiOutState) {
  const x = Array.from({ length: s.inChannels }, (_, c) => sampleValues(s.length, c + 1));
  const w = Array.from({ length: s.outChannels }, (_, o) =>
    Array.from({ length: s.inChannels }, (_, c) => sampleValues(s.kernelSize, 10 + 3 * o + c, 0.5)),
  );
  const b = sampleValues(s.outChannels, 7, 0.25);
  return { x, w, b };
}

export const multiOut: ConceptDef = {
  id: 'multi-out',
  component: 'MultiChannelOutput',
  props: {
    inChannels: { type: 'int', min: 1, max: 4, doc: 'C_in, the input channels' },
    outChannels: { type: 'int', min: 1, max: 4, doc: 'C_out, the output channels (one kernel each)' },
    kernelSize: { type: 'int', min: 1, max: 6, doc: 'K, the kernel size' },
    length: { type: 'int', min: 1, max: 12, doc: 'N, the input length (values are generated)' },
  },
  controls: [
    { kind: 'int', key: 'inChannels', label: 'Input channels C_in' },
    { kind: 'int', key: 'outChannels', label: 'Output channels C_out' },
    { kind: 'int', key: 'kernelSize', label: 'Kernel size K' },
    { kind: 'int', key: 'length', label: 'Input length N' },
  ],
  defaults: (): MultiOutState => ({ inChannels: 2, outChannels: 3, kernelSize: 3, length: 6 }),
  check: (state) => kernelFitProblem((state as MultiOutState).length, (state as MultiOutState).kernelSize),
  build(state): View {
    const s = state as MultiOutState;
    const { x, w, b } = multiOutValues(s);
    const { scene, steps, y } = convSlide({ x, w, b });
    const count = convParamCount({ inChannels: s.inChannels, outChannels: s.outChannels, kernelSize: s.kernelSize });
    return {
      ariaLabel: `${s.inChannels} input channels, ${s.outChannels} output channels, kernel size ${s.kernelSize}`,
      scenes: [scene],
      steps,
      facts: [
        { key: 'shapes', label: 'Shapes', text: `x: ${s.inChannels}×${s.length}, w: ${s.outChannels}×${s.inChannels}×${s.kernelSize}, b: ${s.outChannels}, y: ${s.outChannels}×${s.length - s.kernelSize + 1}` },
        {
          key: 'params',
          label: 'Parameters',
          text: `C_in·C_out·K + C_out = ${s.inChannels}·${s.outChannels}·${s.kernelSize} + ${s.outChannels} = ${count}`,
        },
      ],
      results: [
        { key: 'y', label: 'y', values: y },
        { key: 'count', label: 'parameters', values: [[count]] },
      ],
      tfTasks: [
        { key: 'y', label: 'y', op: 'conv1d', x, w, b, padding: 0, stride: 1, dilation: 1, expected: y },
        { key: 'count', label: 'tf.layers.conv1d countParams()', op: 'countConv1d', inChannels: s.inChannels, outChannels: s.outChannels, kernelSize: s.kernelSize, length: s.length, useBias: true, expected: count },
      ],
      code: `tf.sequential({ layers: [${conv1dLayerCall(s.inChannels, s.outChannels, s.kernelSize, s.length)}] }).countParams(); // ${count}\n${conv1dCall(x, w, b)}`,
      limits: {
        inChannels: { min: 1, max: 4 },
        outChannels: { min: 1, max: 4 },
        kernelSize: { min: 1, max: Math.min(6, s.length) },
        length: { min: Math.max(1, s.kernelSize), max: 12 },
      },
    };
  },
};

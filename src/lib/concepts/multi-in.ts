// Concept 4: several input channels (stereo audio, RGB): one kernel row per channel, the per-channel
// sums of products added together, plus one bias.
import { convParamCount } from '../conv';
import { conv1dCall } from '../conv/tf-call';
import type { ConceptDef, ConceptState, View } from './concept-types';
import { channelsProblem, kernelFitProblem } from './fit';
import { fmt } from './format';
import { convSlide } from './slide';

export interface MultiInState extends ConceptState {
  x: number[][];
  w: number[][];
  b: number;
}

export const multiIn: ConceptDef = {
  id: 'multi-in',
  component: 'MultiChannelInput',
  props: {
    x: { type: 'rows', maxRows: 4, maxLength: 16, doc: 'the input channels, one list per channel, all the same length' },
    w: { type: 'rows', maxRows: 4, maxLength: 8, doc: 'the kernel, one row per input channel' },
    b: { type: 'number', min: -10, max: 10, doc: 'the bias added to the summed output' },
  },
  controls: [
    { kind: 'rows', key: 'x', label: 'Input channels x (one line per channel)', name: 'Input x' },
    { kind: 'rows', key: 'w', label: 'Kernels w (one line per input channel)', name: 'Kernel w' },
    { kind: 'number', key: 'b', label: 'Bias b', step: 0.25 },
  ],
  defaults: (): MultiInState => ({
    x: [
      [1, 3, 2, 0, -1, 2],
      [0, 1, -1, 2, 1, 0],
    ],
    w: [
      [0.5, -1, 0.25],
      [1, 0, -0.5],
    ],
    b: 0.1,
  }),
  check(state) {
    const { x, w } = state as MultiInState;
    return channelsProblem(x.length, w.length) ?? kernelFitProblem(x[0].length, w[0].length);
  },
  build(state): View {
    const { x, w, b } = state as MultiInState;
    const { scene, steps, y } = convSlide({ x, w: [w], b: [b] });
    const cin = x.length;
    const k = w[0].length;
    const count = convParamCount({ inChannels: cin, outChannels: 1, kernelSize: k });
    return {
      ariaLabel: `${cin} input channels of length ${x[0].length}, each with its own kernel of ${k}; one output row`,
      scenes: [scene],
      steps,
      facts: [
        { key: 'formula', label: 'Each output', text: `y[n] = Σ_c Σ_m x_c[n+m]·w_c[m] + b (c = 0…${cin - 1}), b = ${fmt(b)}` },
        { key: 'params', label: 'Parameters', text: `C_in·K + 1 = ${cin}·${k} + 1 = ${count}` },
      ],
      results: [{ key: 'y', label: 'y', values: y }],
      tfTasks: [{ key: 'y', label: 'y', op: 'conv1d', x, w: [w], b: [b], padding: 0, stride: 1, dilation: 1, expected: y }],
      code: conv1dCall(x, [w], [b]),
      limits: {},
    };
  },
};

// Concept 1: 1D cross-correlation y[n] = Σ x[n+m]·w[m] (+ b), and beside it true convolution (kernel flipped).
import { flipKernel1d } from '../conv';
import { conv1dCall } from '../conv/tf-call';
import type { ConceptDef, ConceptState, View } from './concept-types';
import { kernelFitProblem } from './fit';
import { vectorText } from './format';
import { convSlide } from './slide';

export interface CrossCorrelationState extends ConceptState {
  x: number[];
  w: number[];
  b: number;
  showConvolution: boolean;
}

export const crossCorrelation: ConceptDef = {
  id: 'cross-correlation',
  component: 'CrossCorrelation',
  props: {
    x: { type: 'vector', minLength: 1, maxLength: 16, doc: 'the input x, one number per position' },
    w: { type: 'vector', minLength: 1, maxLength: 8, doc: 'the kernel w, one weight per tap' },
    b: { type: 'number', min: -10, max: 10, doc: 'the bias added to every output' },
    showConvolution: { type: 'boolean', doc: 'also show the true convolution (the kernel flipped) beside it' },
  },
  controls: [
    { kind: 'vector', key: 'x', label: 'Input x', help: 'numbers separated by commas' },
    { kind: 'vector', key: 'w', label: 'Kernel w' },
    { kind: 'number', key: 'b', label: 'Bias b', step: 0.25 },
    { kind: 'toggle', key: 'showConvolution', label: 'Show true convolution (flipped kernel) next to it', name: 'Show true convolution' },
  ],
  defaults: (): CrossCorrelationState => ({ x: [1, 3, 2, 0, -1, 2, 1], w: [0.5, -1, 0.25], b: 0, showConvolution: false }),
  check: (state) => kernelFitProblem((state as CrossCorrelationState).x.length, (state as CrossCorrelationState).w.length),
  build(state): View {
    const { x, w, b, showConvolution } = state as CrossCorrelationState;
    const bias = b === 0 ? null : [b];
    const cc = convSlide({ x: [x], w: [[w]], b: bias, title: 'Cross-correlation: y[n] = Σ x[n+m]·w[m]' + (bias ? ' + b' : '') });
    const flipped = flipKernel1d([[w]]);
    const conv = showConvolution
      ? convSlide({ x: [x], w: flipped, b: bias, title: 'True convolution: the same sum with the kernel flipped', outName: 'y′' })
      : null;
    const n = x.length;
    const k = w.length;
    let code = conv1dCall([x], [[w]], bias);
    if (conv) {
      const flippedCall = `tf.conv1d(x, tf.reverse(w, 0), 1, 'valid', 'NWC', 1)`;
      code += `\n// true convolution = cross-correlation with the kernel reversed along K\nconst yConv = ${bias ? `tf.add(${flippedCall}, tf.tensor1d([${b}]))` : flippedCall};`;
    }
    return {
      ariaLabel: `Cross-correlation of x (${n} values) with kernel w (${k} values), ${n - k + 1} outputs`,
      scenes: conv ? [cc.scene, conv.scene] : [cc.scene],
      steps: cc.steps.map((st, idx) => (conv ? { ...st, sentence: `${st.sentence}; convolution: ${conv.steps[idx].sentence}` } : st)),
      facts: [
        { key: 'length', label: 'Output length', text: `N − K + 1 = ${n} − ${k} + 1 = ${n - k + 1}` },
        { key: 'flipped', label: 'Flipped kernel', text: `${vectorText(w)} → ${vectorText(flipped[0][0])}` },
        { key: 'params', label: 'Parameters', text: `K${bias ? ' + 1' : ''} = ${k + (bias ? 1 : 0)}` },
      ],
      results: [
        { key: 'y', label: 'y (cross-correlation)', values: cc.y },
        ...(conv ? [{ key: 'yConv', label: 'y′ (true convolution)', values: conv.y }] : []),
      ],
      tfTasks: [
        { key: 'y', label: 'y', op: 'conv1d', x: [x], w: [[w]], b: bias, padding: 0, stride: 1, dilation: 1, expected: cc.y },
        ...(conv ? [{ key: 'yConv', label: 'y′', op: 'conv1d' as const, x: [x], w: flipped, b: bias, padding: 0, stride: 1, dilation: 1, expected: conv.y }] : []),
      ],
      code,
      limits: {},
    };
  },
};

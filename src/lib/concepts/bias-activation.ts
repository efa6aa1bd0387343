// Concept 3: h(z) = wᵀz + b on every window, then an activation φ applied element by element.
import { ACTIVATIONS, ACTIVATION_NAMES, activate, type ActivationName } from '../conv';
import { conv1dCall } from '../conv/tf-call';
import type { ConceptDef, ConceptState, View } from './concept-types';
import { kernelFitProblem } from './fit';
import { fmt } from './format';
import { convSlide } from './slide';

export interface BiasActivationState extends ConceptState {
  x: number[];
  w: number[];
  b: number;
  activation: ActivationName;
}

export const activationOptions = ACTIVATION_NAMES.map((name) => ({ value: name, label: ACTIVATIONS[name].label }));

/** "ReLU(−1.5) = max(−1.5, 0) = 0": the activation's formula with z filled in; "0.75 (no activation: a = z)" without one. */
export function activationSentence(name: ActivationName, z: number): string {
  if (name === 'linear') return `${fmt(z)} (no activation: a = z)`;
  const a = ACTIVATIONS[name].fn(z);
  const zs = fmt(z);
  const body: Record<ActivationName, string> = {
    relu: `max(${zs}, 0)`,
    leakyRelu: `max(${zs}, 0.1·${z < 0 ? `(${zs})` : zs})`,
    sigmoid: `1 / (1 + e^(${z < 0 ? fmt(-z) : `−${zs}`}))`,
    tanh: `tanh(${zs})`,
    linear: zs, // not reached: said above
  };
  return `${ACTIVATIONS[name].label.replace(/ \(.*\)$/, '')}(${zs}) = ${body[name]} = ${fmt(a)}`;
}

export const biasActivation: ConceptDef = {
  id: 'bias-activation',
  component: 'BiasActivation',
  props: {
    x: { type: 'vector', minLength: 1, maxLength: 16, doc: 'the input x, one number per position' },
    w: { type: 'vector', minLength: 1, maxLength: 8, doc: 'the kernel w, one weight per tap' },
    b: { type: 'number', min: -10, max: 10, doc: 'the bias added before the activation' },
    activation: { type: 'enum', values: ACTIVATION_NAMES, doc: 'the activation φ applied to each output' },
  },
  controls: [
    { kind: 'vector', key: 'x', label: 'Input x' },
    { kind: 'vector', key: 'w', label: 'Kernel w' },
    { kind: 'number', key: 'b', label: 'Bias b', step: 0.25 },
    { kind: 'select', key: 'activation', label: 'Activation φ', options: activationOptions },
  ],
  defaults: (): BiasActivationState => ({ x: [1, 3, 2, 0, -1, 2, 1], w: [0.5, -1, 0.25], b: 0.5, activation: 'relu' }),
  check: (state) => kernelFitProblem((state as BiasActivationState).x.length, (state as BiasActivationState).w.length),
  build(state): View {
    const { x, w, b, activation } = state as BiasActivationState;
    const info = ACTIVATIONS[activation];
    const { scene, steps, y: z } = convSlide({ x: [x], w: [[w]], b: [b], outName: 'z' });
    const a = activate(activation, z);
    scene.derived = [{ name: 'a', values: a[0] }];
    return {
      ariaLabel: `Convolution with bias ${fmt(b)} ${activation === 'linear' ? 'and no activation' : `followed by ${info.label}`}: ${z[0].length} outputs`,
      scenes: [scene],
      steps: steps.map((st) => ({ ...st, sentence: `${st.sentence}; a[${st.i}] = ${activationSentence(activation, z[0][st.i])}` })),
      facts: [
        { key: 'h', label: 'Layer', text: `z[n] = h(x[n…n+${w.length - 1}]) = wᵀ·window + b, b = ${fmt(b)}` },
        { key: 'phi', label: 'Activation', text: info.formula },
        { key: 'params', label: 'Parameters', text: `K + 1 = ${w.length} + 1 = ${w.length + 1} (the activation has none)` },
      ],
      results: [
        { key: 'z', label: 'z = wᵀ·window + b', values: z },
        { key: 'a', label: activation === 'linear' ? 'a = z (no activation)' : `a = ${info.label}(z)`, values: a },
      ],
      tfTasks: [
        { key: 'z', label: 'z', op: 'conv1d', x: [x], w: [[w]], b: [b], padding: 0, stride: 1, dilation: 1, expected: z },
        { key: 'a', label: 'a', op: 'conv1d', x: [x], w: [[w]], b: [b], padding: 0, stride: 1, dilation: 1, activation, expected: a },
      ],
      code: `${conv1dCall([x], [[w]], [b])}\nconst z = y;\nconst a = ${info.tfExpression};`,
      limits: {},
    };
  },
};

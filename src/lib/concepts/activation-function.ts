// Concept 3, the function itself: φ plotted, with sample inputs z and their outputs φ(z).
import { ACTIVATIONS, ACTIVATION_NAMES, activate, type ActivationName } from '../conv';
import type { ConceptDef, ConceptState, View } from './concept-types';
import { activationOptions, activationSentence } from './bias-activation';
import { vectorText } from './format';

export interface ActivationFunctionState extends ConceptState {
  z: number[];
  activation: ActivationName;
}

export const activationFunction: ConceptDef = {
  id: 'activation-function',
  component: 'ActivationFunction',
  props: {
    z: { type: 'vector', minLength: 1, maxLength: 12, min: -50, max: 50, doc: 'the sample inputs marked on the curve' }, // ±50 keeps the plot readable
    activation: { type: 'enum', values: ACTIVATION_NAMES, doc: 'the activation function drawn' },
  },
  controls: [
    { kind: 'select', key: 'activation', label: 'Activation φ', options: activationOptions },
    { kind: 'vector', key: 'z', label: 'Inputs z' },
  ],
  defaults: (): ActivationFunctionState => ({ z: [-3, -1.5, -0.5, 0, 0.5, 1.5, 3], activation: 'relu' }),
  build(state): View {
    const { z, activation } = state as ActivationFunctionState;
    const info = ACTIVATIONS[activation];
    const a = activate(activation, [z]);
    return {
      ariaLabel: `Plot of ${info.label}, ${info.formula}, with ${z.length} sample points`,
      stepNoun: 'Point',
      scenes: [{ kind: 'plot', activation, label: info.label, z, a: a[0] }],
      steps: z.map((v, i) => ({ o: 0, i, sentence: `a[${i}] = ${activationSentence(activation, v)}` })),
      facts: [
        { key: 'phi', label: 'Function', text: info.formula },
        { key: 'io', label: 'Inputs → outputs', text: `${vectorText(z)} → ${vectorText(a[0])}` },
      ],
      results: [{ key: 'a', label: `a = ${info.label}(z)`, values: a }],
      tfTasks: [{ key: 'a', label: 'a', op: 'activation', activation, z: [z], expected: a }],
      code: `const z = tf.tensor1d(${JSON.stringify(z).replace(/,/g, ', ')});\nconst a = ${info.tfExpression};`,
      limits: {},
    };
  },
};

// Element-wise activation functions offered by the widgets, with the tfjs op of each.

export type ActivationName = 'relu' | 'leakyRelu' | 'sigmoid' | 'tanh' | 'linear';

export const LEAKY_RELU_ALPHA = 0.1;

export interface ActivationInfo {
  name: ActivationName;
  label: string;
  /** The formula, as plain text. */
  formula: string;
  fn: (z: number) => number;
  /** The tfjs expression applied to a tensor named `z`. */
  tfExpression: string;
}

export const ACTIVATIONS: Record<ActivationName, ActivationInfo> = {
  relu: { name: 'relu', label: 'ReLU', formula: 'φ(z) = max(z, 0)', fn: (z) => Math.max(z, 0), tfExpression: 'tf.relu(z)' },
  leakyRelu: {
    name: 'leakyRelu',
    label: `Leaky ReLU (α = ${LEAKY_RELU_ALPHA})`,
    formula: `φ(z) = max(z, ${LEAKY_RELU_ALPHA}·z)`,
    fn: (z) => (z >= 0 ? z : LEAKY_RELU_ALPHA * z),
    tfExpression: `tf.leakyRelu(z, ${LEAKY_RELU_ALPHA})`,
  },
  sigmoid: { name: 'sigmoid', label: 'Sigmoid', formula: 'φ(z) = 1 / (1 + e^(−z))', fn: (z) => 1 / (1 + Math.exp(-z)), tfExpression: 'tf.sigmoid(z)' },
  tanh: { name: 'tanh', label: 'tanh', formula: 'φ(z) = tanh(z)', fn: Math.tanh, tfExpression: 'tf.tanh(z)' },
  linear: { name: 'linear', label: 'None (identity)', formula: 'φ(z) = z', fn: (z) => z, tfExpression: 'z' },
};

export const ACTIVATION_NAMES = Object.keys(ACTIVATIONS) as ActivationName[];

export function isActivationName(v: unknown): v is ActivationName {
  return typeof v === 'string' && (ACTIVATION_NAMES as string[]).includes(v);
}

export function activate(name: ActivationName, values: number[][]): number[][] {
  if (!isActivationName(name)) throw new RangeError(`activate: name must be one of ${ACTIVATION_NAMES.join(', ')}, got ${String(name)}`);
  const f = ACTIVATIONS[name].fn;
  return values.map((row) => row.map(f));
}

// Lecture 10's exercises, keyed by the id the MDX gives <Exercise> (content/lectures/10-cnn.mdx holds
// their prompts, hints and solutions). Every expected value and typical wrong value is computed with
// the math core; each sentence says what that wrong value shows about the student's reasoning.
import { conv1d, convParamCount, outputSize } from '../conv';
import { CONV2D_TABLE } from '../concepts/conv2d-presets';
import { sizeMistakes } from './size-mistakes';
import type { AnswerProps } from './types';

/** Wrong values → sentences, leaving out any that equal the answer (or an earlier mistake). */
export function mistakesOf(answer: number, list: [number, string][]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [value, say] of list) {
    const key = String(value);
    if (Math.abs(value - answer) > 1e-9 && !(key in out)) out[key] = say;
  }
  return out;
}

// The lecture's running example (the CrossCorrelation widget's x and w).
const X = [1, 3, 2, 0, -1, 2, 1];
const W = [0.5, -1, 0.25];
const y = conv1d([X], [[W]])[0];
const flipped = conv1d([X], [[[...W].reverse()]])[0];

// A layer with bias and ReLU, for one output.
const RX = [1, -2, 3, 0, -1];
const RW = [1, 0.5, -1];
const RB = 0.5;
const z0 = conv1d([RX], [[RW]], [RB])[0][0];
const dot0 = conv1d([RX], [[RW]])[0][0];

// Two input channels.
const MX = [[1, 3, 2, 0], [0, 1, -1, 2]];
const MW = [[0.5, -1, 0.25], [1, 0, -0.5]];
const MB = 0.1;
const multi = conv1d(MX, [MW], [MB])[0][0];
const channel = (c: number) => conv1d([MX[c]], [[MW[c]]])[0][0];

const PARAMS = { inChannels: 3, outChannels: 16, kernelSize: 5 };
const params = convParamCount(PARAMS);
const PARAMS_2D = { inChannels: 3, outChannels: 6, kernelSize: [5, 5] as [number, number] };
const params2d = convParamCount(PARAMS_2D);

/** The padding that keeps the length of an input of length n for a kernel of size k, if there is one. */
export function samePadding(k: number, n = 20): number | undefined {
  for (let p = 0; p <= k; p++) if (outputSize(n, k, { padding: p }) === n) return p;
  return undefined;
}
const KERNEL_SIZES = [2, 3, 4, 5, 7];
const kernelOption = (k: number) => `$K=${k}$`;

export const LECTURE_10: Record<string, AnswerProps> = {
  // 1D cross-correlation
  'xcorr-value': {
    label: '$y[2]$',
    answer: y[2],
    mistakes: mistakesOf(y[2], [
      [flipped[2], 'that is what the flipped kernel gives (w[2], w[1], w[0]), the convolution of signal processing. The layer computes cross-correlation, y[n] = Σ x[n+m]·w[m], with no flip.'],
      [y[1], 'that is y[1]: outputs are counted from 0, so the window of y[2] starts at x[2].'],
      [y[3], 'that is y[3]: the window of y[n] starts at x[n], so y[2] uses x[2], x[3], x[4].'],
    ]),
  },
  'xcorr-code': { check: 'cross-correlate' },

  // Bias and activation
  'relu-value': {
    label: '$y[0]$',
    answer: Math.max(z0, 0),
    mistakes: mistakesOf(Math.max(z0, 0), [
      [z0, 'that is z = wᵀx + b before the activation; the ReLU then gives max(z, 0).'],
      [dot0, 'that is wᵀx alone: add the bias b, then apply the ReLU.'],
      [Math.max(dot0, 0) + RB, 'the bias goes inside the activation: φ(wᵀx + b), not φ(wᵀx) + b.'],
    ]),
  },
  'conv-relu-code': { check: 'conv-layer' },
  'linear-stack': {
    choices: [
      'One convolutional layer with a kernel of size 3',
      'One convolutional layer with a kernel of size 5',
      'One convolutional layer with a kernel of size 9',
      'Something no single convolutional layer can compute',
    ],
    answer: 'One convolutional layer with a kernel of size 5',
    mistakes: {
      'One convolutional layer with a kernel of size 3': 'each output of the second layer reads 3 outputs of the first, and together those read more than 3 inputs.',
      'One convolutional layer with a kernel of size 9': 'the windows overlap: 3 neighbouring windows of size 3 cover 3 + 3 − 1 = 5 inputs, not 3·3.',
      'Something no single convolutional layer can compute': 'without an activation in between everything stays linear, and a cross-correlation of a cross-correlation is again a cross-correlation. That is why layers are separated by activations.',
    },
  },

  // Multi-channel input
  'multi-in-value': {
    label: '$y[0]$',
    answer: multi,
    mistakes: mistakesOf(multi, [
      [channel(0) + MB, 'that is the first channel only: the products of every input channel add up into one output.'],
      [channel(1) + MB, 'that is the second channel only: the products of every input channel add up into one output.'],
      [channel(0) + channel(1), 'the bias is missing: add b once.'],
      [channel(0) + channel(1) + 2 * MB, 'the bias is added once per output, not once per input channel.'],
    ]),
  },
  'multi-in-code': { check: 'conv1d-multi-in' },

  // Multi-channel output and parameter counts
  'param-count': {
    label: 'Parameters',
    answer: params,
    mistakes: mistakesOf(params, [
      [convParamCount({ ...PARAMS, bias: false }), `those are the weights only: each of the ${PARAMS.outChannels} output channels also has a bias.`],
      [convParamCount({ ...PARAMS, bias: false }) + PARAMS.inChannels, 'there is one bias per output channel, not one per input channel.'],
      [convParamCount({ ...PARAMS, inChannels: 1 }), 'each output channel has one kernel per input channel: multiply by C_in too.'],
      [convParamCount({ ...PARAMS, outChannels: 1 }), `that is one output channel; the layer has ${PARAMS.outChannels}, each with its own kernels and bias.`],
    ]),
  },
  'output-shape': {
    parts: [
      {
        label: 'Output channels',
        answer: 8,
        mistakes: {
          '3': 'that is C_in. Each set of kernels (one per input channel) makes one output channel, so there are C_out of them.',
          '24': 'the products of the 3 input channels are summed into each output channel; they do not make channels of their own.',
        },
      },
      {
        label: 'Output length',
        answer: outputSize(20, 5),
        mistakes: { ...sizeMistakes({ n: 20, k: 5 }), '20': 'the length stays 20 only with padding (p = 2 here); without it the kernel fits in n − K + 1 places.' },
      },
    ],
  },
  'param-count-code': { check: 'param-count' },

  // Padding
  'same-padding': {
    label: '$p$',
    answer: samePadding(5)!,
    mistakes: mistakesOf(samePadding(5)!, [
      [2 * samePadding(5)!, 'that is the total number of zeros the kernel needs; p counts the zeros at each end, so half of it.'],
      [5, 'with p = k the output is longer than the input: n + 2·5 − 5 + 1 = n + 6.'],
      [1, 'p = 1 keeps the length for k = 3; for k = 5 it gives n + 2 − 5 + 1 = n − 2.'],
    ]),
  },
  'odd-kernels': {
    choices: KERNEL_SIZES.map(kernelOption),
    answer: KERNEL_SIZES.filter((k) => samePadding(k) !== undefined).map(kernelOption),
    mistakes: Object.fromEntries(
      KERNEL_SIZES.filter((k) => samePadding(k) === undefined).map((k) => [
        kernelOption(k),
        `n + 2p − ${k} + 1 = n needs p = ${k - 1}/2, and there is no half a zero: an even kernel needs more zeros at one end than at the other.`,
      ]),
    ),
  },

  // Stride
  'stride-length': { label: '$n_\\text{out}$', answer: outputSize(10, 3, { stride: 3 }), mistakes: sizeMistakes({ n: 10, k: 3, stride: 3 }) },
  'stride-code': { check: 'conv1d-stride' },

  // Dilation
  'dilation-length': { label: '$n_\\text{out}$', answer: outputSize(9, 3, { dilation: 3 }), mistakes: sizeMistakes({ n: 9, k: 3, dilation: 3 }) },
  'dilation-code': { check: 'conv1d-dilated' },

  // Max pooling
  'pool-length': { label: '$n_\\text{out}$', answer: outputSize(7, 3, { stride: 2 }), mistakes: sizeMistakes({ n: 7, k: 3, stride: 2 }, { window: 'window' }) },
  'pool-facts': {
    choices: [
      'It has no parameters to learn',
      'With size 2 and stride 2 it halves the length (rounding down)',
      'It keeps the number of channels',
      'It sums over the input channels, as a convolution does',
      'It has one bias per channel',
    ],
    answer: ['It has no parameters to learn', 'With size 2 and stride 2 it halves the length (rounding down)', 'It keeps the number of channels'],
    mistakes: {
      'It sums over the input channels, as a convolution does': 'max pooling works on each channel by itself: C channels in, the same C channels out.',
      'It has one bias per channel': 'there is nothing to learn: it takes the largest value of each window, with no weights and no bias.',
    },
  },
  'max-pool-code': { check: 'max-pool' },

  // 2D
  'conv2d-table': {
    parts: CONV2D_TABLE.map((t, i) => {
      const [n] = t.settings.input;
      const [k] = t.settings.kernel;
      const [p] = t.settings.padding;
      const [s] = t.settings.stride;
      const [d] = t.settings.dilation;
      return {
        label: `${i + 1}. $${n}\\times${n}$ input, $k=${k}$, $p=${p}$, $s=${s}$, $d=${d}$`,
        answer: outputSize(n, k, { padding: p, stride: s, dilation: d }),
        mistakes: sizeMistakes({ n, k, padding: p, stride: s, dilation: d }),
      };
    }),
  },
  'conv2d-params': {
    label: 'Parameters',
    answer: params2d,
    mistakes: mistakesOf(params2d, [
      [convParamCount({ ...PARAMS_2D, bias: false }), `those are the weights only: add one bias per output channel (${PARAMS_2D.outChannels}).`],
      [convParamCount({ ...PARAMS_2D, kernelSize: 5 }), 'a 5×5 kernel has K_h·K_w = 25 weights per pair of channels, not 5.'],
      [convParamCount({ ...PARAMS_2D, inChannels: 1 }), 'that is for one input channel (a grey image); a colour image has 3, each with its own 5×5 kernel.'],
    ]),
  },
  'conv2d-code': { check: 'cross-correlate-2d' },
};

// Workshop 10's exercises (content/workshops/10-lenet5.mdx, "Exercises"). The numbers come from the
// split (src/lib/random) and the model (src/lib/lenet), never typed in by hand.
import { NOTEBOOK_SPLIT } from '../random';
import { LENET_PARAM_COUNT, LENET_SPECS, layerParamCounts, specSize } from '../lenet/model';
import { mistakesOf } from './lecture-10';
import type { AnswerProps, PartProps } from './types';

const validation = NOTEBOOK_SPLIT.validation;
const train = NOTEBOOK_SPLIT.n - validation;
const quarter = NOTEBOOK_SPLIT.n / 4;

const LAYER_NAMES = ['C1', 'C3', 'C5', 'F6', 'Output'];

/** One layer's typical wrong counts, from its weight shapes (conv: [K_h, K_w, C_in, C_out], dense: [N_in, N_out]). */
function layerPart(i: number): PartProps {
  const kernel = LENET_SPECS[2 * i].shape;
  const bias = specSize(LENET_SPECS[2 * i + 1]);
  const answer = layerParamCounts()[i];
  const list: [number, string][] = [[answer - bias, `those are the weights only: add one bias per output (${bias}).`]];
  if (kernel.length === 4) {
    const [kh, kw, cin, cout] = kernel;
    list.push([kh * cin * cout + cout, `a ${kh}×${kw} kernel has ${kh * kw} weights per pair of channels, not ${kh}.`]);
    if (cin > 1) list.push([kh * kw * cout + cout, `each of the ${cout} output channels has one ${kh}×${kw} kernel per input channel, and there are ${cin} input channels.`]);
  }
  return { label: LAYER_NAMES[i], answer, mistakes: mistakesOf(answer, list) };
}

const biases = LENET_SPECS.filter((s) => s.name.endsWith('.bias')).reduce((n, s) => n + specSize(s), 0);

export const WORKSHOP_10: Record<string, AnswerProps> = {
  // Code exercises on the notebook's own variables (checks in workshop-checks.ts).
  'strided-lenet': { check: 'strided-lenet' },
  'confident-mistakes': { check: 'confident-mistakes' },
  'split-sizes': {
    parts: [
      {
        label: 'Images in the train set after the split',
        answer: train,
        mistakes: mistakesOf(train, [
          [NOTEBOOK_SPLIT.n, `that is every training image, before the split: ${validation} of them move to the validation set.`],
          [NOTEBOOK_SPLIT.n - quarter, 'that would be a 25% validation set, which the notebook avoids: evaluating it would take too long.'],
        ]),
      },
      {
        label: 'Images in the validation set',
        answer: validation,
        mistakes: mistakesOf(validation, [
          [quarter, 'that would be 25% of the train set; the notebook keeps the validation set small (1024) so that evaluating it is quick.'],
          [10000, 'that is the test set, which stays apart until the final evaluation.'],
        ]),
      },
    ],
  },
  'lenet-params': {
    parts: [
      ...LAYER_NAMES.map((_, i) => layerPart(i)),
      {
        label: 'All of LeNet-5',
        answer: LENET_PARAM_COUNT,
        mistakes: mistakesOf(LENET_PARAM_COUNT, [[LENET_PARAM_COUNT - biases, `those are the weights only: the ${biases} biases count too.`]]),
      },
    ],
  },
};

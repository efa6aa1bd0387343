/**
 * The workshop's code checks: they read what the student's cell built and trained with the course's library
 * (the notebook's own variables) and grade it. Runs in the notebook's worker, after the cell.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { Conv2d, Dataset, MaxPool2d, Module } from '../torchlike';
import { LENET_PARAM_COUNT } from '../lenet/model';
import { RandomState } from '../random';
import type { CheckContext, CodeCheck, Feedback } from './types';
import { formatValue, settle } from './function-check';
import { countText as count } from '../concepts/numbers';

/** Every layer of a module, depth first. */
function layersOf(m: Module): Module[] {
  return [m, ...m.children().flatMap(([, c]) => layersOf(c))];
}

/**
 * "Stride instead of pooling": `strided` is a network without max pooling, whose downsampling is
 * done by convolutions of stride 2; it maps 28×28 digits to 10 scores; and it was trained (finite
 * losses, a validation loss measured). The feedback compares its parameters with LeNet-5's.
 */
export const stridedLeNet: CodeCheck = (ctx: CheckContext): Feedback => {
  const net = ctx.get('strided');
  if (!(net instanceof Module)) {
    return { verdict: 'wrong', message: `Your cell must define strided = new StridedLeNet5(), a network built with the course's library (a Module); strided is ${formatValue(net)}.` };
  }
  const layers = layersOf(net);
  const pools = layers.filter((l) => l instanceof MaxPool2d).length;
  if (pools) return { verdict: 'wrong', message: `Not yet: the network still has ${pools} max pooling layer${pools === 1 ? '' : 's'}; replace each with a convolution of stride 2.` };
  const strided = layers.filter((l) => l instanceof Conv2d && l.options.stride === 2).length;
  if (strided < 2) return { verdict: 'wrong', message: `Not yet: LeNet-5 halves the maps twice (S2 and S4); your network has ${strided} convolution${strided === 1 ? '' : 's'} of stride 2.` };
  const tf = net.tf;
  let shape: number[];
  try {
    shape = settle(ctx, tf.tidy(() => net.forward(tf.zeros([2, 28, 28, 1])).shape)) as number[];
  } catch (e) {
    ctx.restoreBuiltins();
    const error = ctx.describe(e);
    return { verdict: 'wrong', message: `Your network could not read two 28×28 digits: ${error.name}: ${error.message}`, error };
  }
  if (shape.length !== 2 || shape[0] !== 2 || shape[1] !== 10) {
    return { verdict: 'wrong', message: `Not yet: for 2 digits your network gives an output of shape [${shape.join(', ')}]; it should be [2, 10], ten scores per digit (check the sizes where the fully connected layers begin).` };
  }
  const losses = ctx.get('stridedLosses');
  const validation = ctx.get('stridedValidation');
  if (!Array.isArray(losses) || !losses.length || !Array.isArray(validation) || !validation.length) {
    return { verdict: 'wrong', message: 'The network is right; now train it with the notebook\'s train() (one short epoch) and keep its loss lists as stridedLosses and stridedValidation.' };
  }
  if (![...losses, ...validation].every((l) => typeof l === 'number' && Number.isFinite(l))) {
    return { verdict: 'wrong', message: 'The training diverged (a loss is NaN or infinite): try a smaller α.' };
  }
  const params = Number(settle(ctx, net.parameterCount()));
  const more = params - LENET_PARAM_COUNT;
  return {
    verdict: 'correct',
    message:
      `Correct: no pooling, ${strided} convolutions of stride 2, ten scores per digit. It has ${count(params)} parameters, ` +
      `${more >= 0 ? `${count(more)} more` : `${count(-more)} fewer`} than LeNet-5's ${count(LENET_PARAM_COUNT)} (the downsampling now learns), ` +
      `and after ${count(losses.length)} steps its validation loss is ${(validation.at(-1) as number).toFixed(3)}.`,
  };
};

/** Every misclassified image's index, the ones the net was surest of first (the check's own answer). */
async function rankedMistakes(net: Module, dataset: Dataset): Promise<number[]> {
  const tf = net.tf;
  const found: { index: number; p: number }[] = [];
  for (let start = 0; start < dataset.count; start += 500) {
    const images = dataset.images.slice(start, start + 500);
    const probs = tf.tidy(() => tf.softmax(net.forward(images.toTensor()) as tfc.Tensor2D));
    const p = (await probs.data()) as Float32Array;
    probs.dispose();
    for (let i = 0; i < images.length; i++) {
      let best = 0;
      for (let c = 1; c < 10; c++) if (p[i * 10 + c] > p[i * 10 + best]) best = c;
      if (best !== dataset.labels[start + i]) found.push({ index: start + i, p: p[i * 10 + best] });
    }
  }
  return found.sort((a, b) => b.p - a.p).map((f) => f.index);
}

/** A test set the student does not see: `n` test images in a seeded order. */
function hiddenTestSet(test: Dataset, n: number, seed: number): Dataset {
  const pick = new RandomState(seed).permutation(test.count).slice(0, n);
  const labels = Uint8Array.from(pick, (j) => test.split.labels[j]);
  return new Dataset({ name: 'test', count: n, rows: test.rows, cols: test.cols, images: test.split.images.pick(pick), labels });
}

/**
 * "The surest mistakes": confidentMistakes(net, dataset, k) returns the indices of the k images the
 * net gets wrong with the highest probability on its wrong answer, surest first. Called on hidden
 * subsets of the test set with the page's current net, and compared with the check's own answer.
 */
export const confidentMistakes: CodeCheck = async (ctx) => {
  const fn = ctx.get('confidentMistakes');
  const net = ctx.notebook('net');
  const test = ctx.notebook('datasetTest');
  if (typeof fn !== 'function') return { verdict: 'wrong', message: `Your cell must define a function confidentMistakes(net, dataset, k); it is ${formatValue(fn)}.` };
  if (!(net instanceof Module)) return { verdict: 'wrong', message: 'There is no trained net yet: run the training cell, or load the reference weights (“Skip ahead”) and run load-model, then check again.' };
  if (!(test instanceof Dataset)) return { verdict: 'wrong', message: 'The test set is not loaded: run the notebook\'s load-mnist cell first.' };
  const cases = [{ n: 2000, k: 5, seed: 11 }, { n: 1500, k: 3, seed: 12 }, { n: 3000, k: 8, seed: 13 }];
  for (const [i, c] of cases.entries()) {
    const dataset = hiddenTestSet(test, c.n, c.seed);
    const ranked = await rankedMistakes(net, dataset);
    const want = ranked.slice(0, c.k);
    let got: unknown;
    try {
      got = settle(ctx, await (fn as (n: Module, d: Dataset, k: number) => unknown)(net, dataset, c.k));
    } catch (e) {
      ctx.restoreBuiltins();
      const error = ctx.describe(e);
      return { verdict: 'wrong', message: `Your function threw an error on hidden set ${i + 1}: ${error.name}: ${error.message}`, error };
    }
    const gotList = Array.isArray(got) ? got.map(Number) : [];
    if (JSON.stringify(gotList) !== JSON.stringify(want)) {
      const sameSet = gotList.length === want.length && [...gotList].sort((a, b) => a - b).join() === [...want].sort((a, b) => a - b).join();
      const why = sameSet
        ? 'these are the right images, in the wrong order: sort by the probability of the (wrong) predicted class, highest first.'
        : gotList.some((j) => !ranked.includes(j))
          ? 'some of these images the network gets right (or they are not in the set at all).'
          : 'compare the predicted class (the argmax) with the label, and rank the wrong ones by the softmax probability of their prediction.';
      return {
        verdict: 'wrong',
        message: `Not yet: on hidden set ${i + 1} (${count(c.n)} test images, k = ${c.k}) ${why}`,
        mismatch: { input: `${count(c.n)} hidden test images, k = ${c.k}`, expected: formatValue(want), got: formatValue(got) },
        cases: { passed: i, total: cases.length },
      };
    }
  }
  return { verdict: 'correct', message: `Correct: your function finds the network's surest mistakes on all ${cases.length} hidden sets of test images.`, cases: { passed: cases.length, total: cases.length } };
};

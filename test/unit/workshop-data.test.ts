import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bucketMeans } from '../../src/lib/workshop/loss-series';
import {
  argmax, confusionCells, confusionMatrix, misclassificationRate, misclassifiedIndices, perClassAccuracy, softmax, topConfusions,
} from '../../src/lib/workshop/confusion';
import { runShape, sweepVerdict } from '../../src/lib/workshop/sweep';
import { channelPlanes, grayToRgba, planeRange } from '../../src/lib/workshop/image';

describe('loss series', () => {
  it('bucket means preserve the overall mean and respect maxPoints', () => {
    fc.assert(
      fc.property(fc.array(fc.float({ min: 0, max: 10, noNaN: true }), { minLength: 1, maxLength: 3000 }), fc.integer({ min: 1, max: 700 }), (values, max) => {
        const out = bucketMeans(values, max);
        expect(out.length).toBeLessThanOrEqual(max);
        const size = Math.ceil(values.length / max);
        // Weighted by bucket size, the bucket means give back the mean of the data.
        let sum = 0;
        out.forEach((p, i) => { sum += p.loss * Math.min(size, values.length - i * size); });
        const mean = values.reduce((a, b) => a + b, 0) / values.length;
        expect(sum / values.length).toBeCloseTo(mean, 3);
        expect(out[0].step).toBeLessThan(size);
      }),
    );
  });

  it('turns a diverged bucket into a gap, and keeps every point of a short run', () => {
    const out = bucketMeans([1, Infinity, 2, 2], 2);
    expect(out[0].loss).toBeNaN();
    expect(out[1]).toEqual({ step: 2.5, loss: 2 });
    expect(bucketMeans([2.3, 2.2, 2.1], 300)).toEqual([{ step: 0, loss: 2.3 }, { step: 1, loss: 2.2 }, { step: 2, loss: 2.1 }]);
    expect(bucketMeans(new Array(1000).fill(1), 100)).toHaveLength(100);
  });
});

describe('confusion matrix and risk', () => {
  const labels = [0, 1, 2, 2, 1, 0];
  const predicted = [0, 2, 2, 1, 1, 0];
  it('counts true × predicted and the mistakes', () => {
    const c = confusionMatrix(predicted, labels, 3);
    expect(c.counts).toEqual([[2, 0, 0], [0, 1, 1], [0, 1, 1]]);
    expect(c.errors).toBe(2);
    expect(misclassificationRate(predicted, labels)).toBeCloseTo(2 / 6);
    expect(misclassifiedIndices(predicted, labels)).toEqual([1, 3]);
    expect(misclassifiedIndices(predicted, labels, 1)).toEqual([1]);
    expect(perClassAccuracy(c)).toEqual([1, 0.5, 0.5]);
    expect(confusionCells(c)).toHaveLength(9);
    expect(topConfusions(c, 5).map((x) => [x.label, x.predicted])).toEqual([[1, 2], [2, 1]]);
  });
  it('rejects mismatched or out-of-range input with a message', () => {
    expect(() => confusionMatrix([0], [0, 1])).toThrow(/differ in length/);
    expect(() => confusionMatrix([10], [0])).toThrow(/predicted\[0\] = 10/);
    expect(() => misclassificationRate([], [])).toThrow(RangeError);
  });
  it('matches a brute-force count on random data', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 })), { minLength: 1, maxLength: 200 }), (pairs) => {
        const p = pairs.map((x) => x[0]);
        const y = pairs.map((x) => x[1]);
        const c = confusionMatrix(p, y);
        const total = c.counts.flat().reduce((a, b) => a + b, 0);
        expect(total).toBe(pairs.length);
        const diag = c.counts.reduce((a, row, i) => a + row[i], 0);
        expect(c.errors).toBe(pairs.length - diag);
        expect(misclassificationRate(p, y)).toBeCloseTo(c.errors / pairs.length, 12);
      }),
    );
  });
  it('argmax takes the first maximum; softmax sums to 1 and is stable', () => {
    expect(argmax([1, 3, 3, 2])).toBe(1);
    const s = softmax([1000, 1000, 0]);
    expect(s[0]).toBeCloseTo(0.5);
    expect(s.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
  });
});

describe('sweep verdict', () => {
  /** A run of `n` steps whose losses go from `start` to `end` (validation every 100 steps). */
  const run = (alpha: number, start: number, end: number, n = 922, spike = false) => {
    const lossTrainList = Array.from({ length: n }, (_, i) => start + ((end - start) * i) / (n - 1));
    // α = 1's first steps shoot the train loss up to 10 and more before it settles on ln 10.
    if (spike) lossTrainList.splice(1, 5, 12, 30, 8, 5, 3);
    const lossValidationList = Array.from({ length: Math.ceil(n / 100) }, (_, k) => start + ((end - start) * k * 100) / (n - 1));
    return { alpha, lossTrainList, lossValidationList };
  };
  it("reads the seed's sweep the way its text does: α = 1 too high, α = 0.01 too slow, α = 0.1 the one", () => {
    const v = sweepVerdict([run(1, 2.303, 2.305, 922, true), run(0.1, 2.303, 0.12), run(0.01, 2.303, 2.25)]);
    expect(v.best).toBe(0.1);
    expect(v.stuck).toEqual([1, 0.01]);
    expect(v.text).toBe(
      'α = 1: the loss did not improve at all (too high a rate). α = 0.01: the loss fell only a little within the run (too low a rate: too slow). ' +
        `α = 0.1 reached the lowest validation loss (${run(0.1, 2.303, 0.12).lossValidationList.at(-1)!.toFixed(3)}), so it is the one to train with.`,
    );
  });
  it('classifies run shapes from the validation loss, treats a diverged run as stuck and says when none learned', () => {
    expect(runShape(run(0.1, 2.3, 0.4))).toBe('learned');
    expect(runShape(run(0.01, 2.3, 2.0))).toBe('slow');
    expect(runShape(run(1, 2.3, 2.299, 922, true))).toBe('flat');
    const diverged = run(1, 2.3, 2.3);
    diverged.lossTrainList.push(NaN);
    expect(runShape(diverged)).toBe('diverged');
    const v = sweepVerdict([diverged]);
    expect(v.best).toBeUndefined();
    expect(v.stuck).toEqual([1]);
    expect(v.text).toBe('α = 1: the loss diverged (NaN). None of the runs has learned yet; run longer to compare them.');
    // Without validation points (a very short run), the end of the train loss counts.
    expect(runShape({ alpha: 0.1, lossTrainList: new Array(60).fill(0.5), lossValidationList: [2.3] })).toBe('learned');
  });
});

describe('images', () => {
  it('maps [0,1] to grey RGBA and splits channels-last activations', () => {
    expect(Array.from(grayToRgba([0, 1, 0.5]))).toEqual([0, 0, 0, 255, 255, 255, 255, 255, 128, 128, 128, 255]);
    const planes = channelPlanes([1, 2, 3, 4, 5, 6], 1, 3, 2);
    expect(planes.map((p) => Array.from(p))).toEqual([[1, 3, 5], [2, 4, 6]]);
    expect(planeRange([2, 2])).toEqual({ min: 2, max: 3 });
    expect(() => channelPlanes([1], 2, 2, 1)).toThrow(RangeError);
  });
});

import { linePath, markerPath, niceYMax } from '../../src/lib/workshop/line-path';
describe('live chart paths', () => {
  const x = (v: number) => v * 2;
  const y = (v: number) => 100 - v * 10;
  it('draws a polyline and breaks it at diverged steps', () => {
    expect(linePath([{ step: 0, loss: 2.3 }, { step: 1, loss: 2 }, { step: 2, loss: NaN }, { step: 3, loss: 1 }], x, y))
      .toBe('M0,77L2,80M6,90');
    expect(linePath([], x, y)).toBe('');
  });
  it('picks a y maximum in half units that rarely changes', () => {
    expect(niceYMax({ a: [{ step: 0, loss: 2.31 }], b: [{ step: 1, loss: NaN }] })).toBe(3);
    expect(niceYMax({ a: [{ step: 0, loss: 2.2 }] })).toBe(2.5);
    expect(niceYMax({ a: [{ step: 0, loss: 40 }] })).toBe(5);
    expect(niceYMax({})).toBe(5);
  });
  it('draws one circle per finite point', () => {
    const d = markerPath([{ step: 0, loss: 2 }, { step: 5, loss: Infinity }], x, y, 2);
    expect(d).toBe('M-2,80a2,2 0 1,0 4,0a2,2 0 1,0 -4,0');
  });
});

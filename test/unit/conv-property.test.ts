// Property tests: for random shapes and hyper-parameters the pure core and tfjs agree, and sizes match outputSize.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { conv1d, conv2d, maxPool1d, maxPool2d, outputSize, receptiveSpan } from '../../src/lib/conv';
import { tfConv1d, tfConv2d, tfMaxPool1d, tfMaxPool2d } from '../../src/lib/conv/tf';
import { maxAbsDiff } from './conv-reference';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const value = fc.integer({ min: -300, max: 300 }).map((v) => v / 100);
const tensor = (shape: number[]): fc.Arbitrary<any> =>
  shape.length === 0 ? value : fc.array(tensor(shape.slice(1)), { minLength: shape[0], maxLength: shape[0] });

/** 1D settings where the dilated kernel fits the padded input. */
const conv1dCase = fc
  .record({
    cin: fc.integer({ min: 1, max: 3 }),
    cout: fc.integer({ min: 1, max: 3 }),
    n: fc.integer({ min: 1, max: 14 }),
    k: fc.integer({ min: 1, max: 5 }),
    padding: fc.integer({ min: 0, max: 3 }),
    stride: fc.integer({ min: 1, max: 4 }),
    dilation: fc.integer({ min: 1, max: 3 }),
    bias: fc.boolean(),
  })
  .filter((s) => receptiveSpan(s.k, s.dilation) <= s.n + 2 * s.padding)
  .chain((s) =>
    fc.record({
      s: fc.constant(s),
      x: tensor([s.cin, s.n]),
      w: tensor([s.cout, s.cin, s.k]),
      b: s.bias ? tensor([s.cout]) : fc.constant(undefined),
    }),
  );

describe('conv1d: pure and tfjs agree', () => {
  it('on random shapes, paddings, strides and dilations', () => {
    fc.assert(
      fc.property(conv1dCase, ({ s, x, w, b }) => {
        const opts = { padding: s.padding, stride: s.stride, dilation: s.dilation };
        const y = conv1d(x, w, b, opts);
        expect(y.length).toBe(s.cout);
        expect(y[0].length).toBe(outputSize(s.n, s.k, opts));
        expect(maxAbsDiff(tfConv1d(tf, x, w, b, opts), y)).toBeLessThan(1e-4);
      }),
      { numRuns: 150 },
    );
  });
  it('throws a RangeError exactly when outputSize < 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), (n, k, padding, stride, dilation) => {
        const opts = { padding, stride, dilation };
        const run = () => conv1d([new Array(n).fill(1)], [[new Array(k).fill(1)]], null, opts);
        if (outputSize(n, k, opts) < 1) expect(run).toThrow(RangeError);
        else expect(run()[0].length).toBe(outputSize(n, k, opts));
      }),
    );
  });
});

describe('conv2d: pure and tfjs agree', () => {
  const pair = (min: number, max: number) => fc.tuple(fc.integer({ min, max }), fc.integer({ min, max }));
  const conv2dCase = fc
    .record({
      cin: fc.integer({ min: 1, max: 2 }),
      cout: fc.integer({ min: 1, max: 2 }),
      h: fc.integer({ min: 1, max: 7 }),
      w: fc.integer({ min: 1, max: 7 }),
      k: pair(1, 3),
      padding: pair(0, 2),
      stride: pair(1, 3),
      dilation: pair(1, 2),
    })
    .filter((s) => [0, 1].every((a) => receptiveSpan(s.k[a], s.dilation[a]) <= [s.h, s.w][a] + 2 * s.padding[a]))
    .chain((s) => fc.record({ s: fc.constant(s), x: tensor([s.cin, s.h, s.w]), w: tensor([s.cout, s.cin, s.k[0], s.k[1]]), b: tensor([s.cout]) }));
  it('on random shapes and per-axis settings', () => {
    fc.assert(
      fc.property(conv2dCase, ({ s, x, w, b }) => {
        const opts = { padding: s.padding, stride: s.stride, dilation: s.dilation };
        const y = conv2d(x, w, b, opts);
        expect(y[0].length).toBe(outputSize(s.h, s.k[0], { padding: s.padding[0], stride: s.stride[0], dilation: s.dilation[0] }));
        expect(y[0][0].length).toBe(outputSize(s.w, s.k[1], { padding: s.padding[1], stride: s.stride[1], dilation: s.dilation[1] }));
        expect(maxAbsDiff(tfConv2d(tf, x, w, b, opts), y)).toBeLessThan(1e-4);
      }),
      { numRuns: 80 },
    );
  });
});

describe('max pooling: pure and tfjs agree', () => {
  it('1D', () => {
    const poolCase = fc
      .record({ c: fc.integer({ min: 1, max: 3 }), n: fc.integer({ min: 1, max: 12 }), size: fc.integer({ min: 1, max: 4 }), stride: fc.integer({ min: 1, max: 4 }) })
      .chain((s) => fc.record({ s: fc.constant(s), padding: fc.integer({ min: 0, max: Math.floor(s.size / 2) }) }))
      .filter(({ s, padding }) => s.size <= s.n + 2 * padding)
      .chain(({ s, padding }) => fc.record({ s: fc.constant({ ...s, padding }), x: tensor([s.c, s.n]) }));
    fc.assert(
      fc.property(poolCase, ({ s, x }) => {
        const opts = { size: s.size, stride: s.stride, padding: s.padding };
        const y = maxPool1d(x, opts);
        expect(y[0].length).toBe(outputSize(s.n, s.size, { padding: s.padding, stride: s.stride }));
        expect(maxAbsDiff(tfMaxPool1d(tf, x, opts), y)).toBeLessThan(1e-6);
      }),
      { numRuns: 120 },
    );
  });
  it('2D', () => {
    const poolCase = fc
      .record({ c: fc.integer({ min: 1, max: 2 }), h: fc.integer({ min: 2, max: 7 }), w: fc.integer({ min: 2, max: 7 }), size: fc.integer({ min: 1, max: 3 }), stride: fc.integer({ min: 1, max: 3 }) })
      .filter((s) => s.size <= Math.min(s.h, s.w))
      .chain((s) => fc.record({ s: fc.constant(s), x: tensor([s.c, s.h, s.w]), padding: fc.integer({ min: 0, max: Math.floor(s.size / 2) }) }));
    fc.assert(
      fc.property(poolCase, ({ s, x, padding }) => {
        const opts = { size: s.size, stride: s.stride, padding };
        const y = maxPool2d(x, opts);
        expect(y[0].length).toBe(outputSize(s.h, s.size, { padding, stride: s.stride }));
        expect(maxAbsDiff(tfMaxPool2d(tf, x, opts), y)).toBeLessThan(1e-6);
      }),
      { numRuns: 60 },
    );
  });
});

// The pure math core against the PyTorch reference, and its argument checks.
import { describe, expect, it } from 'vitest';
import {
  conv1d, conv2d, maxPool1d, maxPool2d, outputSize, convParamCount, denseParamCount,
  convolve1d, flipKernel1d, traceConv1d, traceMaxPool1d, activate, ACTIVATION_NAMES,
} from '../../src/lib/conv';
import { readFileSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { copiedReferencePath, maxAbsDiff, reference, sharedReferencePath, type RefCase } from './conv-reference';

export function runPure(c: RefCase): unknown {
  switch (c.op) {
    case 'conv1d':
      return conv1d(c.x, c.w, c.b, { padding: c.padding, stride: c.stride, dilation: c.dilation });
    case 'conv2d':
      return conv2d(c.x, c.w, c.b, { padding: c.padding, stride: c.stride, dilation: c.dilation });
    case 'maxPool1d':
      return maxPool1d(c.x, { size: c.size!, stride: c.stride, padding: c.padding });
    case 'maxPool2d':
      return maxPool2d(c.x, { size: c.size!, stride: c.stride, padding: c.padding });
  }
}

describe('math core against the PyTorch reference', () => {
  // The SHA-256 of shared/reference/conv-reference.json as the team published it: the committed copy
  // must be that file, byte for byte, whether or not shared/ sits beside this clone.
  const REFERENCE_SHA256 = 'f7f38f29f0a831c1bd99ae7248c1e8d29d73e5e2309821af93cf93bf8e346aa1';
  it('keeps the committed copy identical to shared/reference (pinned by its SHA-256)', () => {
    const copy = readFileSync(copiedReferencePath);
    expect(createHash('sha256').update(copy).digest('hex')).toBe(REFERENCE_SHA256);
    if (existsSync(sharedReferencePath)) expect(createHash('sha256').update(readFileSync(sharedReferencePath)).digest('hex')).toBe(REFERENCE_SHA256);
    expect(JSON.parse(copy.toString('utf8')).cases.length).toBe(reference.cases.length);
  });

  it('has cases of every op', () => {
    expect(new Set(reference.cases.map((c) => c.op))).toEqual(new Set(['conv1d', 'conv2d', 'maxPool1d', 'maxPool2d']));
  });
  reference.cases.forEach((c, i) => {
    it(`case ${i}: ${c.op} padding ${c.padding} stride ${c.stride} dilation ${c.dilation ?? '-'} size ${c.size ?? '-'}`, () => {
      const y = runPure(c);
      expect(maxAbsDiff(y, c.y)).toBeLessThan(1e-4);
    });
  });
  reference.outputSize.forEach((c) => {
    it(`outputSize(${c.n}, ${c.k}, p ${c.padding}, s ${c.stride}, d ${c.dilation}) = ${c.out}`, () => {
      expect(outputSize(c.n, c.k, { padding: c.padding, stride: c.stride, dilation: c.dilation })).toBe(c.out);
    });
  });
  reference.paramCount.forEach((c) => {
    it(`convParamCount ${JSON.stringify(c.kernelSize)} ${c.inChannels}→${c.outChannels} bias ${c.bias} = ${c.count}`, () => {
      expect(convParamCount(c)).toBe(c.count);
    });
  });
});

describe('LeNet-5 parameter count', () => {
  it('is 156 + 2,416 + 48,120 + 10,164 + 850 = 61,706', () => {
    const perLayer = [
      convParamCount({ inChannels: 1, outChannels: 6, kernelSize: [5, 5] }),
      convParamCount({ inChannels: 6, outChannels: 16, kernelSize: [5, 5] }),
      convParamCount({ inChannels: 16, outChannels: 120, kernelSize: [5, 5] }),
      denseParamCount(120, 84),
      denseParamCount(84, 10),
    ];
    expect(perLayer).toEqual(reference.lenet5.perLayer);
    expect(perLayer).toEqual([156, 2416, 48120, 10164, 850]);
    expect(perLayer.reduce((a, b) => a + b)).toBe(61706);
    expect(reference.lenet5.total).toBe(61706);
  });
});

describe('small worked examples', () => {
  it('computes the lecture formula y[n] = Σ x[n+m]·w[m] + b', () => {
    expect(conv1d([[1, 3, 2, 0]], [[[0.5, -1, 0.25]]], [0])).toEqual([[-2, -0.5]]);
    expect(conv1d([[1, 3, 2, 0]], [[[0.5, -1, 0.25]]], [1])).toEqual([[-1, 0.5]]);
    expect(conv1d([[1, 3, 2, 0]], [[[0.5, -1, 0.25]]])).toEqual([[-2, -0.5]]);
  });
  it('pads with zeros, strides and dilates', () => {
    expect(conv1d([[1, 2, 3]], [[[1, 1]]], null, { padding: 1 })).toEqual([[1, 3, 5, 3]]);
    expect(conv1d([[1, 2, 3, 4, 5]], [[[1, 1]]], null, { stride: 2 })).toEqual([[3, 7]]);
    expect(conv1d([[1, 2, 3, 4, 5]], [[[1, 1]]], null, { dilation: 3 })).toEqual([[5, 7]]);
  });
  it('true convolution flips the kernel', () => {
    expect(flipKernel1d([[[1, 2, 3]]])).toEqual([[[3, 2, 1]]]);
    expect(convolve1d([[1, 3, 2, 0]], [[[0.5, -1, 0.25]]])).toEqual(conv1d([[1, 3, 2, 0]], [[[0.25, -1, 0.5]]]));
  });
  it('max-pools with −∞ padding', () => {
    expect(maxPool1d([[-1, -5, -2, -7]], { size: 2, padding: 1 })).toEqual([[-1, -2, -7]]);
    expect(maxPool1d([[1, 5, 2, 7, 3]], { size: 2 })).toEqual([[5, 7]]);
    expect(maxPool2d([[[1, 2], [3, 4]]], { size: 2 })).toEqual([[[4]]]);
  });
  it('traces each output as products and a sum', () => {
    const { traces, plan } = traceConv1d([[1, 3, 2, 0]], [[[0.5, -1, 0.25]]], [0.5], { padding: 1 });
    expect(plan.nOut).toBe(4);
    const t = traces[0][0];
    expect(t.taps.map((tp) => [tp.index, tp.padded, tp.product])).toEqual([[-1, true, 0], [0, false, -1], [1, false, 0.75]]);
    expect(t.sum).toBe(-0.25);
    expect(t.y).toBe(0.25);
    const pool = traceMaxPool1d([[1, 5, 2, 7, 3]], { size: 3, stride: 2 });
    expect(pool.traces[0].map((p) => [p.indices, p.winner, p.y])).toEqual([[[0, 1, 2], 1, 5], [[2, 3, 4], 3, 7]]);
  });
  it('activations', () => {
    expect(activate('relu', [[-1, 2]])).toEqual([[0, 2]]);
    expect(activate('leakyRelu', [[-1, 2]])).toEqual([[-0.1, 2]]);
    expect(activate('sigmoid', [[0]])).toEqual([[0.5]]);
    expect(activate('tanh', [[0]])).toEqual([[0]]);
    expect(ACTIVATION_NAMES).toContain('linear');
  });
});

describe('invalid arguments throw a RangeError naming the argument', () => {
  const x = [[1, 2, 3, 4]];
  const w = [[[1, 1]]];
  const cases: [string, () => unknown, RegExp][] = [
    ['non-integer padding', () => conv1d(x, w, null, { padding: 1.5 }), /conv1d: padding must be an integer, got 1.5/],
    ['negative padding', () => conv1d(x, w, null, { padding: -1 }), /conv1d: padding must not be negative, got -1/],
    ['zero stride', () => conv1d(x, w, null, { stride: 0 }), /conv1d: stride must be at least 1, got 0/],
    ['non-integer dilation', () => conv1d(x, w, null, { dilation: 2.5 }), /conv1d: dilation must be an integer/],
    ['kernel does not fit', () => conv1d(x, [[[1, 1, 1, 1, 1]]]), /conv1d: w does not fit: it has size 5 but the padded input has only 4/],
    ['dilated kernel does not fit', () => conv1d(x, w, null, { dilation: 4 }), /conv1d: w does not fit: it spans 5 samples \(size 2, dilation 4\)/],
    ['ragged x', () => conv1d([[1, 2, 3], [1, 2]], [[[1], [1]]]), /conv1d: x\[1\] has length 2 but x expects 3 here \(ragged array\)/],
    ['ragged w', () => conv1d(x, [[[1, 1]], [[1]]]), /conv1d: w\[1\]\[0\] has length 1 .*ragged/],
    ['channel mismatch', () => conv1d([[1, 2], [3, 4]], w), /conv1d: w has 1 input channel per kernel but x has 2 \(channel mismatch/],
    ['bias length', () => conv1d(x, w, [1, 2]), /conv1d: b has 2 entries but w has 1 output channels/],
    ['non-number in x', () => conv1d([[1, Number.NaN, 3]], w), /conv1d: x\[0\]\[1\] must be a finite number, got NaN/],
    ['empty x', () => conv1d([], w), /conv1d: x must not be empty/],
    ['flat x', () => conv1d([1, 2, 3] as unknown as number[][], w), /conv1d: x must be a 2-dimensional nested array/],
    ['conv2d pair', () => conv2d([[[1, 2], [3, 4]]], [[[[1]]]], null, { stride: [1, 0] }), /conv2d: stride\[1\] must be at least 1, got 0/],
    ['conv2d fit', () => conv2d([[[1, 2], [3, 4]]], [[[[1, 1, 1]]]]), /conv2d: w \(columns\) does not fit/],
    ['conv2d channel mismatch', () => conv2d([[[1]], [[2]]], [[[[1]]]]), /conv2d: w has 1 input channel per kernel but x has 2/],
    ['pool size', () => maxPool1d(x, { size: 5 }), /maxPool1d: size does not fit/],
    ['pool size 0', () => maxPool1d(x, { size: 0 }), /maxPool1d: size must be at least 1, got 0/],
    ['pool padding', () => maxPool1d(x, { size: 2, padding: 2 }), /maxPool1d: padding must be at most half the pool size/],
    ['pool2d ragged', () => maxPool2d([[[1, 2], [3]]], { size: 1 }), /maxPool2d: x\[0\]\[1\] has length 1 .*ragged/],
    ['outputSize n', () => outputSize(0, 1), /outputSize: n must be at least 1, got 0/],
    ['outputSize stride', () => outputSize(5, 1, { stride: 1.2 }), /outputSize: stride must be an integer, got 1.2/],
    ['paramCount channels', () => convParamCount({ inChannels: 0, outChannels: 1, kernelSize: 3 }), /convParamCount: inChannels must be at least 1/],
    ['paramCount kernel', () => convParamCount({ inChannels: 1, outChannels: 1, kernelSize: [3, -1] }), /convParamCount: kernelSize\[1\] must be at least 1, got -1/],
    ['activation', () => activate('swish' as never, [[1]]), /activate: name must be one of/],
  ];
  for (const [name, fn, message] of cases) {
    it(name, () => {
      expect(fn).toThrow(RangeError);
      expect(fn).toThrow(message);
    });
  }
});

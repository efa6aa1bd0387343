// The tfjs path (cpu backend) against the reference and the pure core; the copyable call strings run as written.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { conv1d, conv2d, maxPool1d, convParamCount, denseParamCount } from '../../src/lib/conv';
import { tfConv1d, tfConv2d, tfMaxPool1d, tfMaxPool2d } from '../../src/lib/conv/tf';
import { conv1dCall, conv2dCall, conv1dLayerCall, maxPool1dCall } from '../../src/lib/conv/tf-call';
import { maxAbsDiff, reference, type RefCase } from './conv-reference';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

function runTf(c: RefCase): unknown {
  switch (c.op) {
    case 'conv1d':
      return tfConv1d(tf, c.x, c.w, c.b, { padding: c.padding, stride: c.stride, dilation: c.dilation });
    case 'conv2d':
      return tfConv2d(tf, c.x, c.w, c.b, { padding: c.padding, stride: c.stride, dilation: c.dilation });
    case 'maxPool1d':
      return tfMaxPool1d(tf, c.x, { size: c.size!, stride: c.stride, padding: c.padding });
    case 'maxPool2d':
      return tfMaxPool2d(tf, c.x, { size: c.size!, stride: c.stride, padding: c.padding });
  }
}

/** Runs a call string with `tf` in scope and returns `y` back in channels-first layout. */
function evalCall(code: string, layout: 'ncw' | 'nchw' | 'pool1d'): unknown {
  const y = new Function('tf', `${code}\nreturn y;`)(tf) as tf.Tensor;
  const out = layout === 'ncw' ? tf.transpose(tf.squeeze(y, [0])) : layout === 'nchw' ? tf.transpose(tf.squeeze(y, [0]), [2, 0, 1]) : tf.transpose(tf.squeeze(y, [0, 1]));
  const arr = out.arraySync();
  tf.dispose([y, out]);
  return arr;
}

describe('tfjs path against the PyTorch reference', () => {
  reference.cases.forEach((c, i) => {
    it(`case ${i}: ${c.op} padding ${c.padding} stride ${c.stride} dilation ${c.dilation ?? '-'}`, () => {
      const before = tf.memory().numTensors;
      expect(maxAbsDiff(runTf(c), c.y)).toBeLessThan(1e-4);
      expect(tf.memory().numTensors).toBe(before);
    });
  });
});

describe('call strings are the exact tfjs code', () => {
  reference.cases.forEach((c, i) => {
    if (c.op === 'conv1d') {
      it(`conv1d case ${i}`, () => {
        const code = conv1dCall(c.x, c.w, c.b, { padding: c.padding, stride: c.stride, dilation: c.dilation });
        expect(code).toContain('tf.conv1d(');
        expect(maxAbsDiff(evalCall(code, 'ncw'), c.y)).toBeLessThan(1e-4);
      });
    } else if (c.op === 'conv2d') {
      it(`conv2d case ${i}`, () => {
        const code = conv2dCall(c.x, c.w, c.b, { padding: c.padding, stride: c.stride, dilation: c.dilation });
        expect(maxAbsDiff(evalCall(code, 'nchw'), c.y)).toBeLessThan(1e-4);
      });
    } else if (c.op === 'maxPool1d') {
      it(`maxPool1d case ${i}`, () => {
        const code = maxPool1dCall(c.x, { size: c.size!, stride: c.stride, padding: c.padding });
        expect(maxAbsDiff(evalCall(code, 'pool1d'), c.y)).toBeLessThan(1e-4);
      });
    }
  });
  it('shows padding, stride and dilation literally', () => {
    const code = conv1dCall([[1, 3, 2, 0, 4]], [[[0.5, -1]]], [0.25], { padding: 1, stride: 2, dilation: 2 });
    expect(code).toContain("tf.conv1d(tf.pad(x, [[0, 0], [1, 1], [0, 0]]), w, 1, 'valid', 'NWC', 2)");
    expect(code).toContain('tf.add(tf.stridedSlice(full, [0, 0, 0], full.shape, [1, 2, 1]), tf.tensor1d([0.25]))');
    expect(conv1dCall([[1, 3, 2]], [[[0.5, -1]]])).toContain("tf.conv1d(x, w, 1, 'valid', 'NWC', 1);");
    expect(maxAbsDiff(evalCall(code, 'ncw'), conv1d([[1, 3, 2, 0, 4]], [[[0.5, -1]]], [0.25], { padding: 1, stride: 2, dilation: 2 }))).toBeLessThan(1e-6);
  });
  it('pools with −∞ padding', () => {
    const x = [[-1, -5, -2, -7]];
    const code = maxPool1dCall(x, { size: 2, padding: 1 });
    expect(code).toContain('-Infinity');
    expect(evalCall(code, 'pool1d')).toEqual(maxPool1d(x, { size: 2, padding: 1 }));
    expect(tfMaxPool1d(tf, x, { size: 2, padding: 1 })).toEqual([[-1, -2, -7]]);
  });
  it('conv2d with different row and column settings', () => {
    const x = [[[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]];
    const w = [[[[1, -1], [0.5, 2]]]];
    const opts = { padding: [1, 0] as [number, number], stride: [2, 1] as [number, number], dilation: [1, 2] as [number, number] };
    const code = conv2dCall(x, w, [0.5], opts);
    expect(maxAbsDiff(evalCall(code, 'nchw'), conv2d(x, w, [0.5], opts))).toBeLessThan(1e-5);
    expect(maxAbsDiff(tfConv2d(tf, x, w, [0.5], opts), conv2d(x, w, [0.5], opts))).toBeLessThan(1e-5);
  });
});

describe('tfjs path rejects bad input like the pure core', () => {
  it('names the argument', () => {
    expect(() => tfConv1d(tf, [[1, 2]], [[[1, 1, 1]]])).toThrow(/tfConv1d: w does not fit/);
    expect(() => tfMaxPool1d(tf, [[1, 2]], { size: 3 })).toThrow(RangeError);
    expect(() => tfConv2d(tf, [[[1]]], [[[[1]]]], null, { padding: -1 })).toThrow(/tfConv2d: padding must not be negative/);
  });
});

describe('parameter counts equal tfjs layers countParams()', () => {
  it('a 1D conv layer: C_in·C_out·K + C_out', () => {
    for (const [cin, cout, k] of [[1, 1, 3], [3, 8, 5], [2, 4, 7]]) {
      const layer = tfl.layers.conv1d({ filters: cout, kernelSize: k, inputShape: [16, cin] });
      const model = tfl.sequential({ layers: [layer] });
      expect(model.countParams()).toBe(convParamCount({ inChannels: cin, outChannels: cout, kernelSize: k }));
      model.dispose();
    }
    expect(conv1dLayerCall(2, 3, 5, 16)).toBe('tf.layers.conv1d({ filters: 3, kernelSize: 5, useBias: true, inputShape: [16, 2] })');
  });
  it('LeNet-5 built in tfjs has 61,706 parameters, layer by layer', () => {
    const model = tfl.sequential({
      layers: [
        tfl.layers.conv2d({ filters: 6, kernelSize: 5, padding: 'same', activation: 'relu', inputShape: [28, 28, 1] }),
        tfl.layers.maxPooling2d({ poolSize: 2, strides: 2 }),
        tfl.layers.conv2d({ filters: 16, kernelSize: 5, activation: 'relu' }),
        tfl.layers.maxPooling2d({ poolSize: 2, strides: 2 }),
        tfl.layers.conv2d({ filters: 120, kernelSize: 5, activation: 'relu' }),
        tfl.layers.flatten(),
        tfl.layers.dense({ units: 84, activation: 'relu' }),
        tfl.layers.dense({ units: 10 }),
      ],
    });
    const withParams = model.layers.map((l) => l.countParams()).filter((n) => n > 0);
    expect(withParams).toEqual([
      convParamCount({ inChannels: 1, outChannels: 6, kernelSize: [5, 5] }),
      convParamCount({ inChannels: 6, outChannels: 16, kernelSize: [5, 5] }),
      convParamCount({ inChannels: 16, outChannels: 120, kernelSize: [5, 5] }),
      denseParamCount(120, 84),
      denseParamCount(84, 10),
    ]);
    expect(withParams).toEqual(reference.lenet5.perLayer);
    expect(model.countParams()).toBe(61706);
    expect(model.outputs[0].shape).toEqual([null, 10]);
    model.dispose();
  });
});

// LeNet-5 model and training loop on tfjs's wasm backend (with our gradient kernels) in Node.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTf, type TF } from '../../src/lib/tfjs/backends';
import {
  createModel, disposeModel, forwardAll, getWeights, initialWeights, layerParamCounts, setWeights,
  LENET_PARAM_COUNT, LENET_SPECS, specSize,
} from '../../src/lib/lenet/model';
import { train } from '../../src/lib/lenet/train';
import { evaluate, featureMaps, predict } from '../../src/lib/lenet/evaluate';
import { decodeWeightsFile, encodeWeightsFile } from '../../src/lib/lenet/weights-file';
import { nodeMnist } from './lenet-mnist';

let tf: TF;
beforeAll(async () => {
  tf = await loadTf({ backends: ['wasm', 'cpu'] });
  expect(await tf.setBackend('wasm')).toBe(true);
});

describe('LeNet-5 model', () => {
  it('has the workshop parameter counts', () => {
    expect(LENET_PARAM_COUNT).toBe(61706);
    expect(layerParamCounts()).toEqual([156, 2416, 48120, 10164, 850]);
  });

  it('gives C1 6@28×28, C3 16@10×10 and 10 logits', () => {
    const m = createModel(tf, 0);
    const a = tf.tidy(() => {
      const r = forwardAll(m, tf.zeros([3, 28, 28, 1]));
      return [r.c1.shape, r.c3.shape, r.logits.shape];
    });
    expect(a).toEqual([[3, 28, 28, 6], [3, 10, 10, 16], [3, 10]]);
    disposeModel(m);
  });

  it('initialises like PyTorch: U(±1/√fan_in), reproducible per seed', () => {
    const w = initialWeights(7);
    expect(initialWeights(7)).toEqual(w);
    expect(initialWeights(8)).not.toEqual(w);
    const fanIns = [25, 25, 150, 150, 400, 400, 120, 120, 84, 84];
    let off = 0;
    LENET_SPECS.forEach((s, i) => {
      const n = specSize(s);
      const part = w.subarray(off, off + n);
      const bound = 1 / Math.sqrt(fanIns[i]);
      const maxAbs = part.reduce((a, v) => Math.max(a, Math.abs(v)), 0);
      expect(maxAbs).toBeLessThanOrEqual(bound);
      if (n > 100) expect(maxAbs).toBeGreaterThan(0.9 * bound);
      off += n;
    });
  });

  it('computes the same gradients on wasm as on cpu', async () => {
    const { train: src } = nodeMnist();
    const x = Float32Array.from(src.images.subarray(0, 16 * 784), (v) => v / 255);
    const labels = Array.from(src.labels.subarray(0, 16));
    const gradsOn = async (backend: string) => {
      await tf.setBackend(backend);
      const m = createModel(tf, 3);
      const g = tf.tidy(() => {
        const xs = tf.tensor4d(x, [16, 28, 28, 1]);
        const ys = tf.oneHot(tf.tensor1d(labels, 'int32'), 10).toFloat() as import('@tensorflow/tfjs-core').Tensor2D;
        const { crossEntropy, forward } = modelFns;
        const { grads } = tf.variableGrads(() => crossEntropy(tf, forward(m, xs), ys), m.vars);
        return m.vars.map((v) => grads[v.name].dataSync().slice());
      });
      disposeModel(m);
      return g;
    };
    const cpu = await gradsOn('cpu');
    const wasm = await gradsOn('wasm');
    cpu.forEach((g, i) => {
      const scale = Math.max(1e-3, ...Array.from(g, Math.abs));
      const diff = Math.max(...Array.from(g, (v, j) => Math.abs(v - wasm[i][j])));
      expect(diff / scale, LENET_SPECS[i].name).toBeLessThan(1e-4);
    });
  });

  it('round-trips weights through the download file format', async () => {
    const m = createModel(tf, 1);
    const w = await getWeights(m);
    const back = decodeWeightsFile(encodeWeightsFile(w));
    expect(back.data).toEqual(w.data);
    expect(back.info.source).toBe('initial');
    const other = createModel(tf, 2);
    setWeights(other, back);
    expect((await getWeights(other)).data).toEqual(w.data);
    expect(() => decodeWeightsFile(new Uint8Array(20))).toThrow(/LENET5W1/);
    disposeModel(m);
    disposeModel(other);
  });
});

const modelFns = await import('../../src/lib/lenet/model');

describe('training loop', () => {
  it('200 steps at α = 0.1 bring the loss below 0.5', async () => {
    const { data, test } = nodeMnist();
    const m = createModel(tf, 0);
    const t0 = performance.now();
    const r = await train(m, data, { alpha: 0.1, epochs: 1, maxSteps: 200, seed: 0 });
    const ms = performance.now() - t0;
    console.log(`200 steps in ${(ms / 1000).toFixed(1)} s = ${Math.round((200 * 64) / (ms / 1000))} img/s (incl. 2 validations)`);
    expect(r.steps).toBe(200);
    expect(r.trainLosses).toHaveLength(200);
    expect(r.valSteps).toEqual([0, 100]);
    const last = r.trainLosses.slice(-20).reduce((a, b) => a + b, 0) / 20;
    expect(r.trainLosses[0]).toBeGreaterThan(2);
    expect(last).toBeLessThan(0.5);
    expect(r.valLosses[1]).toBeLessThan(r.valLosses[0]);
    const ev = await evaluate(m, test.images.subarray(0, 1000 * 784), test.labels.subarray(0, 1000));
    expect(ev.testError).toBeLessThan(0.2);
    const p = await predict(m, Float32Array.from(test.images.subarray(0, 2 * 784), (v) => v / 255), 2);
    expect(p.probabilities).toHaveLength(20);
    expect(p.classes).toEqual(Array.from(ev.predictions.subarray(0, 2)));
    const fm = await featureMaps(m, Float32Array.from(test.images.subarray(0, 784), (v) => v / 255));
    expect([fm.c1.data.length, fm.c3.data.length]).toEqual([6 * 784, 16 * 100]);
    expect(Math.min(...fm.c1.data)).toBeGreaterThanOrEqual(0);
    disposeModel(m);
  });

  it('leaks no tensors across epochs', async () => {
    const { data } = nodeMnist();
    const small = { ...data, trainIndices: data.trainIndices.slice(0, 320), validationIndices: data.validationIndices.slice(0, 64) };
    const m = createModel(tf, 0);
    const counts: number[] = [];
    await train(m, small, { alpha: 0.1, epochs: 3, runValidationEvery: 2, onEpochEnd: () => void counts.push(tf.memory().numTensors) });
    expect(counts).toHaveLength(3);
    expect(new Set(counts).size).toBe(1);
    disposeModel(m);
  });

  it('stops within one batch of an abort', async () => {
    const { data } = nodeMnist();
    const m = createModel(tf, 0);
    const ctrl = new AbortController();
    const before = tf.memory().numTensors;
    const r = await train(m, data, {
      alpha: 0.1, epochs: 1, signal: ctrl.signal,
      onStep: ({ step }) => { if (step === 5) ctrl.abort(); },
    });
    expect(r.stopped).toBe(true);
    expect(r.steps).toBe(5);
    expect(tf.memory().numTensors).toBe(before);
    disposeModel(m);
  });

  it('resumes mid-epoch with the same batches as an uninterrupted run', async () => {
    const { data } = nodeMnist();
    const small = { ...data, trainIndices: data.trainIndices.slice(0, 640), validationIndices: data.validationIndices.slice(0, 64) };
    const a = createModel(tf, 4);
    const full = await train(a, small, { alpha: 0.05, epochs: 2, seed: 3 });
    const b = createModel(tf, 4);
    const ctrl = new AbortController();
    const part = await train(b, small, { alpha: 0.05, epochs: 2, seed: 3, signal: ctrl.signal, onStep: ({ step }) => { if (step === 13) ctrl.abort(); } });
    const rest = await train(b, small, { alpha: 0.05, epochs: 2, seed: 3, startStep: part.steps, history: part });
    expect(rest.steps).toBe(full.steps);
    expect(rest.valSteps).toEqual(full.valSteps);
    rest.trainLosses.forEach((l, i) => expect(l).toBeCloseTo(full.trainLosses[i], 4));
    disposeModel(a);
    disposeModel(b);
  });
});

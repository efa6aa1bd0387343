// LeNet-5 model and training loop on tfjs's wasm backend (with our gradient kernels) in Node.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTf, type TF } from '../../src/lib/tfjs/backends';
import {
  createModel, disposeModel, forwardAll, getWeights, initialWeights, layerParamCounts, setWeights,
  LENET_PARAM_COUNT, LENET_SPECS, specSize,
} from '../../src/lib/lenet/model';
import { meanLoss, train } from '../../src/lib/lenet/train';
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
        return m.vars.map((v) => Float32Array.from(grads[v.name].dataSync()));
      });
      disposeModel(m);
      return g;
    };
    let cpu: Float32Array[];
    try {
      cpu = await gradsOn('cpu');
    } finally {
      await tf.setBackend('wasm');
    }
    const wasm = await gradsOn('wasm');
    cpu.forEach((g, i) => {
      const scale = Math.max(1e-3, ...Array.from(g, Math.abs));
      const diff = Math.max(...Array.from(g, (v, j) => Math.abs(v - wasm[i][j])));
      expect(diff / scale, LENET_SPECS[i].name).toBeLessThan(1e-4);
    });
  });

  it('fused conv/dense layers have the gradients of the plain ops (cpu)', async () => {
    await tf.setBackend('cpu');
    try {
      const { conv2dBiasRelu, denseBias } = await import('../../src/lib/lenet/conv-relu');
      const close = (a: import('@tensorflow/tfjs-core').Tensor, b: import('@tensorflow/tfjs-core').Tensor) => {
        const d = tf.max(tf.abs(tf.sub(a, b))).dataSync()[0];
        expect(d).toBeLessThan(1e-4);
      };
      tf.tidy(() => {
        const x = tf.randomNormal([3, 9, 9, 2], 0, 1, 'float32', 1) as import('@tensorflow/tfjs-core').Tensor4D;
        const w = tf.randomNormal([5, 5, 2, 4], 0, 0.3, 'float32', 2) as import('@tensorflow/tfjs-core').Tensor4D;
        const b = tf.randomNormal([4], 0, 0.3, 'float32', 3) as import('@tensorflow/tfjs-core').Tensor1D;
        const r = tf.randomNormal([3, 9, 9, 4], 0, 1, 'float32', 4);
        const mine = tf.grads((xx, ww, bb) => tf.sum(tf.mul(conv2dBiasRelu(tf, xx as never, ww as never, bb as never, 2), r)))([x, w, b]);
        const plain = tf.grads((xx, ww, bb) => tf.sum(tf.mul(tf.relu(tf.add(tf.conv2d(xx as never, ww as never, 1, 2), bb)), r)))([x, w, b]);
        mine.forEach((g, i) => close(g, plain[i]));
        const a = tf.randomNormal([6, 7], 0, 1, 'float32', 5) as import('@tensorflow/tfjs-core').Tensor2D;
        const dw = tf.randomNormal([7, 5], 0, 0.5, 'float32', 6) as import('@tensorflow/tfjs-core').Tensor2D;
        const db = tf.randomNormal([5], 0, 0.5, 'float32', 7) as import('@tensorflow/tfjs-core').Tensor1D;
        const rr = tf.randomNormal([6, 5], 0, 1, 'float32', 8);
        for (const relu of [true, false]) {
          const m2 = tf.grads((aa, ww, bb) => tf.sum(tf.mul(denseBias(tf, aa as never, ww as never, bb as never, relu), rr)))([a, dw, db]);
          const p2 = tf.grads((aa, ww, bb) => {
            const z = tf.add(tf.matMul(aa as never, ww as never), bb);
            return tf.sum(tf.mul(relu ? tf.relu(z) : z, rr));
          })([a, dw, db]);
          m2.forEach((g, i) => close(g, p2[i]));
        }
      });
    } finally {
      await tf.setBackend('wasm');
    }
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
    expect(r.trainLosses[0]).toBeGreaterThan(2);
    expect(r.valLosses[1]).toBeLessThan(r.valLosses[0]);
    // The loss on the 1,024 validation images after the 200th step (a single batch's loss is noisy).
    const val = await meanLoss(m, data.source, data.validationIndices);
    expect(val).toBeLessThan(0.5);
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
    const small = { ...data, trainIndices: Array.from(data.trainIndices).slice(0, 320), validationIndices: Array.from(data.validationIndices).slice(0, 64) };
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
    const small = { ...data, trainIndices: Array.from(data.trainIndices).slice(0, 640), validationIndices: Array.from(data.validationIndices).slice(0, 64) };
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

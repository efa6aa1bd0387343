// LeNet-5 model and training loop on tfjs's wasm backend (with our gradient kernels) in Node.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTf, type TF } from '../../src/lib/tfjs/backends';
import {
  createModel, disposeModel, forwardAll, getWeights, initialWeights, layerParamCounts, setWeights,
  LENET_PARAM_COUNT, LENET_SPECS, specSize,
} from '../../src/lib/lenet/model';
import { notebookLoaders } from '../../src/lib/lenet/reference';
import { Conv2d, CrossEntropyLoss, EndRun, Linear, SGD, backward, manualSeed, seeded, train, useTf, validationLoss, type RunControl, type TrainLists } from '../../src/lib/torchlike';
import { LeNet5, LENET5_LAYERS } from '../../src/lib/lenet/lenet5';
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

  it('builds the model from the one layer table, with PyTorch-style initialisation from the seed', async () => {
    const m = createModel(tf, 7);
    expect(m.parameterCount()).toBe(61706);
    expect(m.namedParameters().map(([n]) => n)).toEqual(
      LENET5_LAYERS.filter((l) => l.kind !== 'pool').flatMap((l) => [`${l.field}.weight`, `${l.field}.bias`]),
    );
    expect((await getWeights(m)).data).toEqual(initialWeights(7));
    // manualSeed makes the notebook's own new LeNet5() reproducible, and seeded() leaves it alone.
    manualSeed(11);
    const a = new LeNet5();
    seeded(3, () => new LeNet5()).dispose();
    const b = new LeNet5();
    manualSeed(11);
    const a2 = new LeNet5();
    expect((await getWeights(a2)).data).toEqual((await getWeights(a)).data);
    expect((await getWeights(b)).data).not.toEqual((await getWeights(a)).data);
    // Spread per layer: uniform on ±1/√fan_in has standard deviation bound/√3.
    const w = (await getWeights(a)).data;
    let off = 0;
    for (const s of LENET_SPECS) {
      const n = specSize(s);
      const part = w.subarray(off, off + n);
      const bound = 1 / Math.sqrt(s.shape.length === 1 ? LENET_SPECS[LENET_SPECS.indexOf(s) - 1].shape.slice(0, -1).reduce((x, y) => x * y, 1) : s.shape.slice(0, -1).reduce((x, y) => x * y, 1));
      const mean = part.reduce((x, y) => x + y, 0) / n;
      const sd = Math.sqrt(part.reduce((x, y) => x + (y - mean) ** 2, 0) / n);
      expect(Math.max(...Array.from(part, Math.abs)), s.name).toBeLessThanOrEqual(bound);
      if (n >= 400) {
        expect(Math.abs(mean), s.name).toBeLessThan(0.15 * bound);
        expect(sd / (bound / Math.sqrt(3)), s.name).toBeGreaterThan(0.9);
        expect(sd / (bound / Math.sqrt(3)), s.name).toBeLessThan(1.1);
      }
      off += n;
    }
    [m, a, b, a2].forEach(disposeModel);
  });

  it('rejects layer options that make no sense, in words', () => {
    expect(() => new Conv2d({ inChannels: 1, outChannels: 0, kernelSize: 5 })).toThrow(/outChannels must be a whole number ≥ 1/);
    expect(() => new Conv2d({ inChannels: 1, outChannels: 2, kernelSize: 3, padding: -1 })).toThrow(/padding/);
    expect(() => new Linear({ inFeatures: 3, outFeatures: 2, activation: 'tanh' as never })).toThrow(/activation/);
    expect(() => new SGD([], 0.1)).toThrow(/no parameters/);
  });

  it('zeroGrad, backward, step is one SGD update: w ← w − α·∇w, gradients added until zeroGrad', async () => {
    const lin = seeded(1, () => new Linear({ inFeatures: 3, outFeatures: 2 }));
    const x = tf.tensor2d([[1, 2, 3], [0, -1, 1]]);
    const y = tf.tensor1d([1, 0], 'int32');
    const lossFunc = new CrossEntropyLoss();
    const [w0] = [lin.weight.arraySync() as number[][]];
    const { grads } = tf.variableGrads(() => lossFunc.forward(lin.forward(x), y), [lin.weight]);
    const g = grads[lin.weight.name].arraySync() as number[][];
    tf.dispose(Object.values(grads));
    const opt = new SGD(lin.parameters(), 0.5);
    opt.zeroGrad();
    const loss = backward(() => lossFunc.forward(lin.forward(x), y));
    opt.step();
    expect(await loss.item()).toBeGreaterThan(0);
    const w1 = lin.weight.arraySync() as number[][];
    w1.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(w0[i][j] - 0.5 * g[i][j], 5)));
    // Two backward passes without zeroGrad: the step uses the sum of both gradients.
    backward(() => lossFunc.forward(lin.forward(x), y));
    backward(() => lossFunc.forward(lin.forward(x), y));
    const before = lin.weight.arraySync() as number[][];
    const { grads: g2 } = tf.variableGrads(() => lossFunc.forward(lin.forward(x), y), [lin.weight]);
    const gg = g2[lin.weight.name].arraySync() as number[][];
    tf.dispose(Object.values(g2));
    opt.step();
    const after = lin.weight.arraySync() as number[][];
    after.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(before[i][j] - 0.5 * 2 * gg[i][j], 5)));
    tf.dispose([x, y]);
    lin.dispose();
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
    const x = Float32Array.from(src.images.unpack(0, 16), (v) => v / 255);
    const labels = Array.from(src.labels.subarray(0, 16));
    const gradsOn = async (backend: string) => {
      await tf.setBackend(backend);
      const m = createModel(tf, 3);
      const g = tf.tidy(() => {
        const xs = tf.tensor4d(x, [16, 28, 28, 1]);
        const ys = tf.oneHot(tf.tensor1d(labels, 'int32'), 10).toFloat() as import('@tensorflow/tfjs-core').Tensor2D;
        const { crossEntropy, forward } = modelFns;
        const { grads } = tf.variableGrads(() => crossEntropy(tf, forward(m, xs), ys), m.parameters());
        return m.parameters().map((v) => Float32Array.from(grads[v.name].dataSync()));
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
      const { conv2dBiasRelu, denseBias } = await import('../../src/lib/torchlike/fused-ops');
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
    const w = await getWeights(m, { source: 'initial', steps: 0, epochs: 0, savedAt: '2026-11-30T00:00:00Z' });
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

/** The notebook's loaders over (a part of) the real split. */
function loaders(trainCount?: number, validationCount?: number, seed = 0) {
  const { data } = nodeMnist();
  return notebookLoaders({
    ...data,
    trainIndices: trainCount ? Array.from(data.trainIndices).slice(0, trainCount) : data.trainIndices,
    validationIndices: validationCount ? Array.from(data.validationIndices).slice(0, validationCount) : data.validationIndices,
  }, 64, seed);
}

/** A run control that ends the run after `limit` steps and calls `each` after every step. */
function control(lists: () => TrainLists, limit: number, each?: (step: number) => void, startStep = 0): RunControl {
  return {
    startStep,
    stepDone: () => {
      const step = lists().lossTrainList.length;
      each?.(step);
      if (step >= limit) throw new EndRun('limit');
    },
  };
}

describe('training loop', () => {
  it('200 steps at α = 0.1 bring the loss below 0.5', async () => {
    const { test } = nodeMnist();
    const { train: l, validation } = loaders();
    const m = createModel(tf, 0);
    const t0 = performance.now();
    const lists: TrainLists = { lossTrainList: [], lossValidationList: [], validationSteps: [] };
    const r = await train(m, 0.1, 1, l, validation, { lists, control: control(() => lists, 200) });
    const ms = performance.now() - t0;
    console.log(`200 steps in ${(ms / 1000).toFixed(1)} s = ${Math.round((200 * 64) / (ms / 1000))} img/s (incl. 2 validations)`);
    expect(r.lossTrainList).toHaveLength(200);
    expect(r.validationSteps).toEqual([0, 100]);
    expect(r.lossTrainList[0]).toBeGreaterThan(2);
    expect(r.lossValidationList[1]).toBeLessThan(r.lossValidationList[0]);
    // The loss on the 1,024 validation images after the 200th step (a single batch's loss is noisy).
    expect(await validationLoss(m, validation)).toBeLessThan(0.5);
    const ev = await evaluate(m, test.images.pick(Array.from({ length: 1000 }, (_, i) => i)), test.labels.subarray(0, 1000));
    expect(ev.testError).toBeLessThan(0.2);
    const p = await predict(m, Float32Array.from(test.images.unpack(0, 2), (v) => v / 255), 2);
    expect(p.probabilities).toHaveLength(20);
    expect(p.classes).toEqual(Array.from(ev.predictions.subarray(0, 2)));
    const fm = await featureMaps(m, Float32Array.from(test.images.unpack(0, 1), (v) => v / 255));
    expect([fm.c1.data.length, fm.c3.data.length]).toEqual([6 * 784, 16 * 100]);
    expect(Math.min(...fm.c1.data)).toBeGreaterThanOrEqual(0);
    disposeModel(m);
  });

  it('a backward pass that fails (a layer that does not fit) leaves no tensor behind, on wasm and cpu', async () => {
    useTf(tf);
    for (const backend of ['wasm', 'cpu']) {
      await tf.setBackend(backend);
      const conv = new Conv2d({ inChannels: 1, outChannels: 4, kernelSize: 5, activation: 'relu' });
      const fc = new Linear({ inFeatures: 99, outFeatures: 10 }); // 4·24·24 features arrive
      const xs = tf.zeros([2, 28, 28, 1]);
      const ys = tf.tensor1d([1, 2], 'int32');
      const tensors = tf.memory().numTensors;
      expect(() => backward(() => new CrossEntropyLoss().forward(fc.forward(conv.forward(xs)), ys)), backend).toThrow();
      expect(tf.memory().numTensors, backend).toBe(tensors);
      tf.dispose([xs, ys, conv.weight, conv.bias, fc.weight, fc.bias]);
    }
    await tf.setBackend('wasm');
  });

  it('leaks no tensors across epochs', async () => {
    const { train: l, validation } = loaders(320, 64);
    const m = createModel(tf, 0);
    const counts: number[] = [];
    const lists: TrainLists = { lossTrainList: [], lossValidationList: [], validationSteps: [] };
    await train(m, 0.1, 3, l, validation, {
      runValidationEvery: 2, lists,
      control: control(() => lists, Infinity, (step) => { if (step % l.length === 0) counts.push(tf.memory().numTensors); }),
    });
    expect(counts).toHaveLength(3);
    expect(new Set(counts).size).toBe(1);
    disposeModel(m);
  });

  it('stops within one batch when the run control ends it, freeing every tensor', async () => {
    const { train: l, validation } = loaders();
    const m = createModel(tf, 0);
    const before = tf.memory().numTensors;
    const lists: TrainLists = { lossTrainList: [], lossValidationList: [], validationSteps: [] };
    await train(m, 0.1, 1, l, validation, { lists, control: { startStep: 0, stepDone: () => { if (lists.lossTrainList.length === 5) throw new EndRun('stopped'); } } });
    expect(lists.lossTrainList).toHaveLength(5);
    expect(tf.memory().numTensors).toBe(before);
    disposeModel(m);
  });

  it('resumes mid-epoch with the same batches as an uninterrupted run', async () => {
    const full = loaders(640, 64, 3);
    const a = createModel(tf, 4);
    const ref = await train(a, 0.05, 2, full.train, full.validation);
    const part = loaders(640, 64, 3);
    const b = createModel(tf, 4);
    const lists: TrainLists = { lossTrainList: [], lossValidationList: [], validationSteps: [] };
    await train(b, 0.05, 2, part.train, part.validation, { lists, control: control(() => lists, 13) });
    // A fresh loader positioned where the run stopped, as after a reload.
    const again = loaders(640, 64, 3);
    again.train.seek(13);
    const rest = await train(b, 0.05, 2, again.train, again.validation, { lists, control: { startStep: 13, stepDone: () => undefined } });
    expect(rest.lossTrainList).toHaveLength(ref.lossTrainList.length);
    expect(rest.validationSteps).toEqual(ref.validationSteps);
    rest.lossTrainList.forEach((l, i) => expect(l).toBeCloseTo(ref.lossTrainList[i], 4));
    disposeModel(a);
    disposeModel(b);
  });
});

// The wasm kernels we register (SIMD C code in src/lib/tfjs/kernels/cnn.c) must give the cpu
// backend's results and gradients: every stride 1–3, padding mode and dilation supported, random
// shapes, channel counts that are not multiples of 4, and LeNet-5's own layers. Node compiles the
// relaxed-SIMD variant (fused multiply-add); wasm-kernels-plain.test.ts runs the same on the plain one.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmKernels } from '../../src/lib/tfjs/wasm-kernels';
import { CONV_GRAD_KERNEL, CROSS_ENTROPY_KERNEL, DENSE_KERNEL } from '../../src/lib/tfjs/kernel-names';
import { crossEntropy } from '../../src/lib/torchlike/loss';
import { relaxedKernels } from '../../src/lib/tfjs/native-kernels';
import { sgdUpdate } from '../../src/lib/tfjs/sgd-update';

beforeAll(async () => {
  await registerWasmKernels(tf);
  expect(await tf.setBackend('wasm')).toBe(true);
  expect(relaxedKernels, 'which kernel variant runs').toBe((globalThis as { cnnKernelsVariant?: string }).cnnKernelsVariant !== 'plain');
});

// A numeric pad with unequal strides is a tfjs bug of its own (the output width uses the row stride),
// so such cases use explicit padding.
type Explicit = [[number, number], [number, number], [number, number], [number, number]];
type Pad = 'valid' | 'same' | number | Explicit;
const explicit = (t: number, b: number, l: number, r: number): Explicit => [[0, 0], [t, b], [l, r], [0, 0]];
interface Case { b: number; h: number; w: number; ci: number; co: number; k: [number, number]; s: [number, number]; pad: Pad; d?: [number, number] }

function rand(n: number, seed: number): Float32Array {
  let s = seed;
  return Float32Array.from({ length: n }, () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1);
}

function expectClose(a: Float32Array, b: Float32Array, what = '') {
  expect(a.length, what).toBe(b.length);
  let maxDiff = 0;
  let maxAbs = 0;
  for (let i = 0; i < a.length; i++) {
    maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
    maxAbs = Math.max(maxAbs, Math.abs(b[i]));
  }
  expect(maxDiff, what).toBeLessThanOrEqual(1e-4 * Math.max(1, maxAbs));
}

const sizeOf = (shape: number[]) => shape.reduce((p, q) => p * q, 1);
const data = (t: tf.Tensor) => Float32Array.from(t.dataSync());

/** Gradients of sum(conv2d(x, f) · r) w.r.t. x and f on one backend. */
async function grads(backend: string, c: Case, x: Float32Array, f: Float32Array, r: Float32Array | null) {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const xt = tf.tensor4d(x, [c.b, c.h, c.w, c.ci]);
    const ft = tf.tensor4d(f, [c.k[0], c.k[1], c.ci, c.co]);
    const y = tf.conv2d(xt, ft, c.s, c.pad);
    const rt = r ? tf.tensor(r, y.shape) : tf.onesLike(y);
    const g = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.s, c.pad), rt)));
    const [dx, df] = g([xt, ft]);
    return { dx: data(dx), df: data(df), yShape: y.shape };
  });
}

async function checkGrads(c: Case, seed: number) {
  const x = rand(c.b * c.h * c.w * c.ci, seed);
  const f = rand(c.k[0] * c.k[1] * c.ci * c.co, seed + 1);
  const probe = await grads('cpu', c, x, f, null);
  const r = rand(sizeOf(probe.yShape), seed + 2);
  const cpu = await grads('cpu', c, x, f, r);
  const wasm = await grads('wasm', c, x, f, r);
  expectClose(wasm.df, cpu.df, `dW ${JSON.stringify(c)}`);
  expectClose(wasm.dx, cpu.dx, `dx ${JSON.stringify(c)}`);
}

/** conv2d (or fused conv2d + bias + ReLU) forward on one backend. */
async function forward(backend: string, c: Case, x: Float32Array, f: Float32Array, bias: Float32Array | null, relu: boolean) {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const xt = tf.tensor4d(x, [c.b, c.h, c.w, c.ci]);
    const ft = tf.tensor4d(f, [c.k[0], c.k[1], c.ci, c.co]);
    const bt = bias ? tf.tensor1d(bias) : undefined;
    const y = bias || relu
      ? tf.fused.conv2d({ x: xt, filter: ft, strides: c.s, pad: c.pad as never, dilations: c.d ?? 1, bias: bt, activation: relu ? 'relu' : 'linear' })
      : tf.conv2d(xt, ft, c.s, c.pad, 'NHWC', c.d ?? 1);
    return data(y);
  });
}

async function checkForward(c: Case, seed: number) {
  const x = rand(c.b * c.h * c.w * c.ci, seed);
  const f = rand(c.k[0] * c.k[1] * c.ci * c.co, seed + 1);
  const bias = rand(c.co, seed + 2);
  for (const [b, relu] of [[null, false], [bias, true], [bias, false], [null, true]] as const)
    expectClose(await forward('wasm', c, x, f, b, relu), await forward('cpu', c, x, f, b, relu), `forward ${JSON.stringify(c)} bias=${!!b} relu=${relu}`);
}

const STRIDES: [number, number][] = [[1, 1], [2, 2], [3, 3], [2, 1], [1, 3]];
const padsFor = (s: [number, number]): Pad[] => ['valid', 'same', explicit(1, 1, 1, 1), explicit(1, 2, 0, 1), ...(s[0] === s[1] ? [1, 2] : [])];

function randomCases(count: number, seed: number): Case[] {
  let s = seed;
  const r = (lo: number, hi: number) => lo + ((s = (s * 16807) % 2147483647) % (hi - lo + 1));
  return Array.from({ length: count }, () => {
    const k: [number, number] = [r(1, 5), r(1, 5)];
    const pads: Pad[] = ['valid', 'same', explicit(r(0, 2), r(0, 2), r(0, 2), r(0, 2))];
    return { b: r(1, 4), h: r(k[0], 12), w: r(k[1], 12), ci: r(1, 9), co: r(1, 10), k, s: [r(1, 3), r(1, 3)] as [number, number], pad: pads[r(0, 2)] };
  });
}

/** Six output (or input) channels run as pixel pairs (cnn.c): odd rows and batches leave a pixel alone at the end. */
const SIX: Case[] = [
  { b: 1, h: 1, w: 1, ci: 1, co: 6, k: [1, 1], s: [1, 1], pad: 'valid' },
  { b: 1, h: 7, w: 7, ci: 1, co: 6, k: [5, 5], s: [1, 1], pad: 'valid' },
  { b: 3, h: 9, w: 7, ci: 1, co: 6, k: [5, 5], s: [1, 1], pad: 2 },
  { b: 2, h: 8, w: 9, ci: 3, co: 6, k: [3, 2], s: [2, 1], pad: 'same' },
  { b: 2, h: 9, w: 9, ci: 2, co: 6, k: [3, 3], s: [1, 1], pad: 'valid', d: [2, 1] },
  { b: 5, h: 4, w: 5, ci: 7, co: 6, k: [2, 3], s: [1, 2], pad: explicit(1, 0, 2, 1) },
  // Six input channels: the input gradient runs as pairs where rows have an even number of pixels.
  { b: 2, h: 9, w: 8, ci: 6, co: 4, k: [3, 3], s: [1, 1], pad: 'same' },
  { b: 3, h: 6, w: 7, ci: 6, co: 5, k: [2, 2], s: [1, 1], pad: 'valid' },
  { b: 1, h: 5, w: 6, ci: 6, co: 16, k: [3, 3], s: [1, 1], pad: 'valid', d: [1, 2] },
  { b: 2, h: 6, w: 6, ci: 6, co: 3, k: [2, 2], s: [1, 1], pad: 'valid' },
  { b: 2, h: 7, w: 8, ci: 6, co: 6, k: [3, 3], s: [2, 1], pad: explicit(0, 1, 1, 1) },
];

const LENET: Case[] = [
  { b: 8, h: 28, w: 28, ci: 1, co: 6, k: [5, 5], s: [1, 1], pad: 2 },
  { b: 8, h: 14, w: 14, ci: 6, co: 16, k: [5, 5], s: [1, 1], pad: 'valid' },
  { b: 8, h: 5, w: 5, ci: 16, co: 120, k: [5, 5], s: [1, 1], pad: 'valid' },
];

describe('wasm Conv2D and FusedConv2D (bias, ReLU)', () => {
  it('match cpu on LeNet-5 layers', async () => {
    for (const [i, c] of LENET.entries()) await checkForward(c, 1 + i * 3);
  });

  it('match cpu for strides 1–3, dilations 1–2, valid, same, numeric and explicit padding', async () => {
    let seed = 20;
    for (const s of STRIDES)
      for (const pad of padsFor(s))
        for (const [h, w] of [[7, 7], [8, 9]])
          await checkForward({ b: 2, h, w, ci: 3, co: 5, k: [3, 3], s, pad }, (seed += 3));
    // tfjs allows dilation only with stride 1.
    for (const d of [[2, 2], [1, 2], [2, 1]] as [number, number][])
      for (const pad of ['valid', 'same', explicit(2, 1, 0, 2)] as Pad[])
        await checkForward({ b: 2, h: 9, w: 8, ci: 3, co: 7, k: [3, 2], s: [1, 1], pad, d }, (seed += 3));
  });

  it('match cpu with six output or input channels (pixel pairs), odd widths and a single pixel included', async () => {
    for (const [i, c] of SIX.entries()) await checkForward(c, 50 + i * 3);
  });

  it('match cpu on random shapes', async () => {
    for (const [i, c] of randomCases(30, 777).entries()) await checkForward(c, 300 + i * 3);
  });
});

describe('wasm Conv2DBackpropFilter and Conv2DBackpropInput', () => {
  it('match cpu on LeNet-5 layers (C1 pad 2, C3 and C5 valid)', async () => {
    for (const [i, c] of LENET.entries()) await checkGrads(c, 1 + i);
  });

  it('match cpu for strides 1–3 with valid, same, numeric and explicit padding', async () => {
    let seed = 10;
    for (const s of STRIDES)
      for (const pad of padsFor(s))
        for (const [h, w] of [[7, 7], [8, 9], [10, 6]])
          await checkGrads({ b: 2, h, w, ci: 3, co: 4, k: [3, 3], s, pad }, seed++);
  });

  it('match cpu with six output or input channels (pixel pairs), odd widths and a single pixel included', async () => {
    for (const [i, c] of SIX.entries()) if (!c.d) await checkGrads(c, 60 + i);
  });

  it('match cpu on random shapes', async () => {
    for (const [i, c] of randomCases(30, 12345).entries()) await checkGrads(c, 100 + i);
  });
});

/**
 * Gradients of sum(act(conv(x, W) + b) · r) for x, W, b: with our one-kernel backward (wasm) and
 * with tfjs's own ops on cpu. A dilated case runs on cpu as the undilated convolution with zeros
 * inserted in the kernel (tfjs has no gradient for dilated conv2d), whose gradient at the kept taps
 * is the dilated kernel's gradient.
 */
async function checkConvGrad(c: Case, relu: boolean, inputGrad: boolean, seed: number) {
  const [kh, kw] = c.k;
  const [dh, dw] = c.d ?? [1, 1];
  const x = rand(c.b * c.h * c.w * c.ci, seed);
  const f = rand(kh * kw * c.ci * c.co, seed + 1);
  const bias = rand(c.co, seed + 2);
  // The dilated kernel written out: taps at (i·dh, j·dw), zeros between.
  const KH = (kh - 1) * dh + 1;
  const KW = (kw - 1) * dw + 1;
  const fd = new Float32Array(KH * KW * c.ci * c.co);
  for (let i = 0; i < kh; i++)
    for (let j = 0; j < kw; j++)
      fd.set(f.subarray((i * kw + j) * c.ci * c.co, (i * kw + j + 1) * c.ci * c.co), (i * dh * KW + j * dw) * c.ci * c.co);

  await tf.setBackend('cpu');
  const cpu = tf.tidy(() => {
    const xt = tf.tensor4d(x, [c.b, c.h, c.w, c.ci]);
    const y = tf.conv2d(xt, tf.tensor4d(fd, [KH, KW, c.ci, c.co]), c.s, c.pad);
    const r = tf.tensor(rand(sizeOf(y.shape), seed + 3), y.shape);
    const g = tf.grads((a: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => {
      const z = tf.add(tf.conv2d(a as tf.Tensor4D, w as tf.Tensor4D, c.s, c.pad), b);
      return tf.sum(tf.mul(relu ? tf.relu(z) : z, r));
    })([xt, tf.tensor4d(fd, [KH, KW, c.ci, c.co]), tf.tensor1d(bias)]);
    const dwd = g[1].dataSync();
    const dW = new Float32Array(f.length);
    for (let i = 0; i < kh; i++)
      for (let j = 0; j < kw; j++)
        dW.set(dwd.subarray((i * dh * KW + j * dw) * c.ci * c.co, (i * dh * KW + j * dw + 1) * c.ci * c.co), (i * kw + j) * c.ci * c.co);
    return { dx: data(g[0]), dW, db: data(g[2]), yShape: y.shape, r: data(r) };
  });

  await tf.setBackend('wasm');
  const wasm = tf.tidy(() => {
    const xt = tf.tensor4d(x, [c.b, c.h, c.w, c.ci]);
    const ft = tf.tensor4d(f, [kh, kw, c.ci, c.co]);
    const y = tf.fused.conv2d({ x: xt, filter: ft, strides: c.s, pad: c.pad as never, dilations: c.d ?? 1, bias: tf.tensor1d(bias), activation: relu ? 'relu' : 'linear' });
    expect(y.shape).toEqual(cpu.yShape);
    // d(sum(y·r))/dy = r
    const dy = tf.tensor(cpu.r, y.shape);
    const inputs: tf.NamedTensorMap = relu ? { x: xt, filter: ft, dy, y } : { x: xt, filter: ft, dy };
    const attrs = { strides: c.s, pad: c.pad, dilations: c.d ?? 1, activation: relu ? 'relu' : 'linear', inputGrad };
    const out = tf.engine().runKernel(CONV_GRAD_KERNEL, inputs, attrs as never) as unknown as tf.Tensor[];
    return out.map(data);
  });
  const what = `${JSON.stringify(c)} relu=${relu} inputGrad=${inputGrad}`;
  expect(wasm).toHaveLength(inputGrad ? 3 : 2);
  const [dW, db] = wasm.slice(inputGrad ? 1 : 0);
  if (inputGrad) expectClose(wasm[0], cpu.dx, `dx ${what}`);
  expectClose(dW, cpu.dW, `dW ${what}`);
  expectClose(db, cpu.db, `db ${what}`);
}

describe(`${CONV_GRAD_KERNEL}: the backward pass of conv/dense + bias (+ ReLU) in one kernel`, () => {
  it('matches cpu on LeNet-5 layers, with and without ReLU and input gradient', async () => {
    let seed = 900;
    for (const c of LENET)
      for (const relu of [true, false])
        for (const inputGrad of [true, false]) await checkConvGrad(c, relu, inputGrad, (seed += 5));
  });

  it('matches cpu with six output or input channels (pixel pairs), odd widths and a single pixel included', async () => {
    for (const [i, c] of SIX.entries()) for (const [relu, inputGrad] of [[true, false], [false, true]]) await checkConvGrad(c, relu, inputGrad, 70 + i);
  });

  it('matches cpu for strides 1–3, dilations and every padding mode', async () => {
    let seed = 1000;
    for (const s of STRIDES)
      for (const pad of padsFor(s)) await checkConvGrad({ b: 2, h: 8, w: 9, ci: 3, co: 5, k: [3, 3], s, pad }, true, true, (seed += 5));
    for (const d of [[2, 2], [1, 3]] as [number, number][])
      for (const pad of ['valid', 'same', explicit(1, 2, 2, 0)] as Pad[])
        await checkConvGrad({ b: 2, h: 10, w: 11, ci: 2, co: 6, k: [3, 2], s: [1, 1], pad, d }, true, true, (seed += 5));
  });

  it('matches cpu on random shapes', async () => {
    for (const [i, c] of randomCases(25, 4242).entries()) await checkConvGrad(c, i % 2 === 0, i % 3 !== 0, 2000 + i * 5);
  });

  it('is a dense layer for x [N, K] and W [K, M]', async () => {
    for (const [n, k, m, relu] of [[64, 120, 84, true], [64, 84, 10, false], [3, 7, 5, true], [1, 1, 1, false]] as const) {
      const a = rand(n * k, n + k);
      const w = rand(k * m, k + m);
      const r = rand(n * m, n * m);
      const bias = rand(m, m);
      await tf.setBackend('cpu');
      const cpu = tf.tidy(() =>
        tf.grads((aa: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) => {
          const z = tf.add(tf.matMul(aa as tf.Tensor2D, ww as tf.Tensor2D), bb);
          return tf.sum(tf.mul(relu ? tf.relu(z) : z, tf.tensor2d(r, [n, m])));
        })([tf.tensor2d(a, [n, k]), tf.tensor2d(w, [k, m]), tf.tensor1d(bias)]).map(data),
      );
      await tf.setBackend('wasm');
      const wasm = tf.tidy(() => {
        const at = tf.tensor2d(a, [n, k]);
        const wt = tf.tensor2d(w, [k, m]);
        const y = tf.relu(tf.add(tf.matMul(at, wt), tf.tensor1d(bias)));
        const inputs: tf.NamedTensorMap = relu ? { x: at, filter: wt, dy: tf.tensor2d(r, [n, m]), y } : { x: at, filter: wt, dy: tf.tensor2d(r, [n, m]) };
        const out = tf.engine().runKernel(CONV_GRAD_KERNEL, inputs, { strides: 1, pad: 'valid', activation: relu ? 'relu' : 'linear', inputGrad: true } as never) as unknown as tf.Tensor[];
        expect(out.map((t) => t.shape)).toEqual([[n, k], [k, m], [m]]);
        return out.map(data);
      });
      cpu.forEach((g, i) => expectClose(wasm[i], g, `dense ${n}×${k}×${m} relu=${relu} output ${i}`));
    }
  });
});

/** LeNet-5 on wasm with a batch of b non-negative images, and the library's training step. */
async function lenetOnWasm(b: number, seed: number) {
  await tf.setBackend('wasm');
  const { createModel, disposeModel } = await import('../../src/lib/lenet/model');
  const { sgdStep } = await import('../../src/lib/torchlike');
  const m = createModel(tf as never, 0);
  const xs = tf.tensor4d(rand(b * 784, seed).map((v) => Math.abs(v)), [b, 28, 28, 1]);
  return { m, xs, sgdStep, disposeModel };
}

describe(`${DENSE_KERNEL}: a dense layer's forward on 2D tensors`, () => {
  it('matches cpu matMul + bias (+ ReLU)', async () => {
    for (const [n, k, m, relu] of [[64, 120, 84, true], [64, 84, 10, false], [3, 7, 5, true], [1, 1, 1, false], [1024, 400, 120, true]] as const) {
      const a = rand(n * k, n + k);
      const w = rand(k * m, k + m);
      const bias = rand(m, m);
      const run = async (backend: string) => {
        await tf.setBackend(backend);
        return tf.tidy(() => {
          const [at, wt, bt] = [tf.tensor2d(a, [n, k]), tf.tensor2d(w, [k, m]), tf.tensor1d(bias)];
          if (backend === 'cpu') {
            const z = tf.add(tf.matMul(at, wt), bt);
            return data(relu ? tf.relu(z) : z);
          }
          const y = tf.engine().runKernel(DENSE_KERNEL, { x: at, filter: wt, bias: bt }, { activation: relu ? 'relu' : 'linear' } as never) as tf.Tensor;
          expect(y.shape).toEqual([n, m]);
          return data(y);
        });
      };
      expectClose(await run('wasm'), await run('cpu'), `dense ${n}×${k}×${m} relu=${relu}`);
    }
  });

  it('refuses tensors that do not make a dense layer', async () => {
    await tf.setBackend('wasm');
    tf.tidy(() => {
      const call = (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => () => tf.engine().runKernel(DENSE_KERNEL, { x, filter: w, bias: b }, {} as never);
      expect(call(tf.zeros([2, 3]), tf.zeros([4, 5]), tf.zeros([5]))).toThrow(/do not make a dense layer/);
      expect(call(tf.zeros([2, 3]), tf.zeros([3, 5]), tf.zeros([4]))).toThrow(/do not make a dense layer/);
    });
  });
});

describe(`${CROSS_ENTROPY_KERNEL}: the loss and its gradient in one kernel`, () => {
  /** The library's loss and its gradient w.r.t. the logits, on one backend (wasm: the kernel; cpu: the tfjs ops). */
  async function lossAndGrad(backend: string, z: number[], shape: [number, number], labels: number[], labelShape: number[], dtype: 'int32' | 'float32') {
    await tf.setBackend(backend);
    return tf.tidy(() => {
      const lt = tf.tensor(labels, labelShape, dtype);
      const zt = tf.tensor2d(z, shape);
      const loss = crossEntropy(tf as never, zt, lt).dataSync()[0];
      const dz = tf.grad((zz: tf.Tensor) => crossEntropy(tf as never, zz as tf.Tensor2D, lt))(zt);
      return { loss, dz: data(dz) };
    });
  }

  it('gives cpu loss and gradient for class labels (int32 and float32) and one-hot targets', async () => {
    for (const [b, c, seed] of [[64, 10, 1], [1, 10, 2], [7, 3, 3], [5, 2, 4]] as const) {
      const z = Array.from(rand(b * c, seed), (x) => x * 8);
      const labels = Array.from({ length: b }, (_, i) => (i * 7 + seed) % c);
      const oneHot = labels.flatMap((l) => Array.from({ length: c }, (_, j) => (j === l ? 1 : 0)));
      for (const [lab, shape, dtype] of [[labels, [b], 'int32'], [labels, [b], 'float32'], [oneHot, [b, c], 'float32']] as const) {
        const cpu = await lossAndGrad('cpu', z, [b, c], lab, [...shape], dtype);
        const wasm = await lossAndGrad('wasm', z, [b, c], lab, [...shape], dtype);
        expect(wasm.loss, `${b}×${c} ${dtype} [${shape}]`).toBeCloseTo(cpu.loss, 5);
        expectClose(wasm.dz, cpu.dz, `gradient ${b}×${c} ${dtype} [${shape}]`);
      }
    }
  });

  it('has the gradient (softmax − one-hot)/B and stays finite for huge logits', async () => {
    await tf.setBackend('wasm');
    tf.tidy(() => {
      const z = tf.tensor2d([1e4, -1e4, 0, 0, 0, 0], [2, 3]);
      const [loss, dz] = tf.engine().runKernel(CROSS_ENTROPY_KERNEL, { logits: z, labels: tf.tensor1d([1, 2], 'int32') }, {}) as tf.Tensor[];
      expect(loss.shape).toEqual([]);
      // Row 0: −log softmax(z)₁ = 2e4; row 1: log 3.
      expect(loss.dataSync()[0]).toBeCloseTo((2e4 + Math.log(3)) / 2, 1);
      const g = data(dz);
      const want = [1, -1, 0, 1 / 3, 1 / 3, -2 / 3].map((x) => x / 2);
      g.forEach((x, i) => expect(x).toBeCloseTo(want[i], 6));
    });
  });

  it('stops a training step with a label that is no class, leaving no tensor behind; the next step trains', async () => {
    const { m, xs, sgdStep, disposeModel } = await lenetOnWasm(4, 9);
    const bad = tf.tensor1d([1, 2, 12, 3], 'int32');
    const good = tf.tensor1d([1, 2, 7, 3], 'int32');
    const tensors = tf.memory().numTensors;
    const buffers = tf.backend().numDataIds();
    expect(() => sgdStep(m, xs, bad, 0.1)).toThrow('CrossEntropyLoss: label 12 (row 2) is not a class from 0 to 9');
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.backend().numDataIds()).toBe(buffers);
    const loss = sgdStep(m, xs, good, 0.1);
    expect(Number.isFinite(loss.dataSync()[0])).toBe(true);
    loss.dispose();
    tf.dispose([xs, bad, good]);
    disposeModel(m);
  });

  it('names a label that is no class, and leaves nothing behind', async () => {
    await tf.setBackend('wasm');
    const z = tf.zeros([2, 10]);
    const buffers = tf.backend().numDataIds();
    for (const [bad, dtype] of [[10, 'int32'], [-1, 'int32'], [2.5, 'float32'], [NaN, 'float32']] as const) {
      const labels = tf.tensor1d([3, bad], dtype);
      expect(() => tf.engine().runKernel(CROSS_ENTROPY_KERNEL, { logits: z, labels }, {})).toThrow(new RegExp(`label ${bad} \\(row 1\\) is not a class from 0 to 9`));
      labels.dispose();
    }
    const three = tf.zeros([3]);
    expect(() => tf.engine().runKernel(CROSS_ENTROPY_KERNEL, { logits: z, labels: three }, {})).toThrow(/need labels \[2\] or targets \[2, 10\]/);
    three.dispose();
    expect(tf.backend().numDataIds()).toBe(buffers);
    z.dispose();
  });
});

async function pool(backend: string, shape: number[], size: [number, number], s: [number, number], pad: 'valid' | 'same' | number, x: Float32Array, seed: number) {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const xt = tf.tensor4d(x, shape as [number, number, number, number]);
    const y = tf.maxPool(xt, size, s, pad);
    const r = tf.tensor(rand(y.size, seed), y.shape);
    const dx = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(a as tf.Tensor4D, size, s, pad), r)))(xt);
    return { y: data(y), dx: data(dx) };
  });
}

describe('wasm MaxPool and MaxPoolGrad', () => {
  it('match cpu on LeNet-5 pools and on other sizes, strides and paddings', async () => {
    const cases: [number[], [number, number], [number, number], 'valid' | 'same' | number][] = [
      [[4, 28, 28, 6], [2, 2], [2, 2], 'valid'],
      [[4, 10, 10, 16], [2, 2], [2, 2], 'valid'],
      [[2, 7, 9, 3], [3, 3], [2, 2], 'same'],
      [[2, 7, 9, 3], [3, 2], [1, 2], 'valid'],
      [[1, 5, 5, 2], [2, 2], [1, 1], 'same'],
      [[2, 9, 8, 5], [3, 3], [3, 3], 'same'],
      [[2, 9, 8, 7], [2, 3], [3, 1], 1],
      [[3, 6, 6, 9], [1, 1], [2, 2], 'valid'],
      // Windows side by side (the fast path), leaving a last row and column to no window.
      [[2, 7, 9, 3], [2, 2], [2, 2], 'valid'],
      [[1, 9, 9, 4], [3, 3], [3, 3], 'valid'],
    ];
    let seed = 500;
    for (const [shape, size, s, pad] of cases) {
      const x = rand(sizeOf(shape), seed++);
      const wasm = await pool('wasm', shape, size, s, pad, x, seed);
      const cpu = await pool('cpu', shape, size, s, pad, x, seed);
      expectClose(wasm.y, cpu.y, `pool ${shape} ${size} ${s} ${pad}`);
      expectClose(wasm.dx, cpu.dx, `pool grad ${shape} ${size} ${s} ${pad}`);
      seed++;
    }
  });

  it('gives a tie to the first maximum, as cpu does', async () => {
    const x = new Float32Array(2 * 4 * 4 * 1).fill(0.5);
    const wasm = await pool('wasm', [2, 4, 4, 1], [2, 2], [2, 2], 'valid', x, 9);
    expectClose(wasm.dx, (await pool('cpu', [2, 4, 4, 1], [2, 2], [2, 2], 'valid', x, 9)).dx);
  });
});

describe('one SGD update of many variables', () => {
  it('gives the same new values on wasm (one kernel) as on cpu (two ops per variable)', async () => {
    const shapes = [[5, 5, 1, 6], [6], [7, 3], [1]];
    const values = shapes.map((s, i) => rand(sizeOf(s), 70 + i));
    const grads = shapes.map((s, i) => rand(sizeOf(s), 80 + i));
    const run = async (backend: string) => {
      await tf.setBackend(backend);
      const vars = shapes.map((s, i) => tf.variable(tf.tensor(values[i], s), true, `sgd-${backend}-${i}`));
      const before = tf.memory().numTensors;
      tf.tidy(() => sgdUpdate(tf, vars, Object.fromEntries(vars.map((v, i) => [v.name, tf.tensor(grads[i], shapes[i])])), 0.25));
      expect(tf.memory().numTensors).toBe(before);
      const out = vars.map((v) => data(v));
      vars.forEach((v) => v.dispose());
      return out;
    };
    const cpu = await run('cpu');
    const wasm = await run('wasm');
    cpu.forEach((c, i) => expectClose(wasm[i], c, `variable ${i}`));
    expectClose(wasm[0], Float32Array.from(values[0], (v, j) => v - 0.25 * grads[0][j]));
  });
});

describe('wasm Identity', () => {
  it('shares the data of its input, which stays valid after the input is disposed', async () => {
    await tf.setBackend('wasm');
    const a = tf.tensor1d([1, 2, 3]);
    const buffers = tf.backend().numDataIds();
    const b = tf.clone(a);
    expect(tf.backend().numDataIds()).toBe(buffers);
    expect(b.dataId).toBe(a.dataId);
    a.dispose();
    expect(Array.from(b.dataSync())).toEqual([1, 2, 3]);
    b.dispose();
  });
});

describe('memory', () => {
  it('a LeNet-5 training step leaves no tensor, buffer or scratch behind', async () => {
    const { m, xs, sgdStep, disposeModel } = await lenetOnWasm(16, 5);
    const labels = tf.tensor1d(Array.from({ length: 16 }, (_, i) => i % 10), 'int32');
    const ys = tf.cast(tf.oneHot(labels, 10), 'float32') as tf.Tensor2D;
    // Class labels and one-hot targets in turn (the loss kernel reads both).
    let odd = false;
    const step = () => sgdStep(m, xs, (odd = !odd) ? ys : labels, 0.1).dispose();
    for (let i = 0; i < 5; i++) step();
    const heap = (tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8.length;
    const tensors = tf.memory().numTensors;
    const buffers = tf.backend().numDataIds();
    for (let i = 0; i < 60; i++) step();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.backend().numDataIds()).toBe(buffers);
    // Scratch space is malloc'd and freed per kernel: a leak would grow the heap.
    expect((tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8.length).toBe(heap);
    tf.dispose([xs, ys, labels]);
    disposeModel(m);
  });
});

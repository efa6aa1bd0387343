// The wasm gradient kernels we register must give the cpu backend's gradients: every
// stride/padding supported, random shapes, and LeNet-5's own layers.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmGradKernels } from '../../src/lib/tfjs/wasm-grad-kernels';

beforeAll(async () => {
  registerWasmGradKernels();
  expect(await tf.setBackend('wasm')).toBe(true);
});

// A numeric pad with unequal strides is a tfjs bug of its own (the output width uses the row stride),
// so such cases use explicit padding.
type Explicit = [[number, number], [number, number], [number, number], [number, number]];
type Pad = 'valid' | 'same' | number | Explicit;
const explicit = (t: number, b: number, l: number, r: number): Explicit => [[0, 0], [t, b], [l, r], [0, 0]];
interface Case { b: number; h: number; w: number; ci: number; co: number; k: [number, number]; s: [number, number]; pad: Pad }

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
    return { dx: Float32Array.from(dx.dataSync()), df: Float32Array.from(df.dataSync()), yShape: y.shape };
  });
}

function rand(n: number, seed: number): Float32Array {
  let s = seed;
  return Float32Array.from({ length: n }, () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1);
}

function expectClose(a: Float32Array, b: Float32Array) {
  expect(a.length).toBe(b.length);
  let maxDiff = 0;
  let maxAbs = 0;
  for (let i = 0; i < a.length; i++) {
    maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
    maxAbs = Math.max(maxAbs, Math.abs(b[i]));
  }
  expect(maxDiff).toBeLessThanOrEqual(1e-4 * Math.max(1, maxAbs));
}

async function check(c: Case, seed: number) {
  if (process.env.DEBUG_CASES) console.log(JSON.stringify(c));
  const x = rand(c.b * c.h * c.w * c.ci, seed);
  const f = rand(c.k[0] * c.k[1] * c.ci * c.co, seed + 1);
  const probe = await grads('cpu', c, x, f, null);
  const r = rand(probe.yShape.reduce((p, q) => p * q, 1), seed + 2);
  const cpu = await grads('cpu', c, x, f, r);
  const wasm = await grads('wasm', c, x, f, r);
  expectClose(wasm.df, cpu.df);
  expectClose(wasm.dx, cpu.dx);
}

describe('wasm Conv2DBackpropFilter and Conv2DBackpropInput', () => {
  it('matches cpu on LeNet-5 layers (C1 pad 2, C3 and C5 valid)', async () => {
    await check({ b: 8, h: 28, w: 28, ci: 1, co: 6, k: [5, 5], s: [1, 1], pad: 2 }, 1);
    await check({ b: 8, h: 14, w: 14, ci: 6, co: 16, k: [5, 5], s: [1, 1], pad: 'valid' }, 2);
    await check({ b: 8, h: 5, w: 5, ci: 16, co: 120, k: [5, 5], s: [1, 1], pad: 'valid' }, 3);
  });

  it('matches cpu for strides 1–3 with valid, same, numeric and explicit padding', async () => {
    let seed = 10;
    for (const s of [[1, 1], [2, 2], [3, 3], [2, 1]] as [number, number][])
      for (const pad of ['valid', 'same', explicit(1, 1, 1, 1), explicit(1, 2, 0, 1), ...(s[0] === s[1] ? [1, 2] : [])] as Pad[])
        for (const [h, w] of [[7, 7], [8, 9], [10, 6]])
          await check({ b: 2, h, w, ci: 3, co: 4, k: [3, 3], s, pad }, seed++);
  });

  it('matches cpu on random shapes', async () => {
    let s = 12345;
    const r = (lo: number, hi: number) => lo + ((s = (s * 16807) % 2147483647) % (hi - lo + 1));
    for (let i = 0; i < 25; i++) {
      const k: [number, number] = [r(1, 5), r(1, 5)];
      const pads: Pad[] = ['valid', 'same', explicit(r(0, 2), r(0, 2), r(0, 2), r(0, 2))];
      const pad = pads[r(0, 2)];
      const h = r(k[0], 12);
      const w = r(k[1], 12);
      await check({ b: r(1, 4), h, w, ci: r(1, 5), co: r(1, 6), k, s: [r(1, 3), r(1, 3)], pad }, 100 + i);
    }
  });
});

/** Gradient of sum(maxPool(x) · r) w.r.t. x on one backend. */
async function poolGrad(backend: string, shape: number[], size: [number, number], s: [number, number], pad: 'valid' | 'same', x: Float32Array, seed: number) {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const xt = tf.tensor4d(x, shape as [number, number, number, number]);
    const y = tf.maxPool(xt, size, s, pad);
    const r = tf.tensor(rand(y.size, seed), y.shape);
    return Float32Array.from(tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(a as tf.Tensor4D, size, s, pad), r)))(xt).dataSync());
  });
}

describe('wasm MaxPoolGrad', () => {
  it('matches cpu on LeNet-5 pools and on other sizes, strides and paddings', async () => {
    const cases: [number[], [number, number], [number, number], 'valid' | 'same'][] = [
      [[4, 28, 28, 6], [2, 2], [2, 2], 'valid'],
      [[4, 10, 10, 16], [2, 2], [2, 2], 'valid'],
      [[2, 7, 9, 3], [3, 3], [2, 2], 'same'],
      [[2, 7, 9, 3], [3, 2], [1, 2], 'valid'],
      [[1, 5, 5, 2], [2, 2], [1, 1], 'same'],
    ];
    let seed = 500;
    for (const [shape, size, s, pad] of cases) {
      const x = rand(shape.reduce((a, b) => a * b, 1), seed++);
      expectClose(await poolGrad('wasm', shape, size, s, pad, x, seed), await poolGrad('cpu', shape, size, s, pad, x, seed));
      seed++;
    }
  });

  it('gives a tie to the first maximum, as cpu does', async () => {
    const x = new Float32Array(2 * 4 * 4 * 1).fill(0.5);
    expectClose(await poolGrad('wasm', [2, 4, 4, 1], [2, 2], [2, 2], 'valid', x, 9), await poolGrad('cpu', [2, 4, 4, 1], [2, 2], [2, 2], 'valid', x, 9));
  });
});

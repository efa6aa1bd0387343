// The tensors a gradient saves share their data on wasm without a kernel or a tape node
// (src/lib/tfjs/wasm-saved-clones.ts): same gradients, nothing left behind, and a gradient of a
// gradient (which needs the clones on its tape) still right.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmKernels } from '../../src/lib/tfjs/wasm-kernels';

beforeAll(async () => {
  await registerWasmKernels(tf);
});

/** Gradients of a small conv net's loss (conv, ReLU, pool, dense: each saves tensors) on one backend, and the kernels it ran. */
async function netGrads(backend: string) {
  await tf.setBackend(backend);
  const x = tf.tensor4d(Array.from({ length: 2 * 6 * 6 }, (_, i) => Math.sin(i)), [2, 6, 6, 1]);
  const w = tf.variable(tf.tensor4d(Array.from({ length: 9 * 3 }, (_, i) => Math.cos(i) / 3), [3, 3, 1, 3]));
  const d = tf.variable(tf.tensor2d(Array.from({ length: 12 * 2 }, (_, i) => Math.sin(3 * i) / 4), [12, 2]));
  const f = () => tf.sum(tf.square(tf.matMul(tf.reshape(tf.maxPool(tf.relu(tf.conv2d(x, w as tf.Tensor4D, 1, 'valid')), 2, 2, 'valid'), [2, 12]), d))) as tf.Scalar;
  const before = tf.memory().numTensors;
  const { kernels, result } = await tf.profile(() => {
    const { value, grads } = tf.variableGrads(f);
    tf.dispose([value, grads[w.name], grads[d.name]]);
    return tf.scalar(0);
  });
  tf.dispose(result);
  const { value, grads } = tf.variableGrads(f);
  const out = { loss: (await value.data())[0], dw: Array.from(await grads[w.name].data()), dd: Array.from(await grads[d.name].data()) };
  tf.dispose([value, grads[w.name], grads[d.name]]);
  const left = tf.memory().numTensors - before;
  tf.dispose([x, w, d]);
  return { ...out, left, identities: kernels.filter((k) => k.name === 'Identity').length };
}

describe('saved-tensor clones on wasm', () => {
  it('give the same gradients as cpu, run no Identity kernel and leave no tensor behind', async () => {
    const cpu = await netGrads('cpu');
    const wasm = await netGrads('wasm');
    expect(cpu.identities).toBeGreaterThan(0);
    expect(wasm.identities).toBe(0);
    expect(cpu.left).toBe(0);
    expect(wasm.left).toBe(0);
    expect(wasm.loss).toBeCloseTo(cpu.loss, 4);
    wasm.dw.forEach((g, i) => expect(g).toBeCloseTo(cpu.dw[i], 4));
    wasm.dd.forEach((g, i) => expect(g).toBeCloseTo(cpu.dd[i], 4));
  });

  it('leave a gradient of a gradient right (its tape keeps the clones)', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor1d([0.5, -1, 2]);
    // d²/dx² of sum(x³·relu(x)) = 12x² where x > 0, else 0.
    const second = tf.grad((a: tf.Tensor) => tf.grad((b: tf.Tensor) => tf.sum(tf.mul(tf.pow(b, 3), tf.relu(b))))(a))(x);
    expect(Array.from(await second.data())).toEqual([3, 0, 48]);
    tf.dispose([x, second]);
  });
});

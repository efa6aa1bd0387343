// A short speed probe for choosing a backend: one training step of a LeNet-5-sized network (conv
// 6@5×5 pad 2 + ReLU, max-pool, conv 16@5×5 + ReLU, max-pool, dense 400→120→10, batch 64,
// forward and gradients) in plain tfjs ops, timed after a warm-up (GPU backends compile shaders on
// first use). Used to prefer a GPU backend only where it is faster than wasm here.
import type * as tfc from '@tensorflow/tfjs-core';
import type { TF } from './tf';

/** Median ms of `runs` timed steps after `warmup` untimed ones, on the active backend. */
export async function probeStepMs(tf: TF, warmup = 2, runs = 3): Promise<number> {
  const vars = tf.tidy(() => [
    tf.randomUniform([5, 5, 1, 6], -0.2, 0.2, 'float32', 1),
    tf.randomUniform([5, 5, 6, 16], -0.08, 0.08, 'float32', 2),
    tf.randomUniform([400, 120], -0.05, 0.05, 'float32', 3),
    tf.randomUniform([120, 10], -0.09, 0.09, 'float32', 4),
  ]);
  const x = tf.randomUniform([64, 28, 28, 1], 0, 1, 'float32', 5) as tfc.Tensor4D;
  const loss = (w1: tfc.Tensor, w3: tfc.Tensor, w5: tfc.Tensor, wo: tfc.Tensor) => {
    const c1 = tf.maxPool(tf.relu(tf.conv2d(x, w1 as tfc.Tensor4D, 1, 2)), 2, 2, 'valid');
    const c3 = tf.maxPool(tf.relu(tf.conv2d(c1, w3 as tfc.Tensor4D, 1, 'valid')), 2, 2, 'valid');
    const f = tf.relu(tf.matMul(tf.reshape(c3, [64, 400]), w5 as tfc.Tensor2D));
    return tf.mean(tf.square(tf.matMul(f, wo as tfc.Tensor2D)));
  };
  const grads = tf.grads(loss);
  const step = async () => {
    const g = tf.tidy(() => tf.addN(grads(vars).map((t) => tf.sum(t))));
    await g.data();
    g.dispose();
  };
  try {
    for (let i = 0; i < warmup; i++) await step();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await step();
      times.push(performance.now() - t0);
    }
    return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
  } finally {
    tf.dispose([...vars, x]);
  }
}

/**
 * The backend to use among `candidates` (best first, e.g. webgpu, webgl, wasm) given each one's
 * probe time (ms per step; missing or NaN when it failed): a GPU backend only when it measured
 * faster than wasm, else the first candidate that is not a GPU.
 */
export function fastestBackend<N extends string>(candidates: readonly N[], ms: Partial<Record<N, number>>, isGpu: (n: N) => boolean): N | undefined {
  const cpuSide = candidates.find((n) => !isGpu(n));
  const base = cpuSide !== undefined ? ms[cpuSide] : undefined;
  let best: N | undefined;
  for (const n of candidates) {
    if (!isGpu(n)) continue;
    const t = ms[n];
    if (t === undefined || !(t > 0)) continue;
    if ((base === undefined || !(base > 0) || t < base) && (best === undefined || t < (ms[best] as number))) best = n;
  }
  return best ?? cpuSide ?? candidates[0];
}

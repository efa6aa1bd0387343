// The bench's per-kernel profile of one LeNet-5 training step: every kernel is attributed once,
// to the right phase and layer.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTf, type TF } from '../../src/lib/tfjs/backends';
import { attributeStep, averageRows, COPY_KERNELS, formatProfile, profileKernels, type KernelRecord } from '../../src/lib/tfjs/step-profile';
import { createModel, crossEntropy, disposeModel, forward, LENET_SPECS } from '../../src/lib/lenet/model';
import { sgdStep } from '../../src/lib/torchlike';

let tf: TF;
beforeAll(async () => {
  tf = await loadTf({ backends: ['wasm', 'cpu'] });
});

/** LeNet-5's shapes for a batch of B (B must differ from every channel count: shapes identify layers). */
const shapesFor = (B: number) => ({
  layers: [
    { name: 'C1', outputs: [[B, 28, 28, 6]] },
    { name: 'S2', outputs: [[B, 14, 14, 6]] },
    { name: 'C3', outputs: [[B, 10, 10, 16]] },
    { name: 'S4', outputs: [[B, 5, 5, 16]] },
    { name: 'C5', outputs: [[B, 1, 1, 120], [B, 120]] },
    { name: 'F6', outputs: [[B, 84]] },
    { name: 'output', outputs: [[B, 10]] },
  ],
  vars: LENET_SPECS.map((s) => s.shape),
  loss: [[B, 1], []],
});

async function profileOn(backend: string, B: number) {
  await tf.setBackend(backend);
  const m = createModel(tf, 0);
  const xs = tf.randomUniform([B, 28, 28, 1], 0, 1, 'float32', 1) as import('@tensorflow/tfjs-core').Tensor4D;
  const ys = tf.oneHot(tf.tensor1d(Array.from({ length: B }, (_, i) => i % 10), 'int32'), 10).toFloat() as import('@tensorflow/tfjs-core').Tensor2D;
  const fwd = await profileKernels(tf, () => crossEntropy(tf, forward(m, xs), ys));
  const all = await profileKernels(tf, () => sgdStep(m, xs, ys, 0.1));
  tf.dispose([xs, ys]);
  disposeModel(m);
  return { fwd, all };
}

describe('step profile', () => {
  for (const [backend, B] of [['wasm', 32], ['cpu', 8]] as const) {
    it(`attributes each kernel of a LeNet-5 step on ${backend} once, by phase and layer`, async () => {
      const { fwd, all } = await profileOn(backend, B);
      const forwardKernels = fwd.filter((k) => !COPY_KERNELS.has(k.name)).length;
      const rows = attributeStep(all, forwardKernels, shapesFor(B));
      const total = (rs: { ms: number }[]) => rs.reduce((a, r) => a + r.ms, 0);
      expect(total(rows)).toBeCloseTo(total(all), 6);
      const calls = rows.reduce((a, r) => a + Object.values(r.kernels).reduce((b, [c]) => b + c, 0), 0);
      expect(calls).toBe(all.length);
      const ids = rows.map((r) => `${r.phase}/${r.what}`);
      for (const l of ['C1', 'S2', 'C3', 'S4', 'C5', 'F6', 'output', 'loss']) {
        expect(ids).toContain(`forward/${l}`);
        expect(ids).toContain(`backward/${l}`);
      }
      // Plain SGD: one kernel for all ten variables on wasm; a multiply and a subtract per variable elsewhere.
      const update = rows.find((r) => r.phase === 'update')!;
      expect(update.kernels).toEqual(backend === 'wasm' ? { CnnSgdUpdate: [1, expect.any(Number)] } : { Multiply: [10, expect.any(Number)], Sub: [10, expect.any(Number)] });
      // Convolutions land on their layers, pooling gradients on theirs.
      const kernelsOf = (id: string) => Object.keys(rows.find((r) => `${r.phase}/${r.what}` === id)?.kernels ?? {});
      expect(kernelsOf('forward/C1')).toContain('FusedConv2D');
      expect(kernelsOf('forward/S2')).toEqual(['MaxPool']);
      expect(kernelsOf('backward/S4')).toEqual(['MaxPoolGrad']);
      expect(kernelsOf('forward/loss')).not.toContain('FusedConv2D');
      const text = formatProfile(rows, total(all) + 1);
      expect(text).toMatch(/backward\s+C3/);
      expect(text.split('\n').at(-1)).toMatch(/^step/);
    });
  }

  it('puts copies on their own rows and an update only after the backward pass', () => {
    const r = (name: string, inputShapes: number[][], outputShapes: number[][], ms = 1): KernelRecord => ({ name, ms, inputShapes, outputShapes });
    const shapes = { layers: [{ name: 'L', outputs: [[4, 3]] }], vars: [[2, 3]], loss: [[]] };
    const rows = attributeStep(
      [
        r('MatMul', [[4, 2], [2, 3]], [[4, 3]]),
        r('Identity', [[4, 3]], [[4, 3]]),
        r('Sum', [[4, 3]], [[]]),
        r('Fill', [], [[4, 3]]),
        r('MatMul', [[2, 4], [4, 3]], [[2, 3]]),
        r('Multiply', [[2, 3], []], [[2, 3]]),
        r('Sub', [[2, 3], [2, 3]], [[2, 3]]),
      ],
      2,
      shapes,
    );
    expect(rows.map((x) => `${x.phase}/${x.what}`)).toEqual(['forward/L', 'forward/loss', 'backward/loss', 'backward/L', 'update/SGD', 'copies/Identity']);
  });

  it('averages steps per row and kernel, dropping the outliers of an interrupted step', () => {
    const row = (ms: number) => [{ phase: 'forward' as const, what: 'C1', ms, kernels: { FusedConv2D: [1, ms] as [number, number] } }];
    const avg = averageRows([row(1), row(1.2), row(0.8), row(1), row(50)]);
    expect(avg).toHaveLength(1);
    expect(avg[0].ms).toBeCloseTo(1.0667, 3);
    expect(avg[0].kernels.FusedConv2D[0]).toBe(1);
  });
});

/// <reference lib="webworker" />
// The bench's profiling worker (built by scripts/bench.mjs with Vite, never shipped with the site):
// trains LeNet-5 on MNIST for a few warm-up steps on one backend, then answers with the median
// step time, the batching time and the per-kernel breakdown of one step (src/lib/tfjs/step-profile).
import { loadTf, probeBackends, useBackend } from '../src/lib/tfjs/backends';
import { wasmPaths } from '../src/lib/tfjs/wasm-paths';
import { attributeStep, averageRows, COPY_KERNELS, formatProfile, profileKernels, type ProfileRow } from '../src/lib/tfjs/step-profile';
import { createModel, crossEntropy, forward, LENET_SPECS } from '../src/lib/lenet/model';
import { sgdStep } from '../src/lib/torchlike';
import { loadMnist } from '../src/lib/mnist';
import { epochOrder, notebookSplit, toTensors } from '../src/lib/random';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

self.onmessage = async (e: MessageEvent<{ backend: string; steps: number; warmup: number }>) => {
  try {
    const { backend, steps, warmup } = e.data;
    const tf = await loadTf({ wasmPaths });
    const infos = await probeBackends(tf);
    await useBackend(tf, infos, backend as never);
    const mnist = await loadMnist();
    const order = epochOrder(notebookSplit(mnist.train.count).train, 0, 0);
    const B = 64;
    const model = createModel(tf, 0);
    const batch = (i: number) => toTensors(tf, mnist.train, Array.from(order.subarray(i * B, (i + 1) * B)));
    const stepTimes: number[] = [];
    const batchTimes: number[] = [];
    for (let i = 0; i < warmup + steps; i++) {
      const t0 = performance.now();
      const { xs, ys } = batch(i);
      const t1 = performance.now();
      const loss = sgdStep(model, xs, ys as never, 0.1);
      await loss.data();
      const t2 = performance.now();
      tf.dispose([xs, ys, loss]);
      if (i >= warmup) {
        batchTimes.push(t1 - t0);
        stepTimes.push(t2 - t0);
      }
    }
    const layers = [
      { name: 'C1', outputs: [[B, 28, 28, 6]] },
      { name: 'S2', outputs: [[B, 14, 14, 6]] },
      { name: 'C3', outputs: [[B, 10, 10, 16]] },
      { name: 'S4', outputs: [[B, 5, 5, 16]] },
      { name: 'C5', outputs: [[B, 1, 1, 120], [B, 120]] },
      { name: 'F6', outputs: [[B, 84]] },
      { name: 'output', outputs: [[B, 10]] },
    ];
    const shapes = { layers, vars: LENET_SPECS.map((s) => s.shape), loss: [[B, 1], []] };
    // Browsers coarsen timers: profile many steps and average.
    const profiled: ProfileRow[][] = [];
    for (let i = 0; i < 20; i++) {
      const { xs, ys } = batch(warmup + steps + i);
      const fwd = await profileKernels(tf, () => crossEntropy(tf, forward(model, xs), ys as never));
      const all = await profileKernels(tf, () => sgdStep(model, xs, ys as never, 0.1));
      tf.dispose([xs, ys]);
      profiled.push(attributeStep(all, fwd.filter((k) => !COPY_KERNELS.has(k.name)).length, shapes));
    }
    const rows: ProfileRow[] = averageRows(profiled);
    const stepMs = median(stepTimes);
    const batchMs = median(batchTimes);
    const kernelMs = rows.reduce((a, r) => a + r.ms, 0);
    rows.push({ phase: 'batching', what: 'toTensors', ms: batchMs, kernels: {} });
    rows.push({ phase: 'overhead', what: 'JS+sync', ms: Math.max(0, stepMs - batchMs - kernelMs), kernels: {} });
    const detail = infos.find((i) => i.name === backend)?.detail ?? '';
    self.postMessage({ type: 'profile', text: formatProfile(rows, stepMs), rows, stepMs, kernelMs, detail });
  } catch (err) {
    self.postMessage({ type: 'error', message: err instanceof Error ? err.stack ?? err.message : String(err) });
  }
};

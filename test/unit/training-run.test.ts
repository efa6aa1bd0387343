// The run control of the notebook's training loop: the live view, checkpoints after every epoch and
// on Stop, Pause/Continue, storage that refuses, and the page's current model.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { startTrainingRun, type RunHost } from '../../src/lib/notebook/training-run';
import { DataLoader, Dataset, Linear, seeded, useTf } from '../../src/lib/torchlike';
import type { Output, TrainingView } from '../../src/lib/notebook/protocol';
import { trainingLine } from '../../src/lib/notebook/training-line';
import type { TrainCheckpoint, WeightsInfo } from '../../src/lib/workshop/protocol';
import { PackedImages } from '../../src/lib/mnist';

beforeAll(async () => {
  await tf.setBackend('cpu');
  useTf(tf);
});

const split = { name: 'train' as const, count: 20, rows: 2, cols: 2, images: PackedImages.pack(new Uint8Array(80), 4), labels: Uint8Array.from({ length: 20 }, (_, i) => i % 10) };

function fakeHost(over: Partial<RunHost> = {}) {
  const views = new Map<string, Output>();
  const saved: TrainCheckpoint[] = [];
  const adopted: WeightsInfo[] = [];
  const ctrl = new AbortController();
  let paused = false;
  let wake: (() => void) | undefined;
  const host: RunHost = {
    sink: {
      add: (o) => (views.set(`d${views.size + 1}`, o), `d${views.size}`),
      update: (id, o) => void views.set(id, o),
      remove: (id) => void views.delete(id),
      signal: () => ctrl.signal,
    },
    cell: 'training',
    resume: false,
    paused: () => paused,
    untilContinued: () => new Promise((r) => (wake = r)),
    yieldToMessages: () => Promise.resolve(),
    store: { load: async (k) => saved.filter((c) => c.key === k).at(-1), save: async (c) => void saved.push(structuredClone(c)) },
    adopt: (_net, info) => void adopted.push(info),
    backend: () => 'cpu',
    ...over,
  };
  const view = () => [...views.values()].at(-1) as TrainingView;
  return { host, views, saved, adopted, view, stop: () => ctrl.abort(new Error('Stopped')), pause: () => (paused = true), go: () => { paused = false; wake?.(); } };
}

const setup = () => {
  const net = seeded(0, () => new Linear({ inFeatures: 4, outFeatures: 10 }));
  const loader = new DataLoader(new Dataset(split), { batchSize: 5, shuffle: true });
  const lists = { lossTrainList: [] as number[], lossValidationList: [] as number[], validationSteps: [] as number[] };
  return { net, loader, lists, opts: { net, alpha: 0.1, nEpoch: 2, dataloaderTrain2: loader, ...lists } };
};

/** Steps through the run as the notebook's loop would (a loss per step). */
async function steps(run: Awaited<ReturnType<typeof startTrainingRun>>, lists: { lossTrainList: number[] }, n: number) {
  for (let i = 0; i < n; i++) {
    lists.lossTrainList.push(2.3 - i * 0.01);
    await run.stepDone();
  }
}

describe('trainingRun', () => {
  it('shows the run live, saves a checkpoint after every epoch and ends finished, as the current model', async () => {
    const h = fakeHost();
    const { opts, lists } = setup();
    const run = await startTrainingRun(h.host, opts);
    expect([run.startStep, run.startEpoch, run.totalSteps, run.key]).toEqual([0, 0, 8, 'training/α = 0.1']);
    expect(h.view()).toMatchObject({ kind: 'training', state: 'running', totalSteps: 8, label: 'α = 0.1' });
    await steps(run, lists, 8);
    expect(h.saved.map((c) => c.step)).toEqual([4, 8]);
    expect(h.saved[1]).toMatchObject({ cell: 'training', stepsPerEpoch: 4, totalSteps: 8, config: { alpha: 0.1, epochs: 2 } });
    expect(h.view()).toMatchObject({ state: 'finished', step: 8, keepChart: false });
    expect(h.adopted.at(-1)).toMatchObject({ steps: 8, epochs: 2, cell: 'training', label: 'α = 0.1' });
  });

  it('Stop saves where the run is and ends the loop; Pause waits until Continue', async () => {
    const h = fakeHost();
    const { opts, lists } = setup();
    const run = await startTrainingRun(h.host, opts);
    await steps(run, lists, 2);
    h.pause();
    lists.lossTrainList.push(2);
    const waiting = run.stepDone();
    await Promise.resolve();
    expect(h.view().state).toBe('paused');
    h.go();
    await waiting;
    expect(h.view().state).toBe('running');
    h.stop();
    lists.lossTrainList.push(1.9);
    await expect(run.stepDone()).rejects.toThrow('Stopped');
    expect(h.saved.at(-1)!.step).toBe(4);
    expect(h.view()).toMatchObject({ state: 'stopped', step: 4 });
    expect(h.view().note).toMatch(/Stopped at step 4/);
  });

  it('resumes a saved run only when asked, putting the loader at its step', async () => {
    const first = fakeHost();
    const a = setup();
    const run = await startTrainingRun(first.host, a.opts);
    await steps(run, a.lists, 3);
    first.stop();
    a.lists.lossTrainList.push(2);
    await expect(run.stepDone()).rejects.toThrow();
    const saved = first.saved.at(-1)!;
    // Asked: the lists and the step come back.
    const b = setup();
    const again = await startTrainingRun({ ...fakeHost().host, store: first.host.store, resume: true }, b.opts);
    expect(again.startStep).toBe(saved.step);
    expect(b.lists.lossTrainList).toEqual(saved.history.trainLosses);
    // Not asked (Run, Run all): a fresh run.
    const c = setup();
    const fresh = await startTrainingRun({ ...fakeHost().host, store: first.host.store }, c.opts);
    expect(fresh.startStep).toBe(0);
    expect(c.lists.lossTrainList).toEqual([]);
  });

  it('a browser that refuses to store the checkpoint gets a note, and the run goes on', async () => {
    const h = fakeHost({ store: { load: async () => undefined, save: async () => { throw new Error('QuotaExceededError'); } } });
    const { opts, lists } = setup();
    const run = await startTrainingRun(h.host, opts);
    await steps(run, lists, 8);
    expect(h.view().state).toBe('finished');
    expect(h.view().note).toMatch(/did not keep the checkpoint \(QuotaExceededError\); the run goes on/);
  });

  it('refuses arguments that are not the loop\'s own', async () => {
    const h = fakeHost();
    const { opts } = setup();
    await expect(startTrainingRun(h.host, { ...opts, alpha: 0 })).rejects.toThrow(/alpha must be a positive number/);
    await expect(startTrainingRun(h.host, { ...opts, lossTrainList: undefined as never })).rejects.toThrow(/lossTrainList must be the loop's own list/);
  });
});

describe('the live view\'s line', () => {
  const view: TrainingView = {
    kind: 'training', label: 'α = 0.1', state: 'running', step: 1234, totalSteps: 18440, epoch: 1, nEpoch: 20, loss: 0.31234,
    valLoss: 0.2891, imagesPerSec: 4412.4, etaSeconds: 250, seconds: 18, backend: 'wasm', train: [], validation: [], keepChart: false,
  };
  it('says where the run is, how fast and how long to go, in each state', () => {
    expect(trainingLine(view)).toBe('Step 1,234 of 18,440 · epoch 2 of 20 · loss 0.3123 · validation 0.2891 · 4,412 img/s on wasm · about 4 min 10 s left');
    expect(trainingLine({ ...view, state: 'paused' })).toBe('Paused at step 1,234 of 18,440.');
    expect(trainingLine({ ...view, state: 'stopped' })).toBe('Stopped at step 1,234 of 18,440: loss 0.3123, validation 0.2891.');
    expect(trainingLine({ ...view, state: 'finished', step: 18440, seconds: 262 })).toBe('Finished 18,440 steps in 4 min 22 s (4,412 img/s on wasm): loss 0.3123, validation 0.2891.');
    expect(trainingLine({ ...view, state: 'starting', nEpoch: 1, totalSteps: 922 })).toBe('Starting: 922 steps (1 epoch).');
    expect(trainingLine({ ...view, loss: NaN })).toContain('loss NaN (diverged)');
  });
});

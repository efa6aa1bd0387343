// One host (issue 10): the workshop's real cells, run in Node by the page's own NotebookRuntime,
// train the host's model with the library's loop, become the page's current model, reproduce the
// seed's learning-rate sweep, stop and resume from a checkpoint, and evaluate the reference weights.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeNotebook, type CellResult } from './notebook-node';
import { nodeMnist } from './lenet-mnist';
import { createModel, getWeights } from '../../src/lib/lenet/model';
import { DataLoader, Dataset, train, type Module } from '../../src/lib/torchlike';
import { weightsFromParts } from '../../src/lib/lenet/weights-file';
import type { TrainingView } from '../../src/lib/notebook/protocol';

type NB = ReturnType<typeof nodeNotebook>;

/** A workshop exercise's starter (the first ```ts block) and solution (the block inside <Solution>). */
function exerciseCode(id: string): { starter: string; solution: string } {
  const mdx = readFileSync('content/workshops/10-lenet5.mdx', 'utf8');
  const start = mdx.indexOf(`<Exercise id="${id}"`);
  const body = mdx.slice(start, mdx.indexOf('</Exercise>', start));
  const blocks = [...body.matchAll(/```ts\n([\s\S]*?)\n```/g)].map((m) => m[1]);
  const solution = body.slice(body.indexOf('<Solution>'));
  return { starter: blocks[0], solution: /```ts\n([\s\S]*?)\n```/.exec(solution)![1] };
}

const ok = (r: CellResult) => {
  expect(r.error, r.text).toBeUndefined();
  expect(r.ok).toBe(true);
  return r;
};

/** The cells up to the training function, with the data loaders' epochs shortened to `scale`. */
async function prepare(nb: NB, scale: number) {
  for (const id of ['setup', 'load-mnist', 'inspect', 'split', 'lenet5']) ok(await nb.run(id));
  ok(await nb.run('loaders', nb.cells.get('loaders')!.replace('const epochScale = 1;', `const epochScale = ${scale};`)));
  ok(await nb.run('train'));
}

const training = (r: CellResult) => r.outputs.filter((o): o is TrainingView => o.kind === 'training');

describe('the workshop notebook on the host (in Node)', () => {
  let nb: NB;
  beforeAll(async () => {
    nb = nodeNotebook();
    await prepare(nb, 0.02);
  }, 120_000);

  it('the data cells load the one copy of MNIST and show the notebook\'s facts', async () => {
    const r = ok(await nb.run('inspect'));
    expect(r.outputs[0]).toMatchObject({ kind: 'images', columns: 5 });
    expect(r.text).toContain('$$N=60000$$');
    expect(r.text).toContain('28x28');
  });

  it('LeNet5() in the notebook is the library\'s LeNet-5: same layers, same PyTorch-style initial weights', async () => {
    const r = ok(await nb.run('check', 'manualSeed(3); const mine = new LeNet5(); mine'));
    expect(r.ok).toBe(true);
    const mine = nb.notebook.runtime.scope.mine as Module;
    const engine = createModel(nb.notebook.host.tf!, 3);
    expect(mine.parameterCount()).toBe(61706);
    expect(mine.parameters().map((p) => p.shape)).toEqual(engine.parameters().map((p) => p.shape));
    expect((await getWeights(mine)).data).toEqual((await getWeights(engine)).data);
    engine.dispose();
  });

  it("the notebook's train() is the library's loop: the same losses, step for step", async () => {
    const r = ok(await nb.run('compare', `
      manualSeed(5);
      const netA = new LeNet5();
      const loaderA = new DataLoader(datasetTrain, { batchSize: 64, indices: indicesTrain2, shuffle: true, fraction: 30 / 922 });
      const [lossesA, valA] = await train(netA, 0.1, 1, loaderA, dataloaderValidation);
      ({ lossesA, valA })`));
    const { lossesA, valA } = nb.notebook.runtime.scope as unknown as { lossesA: number[]; valA: number[] };
    expect(r.outputs.some((o) => o.kind === 'training')).toBe(true);
    const { train: src } = nodeMnist();
    const tf = nb.notebook.host.tf!;
    const net = createModel(tf, 5);
    const dataset = new Dataset({ name: 'train', count: src.labels.length, rows: 28, cols: 28, images: src.images, labels: src.labels });
    const scope = nb.notebook.runtime.scope as unknown as { indicesTrain2: Int32Array; indicesValidation: Int32Array };
    const loader = new DataLoader(dataset, { batchSize: 64, indices: scope.indicesTrain2, shuffle: true, fraction: 30 / 922 });
    const validation = new DataLoader(dataset, { batchSize: 64, indices: scope.indicesValidation });
    const lib = await train(net, 0.1, 1, loader, validation);
    expect(lossesA).toHaveLength(30);
    expect(lib.lossTrainList).toEqual(lossesA);
    expect(lib.lossValidationList).toEqual(valA);
    net.dispose();
  });

  it('a training cell makes its net the page\'s current model, and the evaluation cells use it', async () => {
    const before = nb.events.filter((e) => e.type === 'model').length;
    const r = ok(await nb.run('training', nb.cells.get('training')!.replace('const nEpoch = 20;', 'const nEpoch = 2;')));
    const views = training(r);
    expect(views.at(-1)).toMatchObject({ state: 'finished', step: 38, totalSteps: 38 });
    expect(r.outputs.some((o) => o.kind === 'plot')).toBe(true);
    const models = nb.events.filter((e) => e.type === 'model').slice(before);
    expect(models.at(-1)).toMatchObject({ origin: 'notebook', info: { steps: 38, cell: 'training', label: 'α = 0.1' } });
    expect(nb.notebook.host.current?.net).toBe(nb.notebook.runtime.scope.net);
    // Two checkpoints (one per epoch) under the cell's run key.
    expect(nb.store.saved.get('training/α = 0.1')).toMatchObject({ step: 38, stepsPerEpoch: 19, totalSteps: 38, cell: 'training' });
    const lm = ok(await nb.run('load-model'));
    expect(lm.text).toContain('38 training steps');
    const risk = ok(await nb.run('test-risk'));
    const value = Number(/The test risk is: \$\$([\d.]+)\$\$/.exec(risk.text)?.[1]);
    // The cell's loop and the views' evaluation of the current model agree.
    nb.notebook.receive({ type: 'evaluate', id: 91 });
    await expect.poll(() => nb.events.find((e) => e.type === 'evaluation' && e.id === 91), { timeout: 30_000 }).toBeTruthy();
    const ev = nb.events.find((e) => e.type === 'evaluation' && e.id === 91) as Extract<(typeof nb.events)[number], { type: 'evaluation' }>;
    expect(value).toBe(Number(ev.testError.toPrecision(2)));
    const p = ok(await nb.run('predictions'));
    expect(p.outputs[0]).toMatchObject({ kind: 'images' });
    const tf = nb.notebook.host.tf!;
    const tensors = tf.memory().numTensors;
    ok(await nb.run('test-risk'));
    expect(tf.memory().numTensors).toBe(tensors);
  }, 120_000);

  it('Stop saves a checkpoint; "Resume training" continues from it with the same losses as an uninterrupted run', async () => {
    const src = `manualSeed(9);\n${nb.cells.get('training')!.replace('const nEpoch = 20;', 'const nEpoch = 2;')}`;
    const full = ok(await nb.run('training', src));
    const reference = (nb.notebook.runtime.scope.lossTrainList as number[]).slice();
    expect(training(full).at(-1)!.step).toBe(38);
    nb.store.saved.clear();
    // Stop at step ≥ 10, as the Stop button does.
    const stopping = setInterval(() => {
      const run = nb.notebook.host.current;
      if (run && run.info.cell === 'training' && run.info.steps >= 10) nb.notebook.receive({ type: 'interrupt' });
    }, 1);
    const stopped = await nb.run('training', src);
    clearInterval(stopping);
    expect(stopped.ok).toBe(false);
    expect(stopped.error?.name).toBe('Interrupted');
    const view = training(stopped).at(-1)!;
    expect(view.state).toBe('stopped');
    const saved = nb.store.saved.get('training/α = 0.1')!;
    expect(saved.step).toBe(view.step);
    expect(saved.step).toBeGreaterThanOrEqual(10);
    const resumed = ok(await nb.run('training', src, { resume: true }));
    expect(training(resumed).at(-1)!.note).toMatch(new RegExp(`^Resumed at step ${saved.step} `));
    const losses = nb.notebook.runtime.scope.lossTrainList as number[];
    expect(losses).toHaveLength(38);
    losses.forEach((l, i) => expect(l).toBeCloseTo(reference[i], 5));
  }, 120_000);

  it("the workshop's exercise \"Stride instead of pooling\": the starter fails, the solution trains and passes", async () => {
    const { starter, solution } = exerciseCode('strided-lenet');
    const wrong = ok(await nb.run('ex-strided', starter, { check: 'strided-lenet' }));
    expect(wrong.report).toMatchObject({ verdict: 'wrong' });
    expect(wrong.report!.message).toContain('still has 2 max pooling layers');
    const right = ok(await nb.run('ex-strided', solution, { check: 'strided-lenet' }));
    expect(right.text).toContain('StridedLeNet5: 62896 parameters; LeNet-5: 61706');
    expect(right.report).toMatchObject({ verdict: 'correct' });
    expect(right.report!.message).toMatch(/62,896 parameters, 1,190 more than LeNet-5's 61,706.*validation loss is [\d.]+/);
  }, 120_000);

  it('Skip ahead: the reference weights become the notebook\'s net, and the test-risk cell measures 0.90%', async () => {
    const meta = JSON.parse(readFileSync('public/models/lenet5-reference/lenet5.json', 'utf8'));
    const weights = weightsFromParts(meta, new Uint8Array(readFileSync('public/models/lenet5-reference/lenet5.bin')));
    weights.info = { ...weights.info, source: 'reference' };
    nb.notebook.receive({ type: 'setWeights', id: 77, weights, origin: 'reference' });
    await expect.poll(() => nb.events.find((e) => e.type === 'weights' && e.id === 77)).toBeTruthy();
    expect(nb.notebook.host.current?.origin).toBe('reference');
    const risk = ok(await nb.run('test-risk'));
    expect(risk.text).toContain('The test risk is: $$0.0090$$');

    // The exercise "The surest mistakes", on this net: the solution passes; an unsorted answer is told so.
    const { solution } = exerciseCode('confident-mistakes');
    const right = ok(await nb.run('ex-surest', solution, { check: 'confident-mistakes' }));
    expect(right.report).toMatchObject({ verdict: 'correct' });
    expect(right.outputs.some((o) => o.kind === 'images')).toBe(true);
    const unsorted = ok(await nb.run('ex-surest', solution.replace('mistakes.sort((a, b) => b.p - a.p);', 'mistakes.sort((a, b) => a.p - b.p);'), { check: 'confident-mistakes' }));
    expect(unsorted.report).toMatchObject({ verdict: 'wrong' });
    expect(unsorted.report!.mismatch).toBeDefined();
  }, 120_000);
});

describe("the seed's learning-rate sweep, in the notebook's own cells", () => {
  it('after one epoch each: α = 1 stays near 2.3, α = 0.1 reaches 0.1–0.15, α = 0.01 stays above 2.0; the verdict says so', async () => {
    const nb = nodeNotebook();
    await prepare(nb, 1);
    const r = ok(await nb.run('lr-sweep'));
    const runs = nb.notebook.runtime.scope.sweepRuns as { alpha: number; lossTrainList: number[]; lossValidationList: number[] }[];
    const end = runs.map((s) => s.lossValidationList.at(-1)!);
    console.log(`sweep validation losses after one epoch: ${runs.map((s, i) => `α=${s.alpha}: ${end[i].toFixed(3)}`).join(', ')}`);
    expect(runs.map((s) => s.lossTrainList.length)).toEqual([922, 922, 922]);
    expect(end[0]).toBeGreaterThan(2.2);
    expect(end[0]).toBeLessThan(2.4);
    expect(end[1]).toBeGreaterThan(0.05);
    expect(end[1]).toBeLessThan(0.2);
    expect(end[2]).toBeGreaterThan(2.0);
    expect(r.text).toContain('α = 1: the loss did not improve at all (too high a rate).');
    expect(r.text).toMatch(/α = 0\.01: the loss fell only a little within the run \(too low a rate: too slow\)\./);
    expect(r.text).toContain('α = 0.1 reached the lowest validation loss');
  }, 600_000);
});

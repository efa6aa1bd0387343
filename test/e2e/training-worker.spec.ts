// Training in the notebook's worker as the page trains, and as the bench drives it: the built worker
// chunk, started from the workshop page and sent the workshop's own cells the way the page's session
// sends them (test/engines/notebook-worker.ts), trains LeNet-5 on real MNIST (wasm) with the
// notebook's loop, streams its live view, stops at once, resumes from its checkpoint, never freezes
// the page, and the committed reference weights reach the promised test error.
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, GROSS_BLOCK_MS, GROSS_RESPONSE_MS } from './fixtures';
import { installNotebookClient, loadersCell, lossLists, notebookWorkerChunk, preparedCells, trainingCell, workshopCells, type CellRun, type NotebookClient } from '../engines/notebook-worker';
import type { TrainingView } from '../../src/lib/notebook/protocol';

const dist = resolve(process.env.DIST_DIR || 'dist');
const cells = workshopCells();
/** The page's globals this spec sets (types only: page functions travel as text). */
type Win = { __notebooks: Map<string, NotebookClient>; __longTasks: number[] };

/** The notebook's worker in the workshop page, at window.__notebooks.get('e2e'), and a long-task log. */
async function startNotebook(page: Page, baseURL: string) {
  const chunk = notebookWorkerChunk(dist);
  if (!chunk) throw new Error(`no notebook.worker-*.js in ${dist}/_astro: the workshop page must ship the notebook's worker`);
  await page.goto('workshops/10-lenet5/');
  await page.evaluate(installNotebookClient, { url: new URL(chunk, baseURL).href, name: 'e2e' });
  await page.evaluate(() => {
    const longTasks: number[] = [];
    new PerformanceObserver((list) => list.getEntries().forEach((t) => longTasks.push(t.duration))).observe({ type: 'longtask' });
    (globalThis as unknown as Win).__longTasks = longTasks;
  });
}

/** Runs cells in order in the page's notebook; a cell that fails fails the test with its error. */
async function runCells(page: Page, list: [string, string][], opts: { resume?: boolean } = {}): Promise<{ run: CellRun; views: TrainingView[] }> {
  const result = await page.evaluate(async ({ list, opts }) => {
    const nb = (globalThis as unknown as Win).__notebooks.get('e2e')!;
    nb.views.length = 0;
    let run: CellRun | undefined;
    for (const [id, source] of list) {
      run = await nb.run(id, source, opts);
      if (!run.ok) return { run, failed: id, views: nb.views };
    }
    return { run: run!, failed: null, views: nb.views };
  }, { list, opts });
  expect(result.failed, `${result.failed}: ${result.run.error?.message}`).toBeNull();
  return result;
}

test.describe("training in the notebook's worker", () => {
  test.setTimeout(240_000);

  test('trains on wasm, streams progress, stops at once and resumes from its checkpoint', async ({ page, baseURL }) => {
    await startNotebook(page, baseURL!);
    const ready = (await page.evaluate(() => (globalThis as unknown as Win).__notebooks.get('e2e')!.request({ type: 'init' }, 'ready'))) as { backend: string; backends: { name: string; available: boolean }[] };
    // No GPU here: WebGL/WebGPU are software renderers, so the worker picks wasm by itself.
    expect(ready.backend).toBe('wasm');
    expect(ready.backends.find((b) => b.name === 'wasm')?.available).toBe(true);
    const data = (await page.evaluate(() => (globalThis as unknown as Win).__notebooks.get('e2e')!.request({ type: 'loadData' }, 'dataReady'))) as { counts: unknown };
    expect(data.counts).toEqual({ train: 58976, validation: 1024, test: 10000 });

    // 250 steps, validation every 100: the validation loss falls, the live view streams, no long tasks.
    await runCells(page, preparedCells(cells, { steps: 250 }));
    await page.evaluate(() => ((globalThis as unknown as Win).__longTasks.length = 0));
    const first = await runCells(page, [['training', trainingCell(cells, 0)]]);
    const lists = lossLists(first.run.text)!;
    expect(lists.lossTrainList).toHaveLength(250);
    expect(lists.validationSteps).toEqual([0, 100, 200]);
    expect(lists.lossValidationList[2]).toBeLessThan(lists.lossValidationList[0] * 0.5);
    const running = first.views.filter((v) => v.state === 'running');
    expect(running.length).toBeGreaterThan(2);
    const end = first.views.at(-1)!;
    expect(end.state).toBe('finished');
    expect(end.step).toBe(250);
    // The view's curve holds every step's loss (250 points: one per step).
    expect(end.train.map(([, loss]) => loss)).toEqual(lists.lossTrainList);
    expect(end.imagesPerSec).toBeGreaterThan(0);
    expect(end.note).toMatch(/Checkpoint saved in this browser at step 250\b/);
    const longTasks = (await page.evaluate(() => (globalThis as unknown as Win).__longTasks)) as number[];
    expect(longTasks.filter((d) => d > GROSS_BLOCK_MS), `main-thread tasks over ${GROSS_BLOCK_MS} ms while training`).toEqual([]);

    // Stop acts within a batch or two of a running loop, and leaves a checkpoint to resume from. The
    // run is paused first so that the step it stops from is known exactly; Continue and Stop follow at once.
    await runCells(page, [['loaders', loadersCell(cells, { steps: 300 })]]);
    const stopped = await page.evaluate(async (source) => {
      const nb = (globalThis as unknown as Win).__notebooks.get('e2e')!;
      nb.views.length = 0;
      const run = nb.run('training', source);
      const latest = () => nb.views.at(-1);
      const sleep = () => new Promise((r) => setTimeout(r, 20));
      while (!(latest()?.state === 'running' && latest()!.step >= 20)) await sleep();
      nb.send({ type: 'pause' });
      while (latest()!.state !== 'paused') await sleep();
      const pausedAt = latest()!.step;
      const t0 = performance.now();
      nb.send({ type: 'resume' });
      nb.send({ type: 'interrupt' });
      const done = await run;
      return { done, pausedAt, ms: performance.now() - t0, end: latest()! };
    }, trainingCell(cells, 1));
    expect(stopped.done.interrupted).toBe(true);
    expect(stopped.end.state).toBe('stopped');
    expect(stopped.ms).toBeLessThan(GROSS_RESPONSE_MS);
    expect(stopped.end.step).toBeGreaterThanOrEqual(stopped.pausedAt);
    expect(stopped.end.step).toBeLessThan(stopped.pausedAt + 10);
    expect(stopped.end.note).toMatch(new RegExp(`Stopped at step ${stopped.end.step}; the checkpoint keeps it`));

    // "Resume training": the same cell continues at the checkpoint's step with its history, to the end.
    const resumed = await runCells(page, [['training', trainingCell(cells, 1)]], { resume: true });
    const from = stopped.end.step;
    expect(resumed.views.find((v) => v.state === 'running')?.step).toBe(from);
    const last = resumed.views.at(-1)!;
    expect(last.label).toBe('α = 0.1');
    expect(last.note).toMatch(new RegExp(`^Resumed at step ${from} from the checkpoint saved`));
    expect(last.state).toBe('finished');
    expect(last.step).toBe(300);
    const history = lossLists(resumed.run.text)!;
    expect(history.lossTrainList).toHaveLength(300);
    expect(history.validationSteps).toEqual([0, 100, 200]);
  });

  test('the reference weights reach a test error of at most 1.2%', async ({ page, baseURL }) => {
    await startNotebook(page, baseURL!);
    const result = await page.evaluate(async () => {
      const nb = (globalThis as unknown as Win).__notebooks.get('e2e')!;
      const base = document.baseURI.replace(/workshops\/10-lenet5\/.*$/, '');
      const meta = await (await fetch(`${base}models/lenet5-reference/lenet5.json`)).json();
      const bytes = await (await fetch(`${base}models/lenet5-reference/lenet5.bin`)).arrayBuffer();
      const view = new DataView(bytes);
      const data = new Float32Array(bytes.byteLength / 4);
      for (let i = 0; i < data.length; i++) data[i] = view.getFloat32(i * 4, true);
      await nb.request({ type: 'init' }, 'ready');
      await nb.request({ type: 'loadData' }, 'dataReady');
      await nb.request({ type: 'setWeights', weights: { format: meta.format, version: meta.version, specs: meta.specs, data, info: meta.info } }, 'weights');
      const ev = await nb.request({ type: 'evaluate' }, 'evaluation');
      return { testError: ev.testError, recorded: meta.reference.testError };
    });
    expect(result.testError).toBeLessThanOrEqual(0.012);
    expect(Math.abs(result.testError - result.recorded)).toBeLessThan(0.002);
  });
});

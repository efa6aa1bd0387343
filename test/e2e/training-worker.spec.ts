// The engine's protocol in the notebook's worker, as the bench drives it: the built worker chunk,
// started from the workshop page, trains LeNet-5 on real MNIST (wasm) with the notebook's loop,
// streams progress, stops at once, resumes from its checkpoint, never freezes the page, and the
// committed reference weights reach the promised test error.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, GROSS_BLOCK_MS, GROSS_RESPONSE_MS } from './fixtures';

const dist = resolve(process.env.DIST_DIR || 'dist');

function workerUrl(): string {
  const chunk = readdirSync(join(dist, '_astro')).find((f) => /^notebook\.worker-.*\.js$/.test(f));
  if (!chunk) throw new Error(`no notebook.worker-*.js in ${dist}/_astro: the workshop page must ship the notebook's worker`);
  return `_astro/${chunk}`;
}

/** Install a worker client in the page: window.__w.request(cmd, expectType) and an event log. */
async function startWorker(page: Page) {
  await page.goto('workshops/10-lenet5/');
  await page.evaluate((url) => {
    const base = document.baseURI.replace(/workshops\/10-lenet5\/.*$/, '');
    const w = new Worker(new URL(url, base), { type: 'module', name: 'e2e-training' });
    const events: { type: string; [k: string]: unknown }[] = [];
    let id = 1;
    w.addEventListener('message', (e) => events.push(e.data));
    const longTasks: number[] = [];
    new PerformanceObserver((list) => list.getEntries().forEach((t) => longTasks.push(t.duration))).observe({ type: 'longtask' });
    (window as unknown as { __w: unknown }).__w = {
      events,
      longTasks,
      send: (cmd: object) => w.postMessage(cmd),
      request: (cmd: object, expect: string) =>
        new Promise((resolve, reject) => {
          const myId = id++;
          const on = (e: MessageEvent) => {
            if (e.data.id !== myId) return;
            if (e.data.type === 'error') reject(new Error(e.data.message));
            else if (e.data.type === expect) resolve(e.data);
            else return;
            w.removeEventListener('message', on);
          };
          w.addEventListener('message', on);
          w.postMessage({ ...cmd, id: myId });
        }),
    };
  }, workerUrl());
}

type Ev = { type: string; [k: string]: unknown };

test.describe("the engine in the notebook's worker", () => {
  test.setTimeout(240_000);

  test('trains on wasm, streams progress, stops at once and resumes from its checkpoint', async ({ page }) => {
    await startWorker(page);
    const ready = (await page.evaluate(() => (window as any).__w.request({ type: 'init' }, 'ready'))) as Ev;
    // No GPU here: WebGL/WebGPU are software renderers, so the worker picks wasm by itself.
    expect(ready.backend).toBe('wasm');
    const backends = ready.backends as { name: string; available: boolean }[];
    expect(backends.find((b) => b.name === 'wasm')?.available).toBe(true);
    const data = (await page.evaluate(() => (window as any).__w.request({ type: 'loadData' }, 'dataReady'))) as Ev;
    expect(data.counts).toEqual({ train: 58976, validation: 1024, test: 10000 });

    // 250 steps, validation every 100: the validation loss falls, progress streams, no long tasks.
    await page.evaluate(() => ((window as any).__w.longTasks.length = 0));
    const done = (await page.evaluate(() =>
      (window as any).__w.request({ type: 'train', config: { alpha: 0.1, epochs: 1, maxSteps: 250, runValidationEvery: 100, seed: 0 } }, 'done'),
    )) as Ev;
    expect(done.reason).toBe('finished');
    expect(done.step).toBe(250);
    const history = done.history as { trainLosses: number[]; valLosses: number[]; valSteps: number[] };
    expect(history.valSteps).toEqual([0, 100, 200]);
    expect(history.valLosses[2]).toBeLessThan(history.valLosses[0] * 0.5);
    const events = (await page.evaluate(() => (window as any).__w.events)) as Ev[];
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)!.step).toBe(250);
    expect(progress.reduce((n, e) => n + (e.newTrainLosses as number[]).length, 0)).toBe(250);
    expect(progress.at(-1)!.imagesPerSec).toBeGreaterThan(0);
    expect(events.some((e) => e.type === 'checkpoint')).toBe(true);
    const longTasks = (await page.evaluate(() => (window as any).__w.longTasks)) as number[];
    expect(longTasks.filter((d) => d > GROSS_BLOCK_MS), `main-thread tasks over ${GROSS_BLOCK_MS} ms while training`).toEqual([]);

    // Stop acts within a batch or two, and leaves a checkpoint to resume from.
    const stopped = (await page.evaluate(async () => {
      const w = (window as any).__w;
      w.events.length = 0;
      const run = w.request({ type: 'train', config: { alpha: 0.1, epochs: 1, seed: 1 } }, 'done');
      while (!w.events.some((e: Ev) => e.type === 'progress' && (e.step as number) >= 20)) await new Promise((r) => setTimeout(r, 20));
      const stepAtStop = w.events.filter((e: Ev) => e.type === 'progress').at(-1).step;
      const t0 = performance.now();
      w.send({ type: 'stop' });
      const done = await run;
      return { done, stepAtStop, ms: performance.now() - t0, checkpoint: w.events.filter((e: Ev) => e.type === 'checkpoint').at(-1)?.checkpoint };
    })) as { done: Ev; stepAtStop: number; ms: number; checkpoint: { step: number } };
    expect(stopped.done.reason).toBe('stopped');
    expect(stopped.ms).toBeLessThan(GROSS_RESPONSE_MS);
    expect(stopped.done.step as number).toBeLessThan(stopped.stepAtStop + 10);
    expect(stopped.checkpoint.step).toBe(stopped.done.step);

    // Resume from that checkpoint: training continues at its step with its history.
    const resumed = (await page.evaluate(async () => {
      const w = (window as any).__w;
      const checkpoint = w.events.filter((e: Ev) => e.type === 'checkpoint').at(-1).checkpoint;
      w.events.length = 0;
      const run = w.request({ type: 'train', config: { alpha: 1, epochs: 1 }, resumeFrom: { ...checkpoint, config: { ...checkpoint.config, maxSteps: checkpoint.step + 5 } } }, 'done');
      const done = await run;
      return { done, start: w.events.find((e: Ev) => e.type === 'trainStart'), from: checkpoint.step };
    })) as { done: Ev; start: Ev; from: number };
    expect(resumed.start.startStep).toBe(resumed.from);
    expect((resumed.start.config as { alpha: number }).alpha).toBe(0.1);
    expect(resumed.done.step).toBe(resumed.from + 5);
    expect((resumed.done.history as { trainLosses: number[] }).trainLosses).toHaveLength(resumed.from + 5);
  });

  test('the reference weights reach a test error of at most 1.2%', async ({ page }) => {
    await startWorker(page);
    const result = await page.evaluate(async () => {
      const w = (window as any).__w;
      const base = document.baseURI.replace(/workshops\/10-lenet5\/.*$/, '');
      const meta = await (await fetch(`${base}models/lenet5-reference/lenet5.json`)).json();
      const bytes = await (await fetch(`${base}models/lenet5-reference/lenet5.bin`)).arrayBuffer();
      const view = new DataView(bytes);
      const data = new Float32Array(bytes.byteLength / 4);
      for (let i = 0; i < data.length; i++) data[i] = view.getFloat32(i * 4, true);
      await w.request({ type: 'init' }, 'ready');
      await w.request({ type: 'loadData' }, 'dataReady');
      await w.request({ type: 'setWeights', weights: { format: meta.format, version: meta.version, specs: meta.specs, data, info: meta.info } }, 'weights');
      const ev = await w.request({ type: 'evaluate' }, 'evaluation');
      return { testError: ev.testError, recorded: meta.reference.testError };
    });
    expect(result.testError).toBeLessThanOrEqual(0.012);
    expect(Math.abs(result.testError - result.recorded)).toBeLessThan(0.002);
  });
});

// The bench's measurements inside a page of the site, in any engine (an EnginePage from
// test/engines/drivers): training through the notebook's worker as the page trains (the workshop's
// own cells, see test/engines/notebook-worker.ts), the views' inference requests, and the per-kernel
// profile. Each page-side function is self-contained: it travels as text to WebDriver.
import { installNotebookClient, preparedCells, trainingCell, workshopCells } from '../test/engines/notebook-worker.ts';
import { root } from './bench-site.mjs';

/** @typedef {import('../test/engines/engine-page.ts').EnginePage} EnginePage */
/** @typedef {import('../test/engines/notebook-worker.ts').NotebookClient} NotebookClient */

const cells = workshopCells(root);

/**
 * In the page: the notebook worker `name` (created once; `threads=N` in the name sets wasm's threads)
 * on `backend`, with the workshop's cells up to the training function run and epochs of `steps`
 * batches of 64. A call of its own, so that no one call runs long (WebDriver's script timeout).
 * @param {EnginePage} page @param {string} url @param {string} name @param {string} backend @param {number} steps
 * @returns {Promise<{ backend: string, detail?: string }>}
 */
export async function prepareInPage(page, url, name, backend, steps) {
  await page.evaluate(installNotebookClient, { url, name });
  return page.evaluate(
    async ({ name, backend, source }) => {
      /** @type {NotebookClient} */
      const nb = globalThis.__notebooks.get(name);
      const ready = await nb.request({ type: 'setBackend', backend }, 'ready');
      for (const [id, src] of source) {
        const run = await nb.run(id, src);
        if (!run.ok) throw new Error(`cell ${id}: ${run.error?.name}: ${run.error?.message}`);
      }
      return { backend: ready.backend, detail: ready.backends.find((b) => b.name === backend)?.detail };
    },
    { name, backend, source: preparedCells(cells, { steps }) },
  );
}

/**
 * In the page: one run of the workshop's training cell (a fresh LeNet-5 from seed `seed`) on the
 * prepared worker, stopped with the notebook's Stop `maxSeconds` after warm-up (or 10 + maxSeconds
 * after it started). Timing comes from the run's live views: each carries its step and the worker's
 * seconds since the run began.
 * @param {EnginePage} page @param {string} name @param {{ seed: number, warmup: number, maxSeconds: number }} o
 */
export async function trainInPage(page, name, { seed, warmup, maxSeconds }) {
  return page.evaluate(
    async ({ name, source, warmup, maxSeconds }) => {
      /** @type {NotebookClient} */
      const nb = globalThis.__notebooks.get(name);
      nb.views.length = 0;
      let stopTimer;
      let hardStop;
      // Warm-up ends after `warmup` steps or 10 s, whichever comes first (slow software backends).
      const warm = (v) => v.step >= warmup || v.seconds >= 10;
      nb.onView = (v) => {
        // Hard limit per run, for backends too slow to reach the warm-up (e.g. software WebGPU).
        hardStop ??= setTimeout(() => nb.send({ type: 'interrupt' }), (10 + maxSeconds) * 1000);
        if (warm(v)) stopTimer ??= setTimeout(() => nb.send({ type: 'interrupt' }), maxSeconds * 1000);
      };
      const run = await nb.run('training', source);
      nb.onView = undefined;
      clearTimeout(stopTimer);
      clearTimeout(hardStop);
      if (!run.ok && !run.interrupted) throw new Error(`training: ${run.error?.name}: ${run.error?.message}`);
      // Steps and seconds of the running views (the last ones also hold a checkpoint's save).
      const running = nb.views.filter((v) => v.state === 'running');
      const first = running.find(warm) ?? running[0];
      const last = running.at(-1);
      const measured = first && last && last.step > first.step ? { steps: last.step - first.step, ms: (last.seconds - first.seconds) * 1000, warm: warm(first) } : null;
      const end = nb.views.at(-1);
      return { measured, doneSteps: end?.step ?? 0, lastLoss: end?.loss ?? NaN };
    },
    { name, source: trainingCell(cells, seed), warmup, maxSeconds },
  );
}

/**
 * In the page, on the worker that just trained: the 10,000-image test evaluation (test risk and
 * confusion matrix come from it) and a one-image prediction (the drawing pad's), round trips
 * through the worker as the page makes them; medians in ms.
 * @param {EnginePage} page @param {string} name
 */
export async function inferenceInPage(page, name) {
  return page.evaluate(
    async (name) => {
      /** @type {NotebookClient} */
      const nb = globalThis.__notebooks.get(name);
      const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const time = async (n, f) => {
        const ts = [];
        for (let i = 0; i < n; i++) {
          const t0 = performance.now();
          await f();
          ts.push(performance.now() - t0);
        }
        return med(ts);
      };
      await nb.request({ type: 'evaluate' }, 'evaluation');
      const evaluateMs = await time(3, () => nb.request({ type: 'evaluate' }, 'evaluation'));
      const image = new Float32Array(784).map((_, i) => ((i * 37) % 255) / 255);
      await nb.request({ type: 'predict', images: image.slice(), n: 1 }, 'predictions');
      const predictMs = await time(30, () => nb.request({ type: 'predict', images: image.slice(), n: 1 }, 'predictions'));
      return { evaluateMs, predictMs };
    },
    name,
  );
}

/**
 * The per-kernel profile of one step, from the bench's profiling worker.
 * @param {EnginePage} page @param {string} url @param {string} name @param {string} backend @param {{ steps: number, warmup: number }} o
 */
export async function profileInPage(page, url, name, backend, { steps, warmup }) {
  return page.evaluate(
    ({ url, name, backend, steps, warmup }) =>
      new Promise((resolve, reject) => {
        const w = new Worker(url, { type: 'module', name });
        w.onmessage = (e) => {
          w.terminate();
          if (e.data.type === 'error') reject(new Error(e.data.message));
          else resolve(e.data);
        };
        w.postMessage({ backend, steps, warmup });
      }),
    { url, name, backend, steps: Math.min(steps, 50), warmup },
  );
}

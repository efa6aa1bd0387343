// Every backend trains LeNet-5 the same way: 50 SGD steps from the same weights on the same
// batches give wasm's loss curve on WebGL and WebGPU (here software-rendered: SwiftShader), and
// wasm with 2 threads gives exactly the 1-thread curve. Runs the workshop's own cells in the site's
// notebook worker as the page does (test/engines/notebook-worker.ts), cross-origin isolated as the
// site is served. Small batches keep software WebGPU within minutes.
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { installNotebookClient, lossLists, notebookWorkerChunk, preparedCells, trainingCell, workshopCells, type NotebookClient } from '../engines/notebook-worker';

const dist = resolve(process.env.DIST_DIR || 'dist');
const STEPS = 50;
const BATCH = 4;
const cells = workshopCells();

interface Run {
  backend: string;
  detail?: string;
  losses: number[];
}

/**
 * In the page: a fresh notebook worker (`threads=N` in its name sets the wasm thread count) on
 * `backend` runs the workshop's cells and trains STEPS steps from the seed-3 initial weights. The
 * validation pass before the first step reads one batch instead of 1,024 images (minutes on software
 * WebGPU); it does not change the weights.
 */
async function train(page: Page, baseURL: string, backend: string, threads?: number): Promise<Run> {
  const chunk = notebookWorkerChunk(dist);
  if (!chunk) throw new Error(`no notebook.worker-*.js in ${dist}/_astro: the workshop page must ship the notebook's worker`);
  const name = `e2e-${backend}${threads ? ` threads=${threads}` : ''}`;
  await page.evaluate(installNotebookClient, { url: new URL(chunk, baseURL).href, name });
  const source = [...preparedCells(cells, { steps: STEPS, batchSize: BATCH, validationImages: BATCH }), ['training', trainingCell(cells, 3)]];
  const result = await page.evaluate(
    async ({ name, backend, source }) => {
      const notebooks = (globalThis as unknown as { __notebooks: Map<string, NotebookClient> }).__notebooks;
      const nb = notebooks.get(name)!;
      try {
        const ready = await nb.request({ type: 'setBackend', backend }, 'ready');
        let text = '';
        for (const [id, src] of source) {
          const run = await nb.run(id, src);
          if (!run.ok) throw new Error(`${id}: ${run.error?.message}`);
          text = run.text;
        }
        return { backend: ready.backend, detail: ready.backends.find((b) => b.name === backend)?.detail, text };
      } finally {
        nb.worker.terminate();
        notebooks.delete(name);
      }
    },
    { name, backend, source },
  );
  return { backend: result.backend, detail: result.detail, losses: lossLists(result.text)?.lossTrainList ?? [] };
}

// WebGPU needs the unsafe flag in headless Chromium, and the GPU process (software here).
test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-quic', '--no-first-run', '--enable-unsafe-webgpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  },
});

test.describe('tfjs backends train LeNet-5 alike', () => {
  test.setTimeout(600_000);

  let wasm: Run;
  test.beforeEach(async ({ page, baseURL }) => {
    await page.goto('workshops/10-lenet5/');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    wasm ??= await train(page, baseURL!, 'wasm', 1);
    expect(wasm.losses).toHaveLength(STEPS);
    expect(wasm.detail).toMatch(/1 thread/);
  });

  test('wasm with 2 threads gives the 1-thread loss curve exactly', async ({ page, baseURL }) => {
    const two = await train(page, baseURL!, 'wasm', 2);
    expect(two.detail).toMatch(/2 threads/);
    expect(two.losses).toEqual(wasm.losses);
  });

  // The page's own setting: every core, adaptive. Its first ~12 steps alternate 1 and 2 threads
  // while the tuner explores (thread-tuner.ts), so the curve mixes both counts.
  test('adaptive threads give the 1-thread loss curve exactly', async ({ page, baseURL }) => {
    const adaptive = await train(page, baseURL!, 'wasm');
    expect(adaptive.backend).toBe('wasm');
    expect(adaptive.detail).toMatch(/2 threads/);
    expect(adaptive.losses).toEqual(wasm.losses);
  });

  for (const backend of ['webgl', 'webgpu']) {
    test(`${backend} gives wasm's loss curve over ${STEPS} steps`, async ({ page, baseURL }) => {
      const run = await train(page, baseURL!, backend);
      expect(run.backend).toBe(backend);
      expect(run.losses).toHaveLength(STEPS);
      const worst = Math.max(...run.losses.map((l, i) => Math.abs(l - wasm.losses[i])));
      test.info().annotations.push({ type: 'largest loss difference from wasm', description: `${worst} (${run.detail ?? backend})` });
      expect(worst, `largest difference from wasm's curve (${run.detail ?? backend})`).toBeLessThan(2e-3);
    });
  }
});

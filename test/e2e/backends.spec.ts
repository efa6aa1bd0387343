// Every backend trains LeNet-5 the same way: 50 SGD steps from the same weights on the same
// batches give wasm's loss curve on WebGL and WebGPU (here software-rendered: SwiftShader), and
// wasm with 2 threads gives exactly the 1-thread curve. Runs the site's own training worker,
// cross-origin isolated as the site is served. Small batches keep software WebGPU within minutes.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

const dist = resolve(process.env.DIST_DIR || 'dist');
const STEPS = 50;
const BATCH = 4;

function workerUrl(): string {
  const chunk = readdirSync(join(dist, '_astro')).find((f) => /^notebook\.worker-.*\.js$/.test(f));
  if (!chunk) throw new Error(`no notebook.worker-*.js in ${dist}/_astro: the workshop page must ship the notebook's worker`);
  return `_astro/${chunk}`;
}

interface Run {
  backend: string;
  detail?: string;
  losses: number[];
}

/**
 * In the page: a fresh worker (`threads=N` in its name sets the wasm thread count) trains STEPS steps on
 * `backend` from the seed-3 initial weights. Resuming from a step-0 checkpoint that already has its
 * validation skips the 1,024-image validation pass (minutes on software WebGPU).
 */
async function train(page: Page, backend: string, threads?: number): Promise<Run> {
  return page.evaluate(
    async ({ url, name, backend, steps, batch }) => {
      const w = new Worker(new URL(url, document.baseURI.replace(/workshops\/.*$/, '')), { type: 'module', name });
      let id = 0;
      const request = (cmd: object, expect: string) =>
        new Promise<any>((resolve, reject) => {
          const mine = ++id;
          const on = (e: MessageEvent) => {
            if (e.data.id !== mine || (e.data.type !== expect && e.data.type !== 'error')) return;
            w.removeEventListener('message', on);
            if (e.data.type === 'error') reject(new Error(e.data.message));
            else resolve(e.data);
          };
          w.addEventListener('message', on);
          w.postMessage({ ...cmd, id: mine });
        });
      try {
        const ready = await request({ type: 'setBackend', backend }, 'ready');
        await request({ type: 'loadData' }, 'dataReady');
        const { weights } = await request({ type: 'resetModel', seed: 3 }, 'weights');
        const config = { alpha: 0.1, epochs: 1, seed: 0, batchSize: batch, maxSteps: steps, runValidationEvery: 1000 };
        const history = { trainLosses: [], valLosses: [NaN], valSteps: [0] };
        const done = await request({ type: 'train', config, resumeFrom: { weights, config, step: 0, history, savedAt: '' } }, 'done');
        const info = ready.backends.find((b: { name: string }) => b.name === backend);
        return { backend: ready.backend, detail: info?.detail, losses: done.history.trainLosses as number[] };
      } finally {
        w.terminate();
      }
    },
    { url: workerUrl(), name: `e2e-${backend}${threads ? ` threads=${threads}` : ''}`, backend, steps: STEPS, batch: BATCH },
  );
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
  test.beforeEach(async ({ page }) => {
    await page.goto('workshops/10-lenet5/');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    wasm ??= await train(page, 'wasm', 1);
    expect(wasm.losses).toHaveLength(STEPS);
    expect(wasm.detail).toMatch(/1 thread/);
  });

  test('wasm with 2 threads gives the 1-thread loss curve exactly', async ({ page }) => {
    const two = await train(page, 'wasm', 2);
    expect(two.detail).toMatch(/2 threads/);
    expect(two.losses).toEqual(wasm.losses);
  });

  for (const backend of ['webgl', 'webgpu']) {
    test(`${backend} gives wasm's loss curve over ${STEPS} steps`, async ({ page }) => {
      const run = await train(page, backend);
      expect(run.backend).toBe(backend);
      expect(run.losses).toHaveLength(STEPS);
      const worst = Math.max(...run.losses.map((l, i) => Math.abs(l - wasm.losses[i])));
      test.info().annotations.push({ type: 'largest loss difference from wasm', description: `${worst} (${run.detail ?? backend})` });
      expect(worst, `largest difference from wasm's curve (${run.detail ?? backend})`).toBeLessThan(2e-3);
    });
  }
});

#!/usr/bin/env node
// Whole-run figures, printed, never asserted: what a student waits for, in headless Chromium on the
// built site served cross-origin isolated (as GitHub Pages is through the service worker), next to
// PyTorch's wall time for the same 20 epochs in the same run (scripts/bench-torch.py --epochs).
//   run: phase=first-visit-trained-ready seconds=…   a first visit (nothing cached): the notebook's
//        cells up to the data loaders, "Skip ahead" (the reference weights), and the test risk measured
//   run: phase=20-epochs seconds=… training_seconds=… img_per_s=… test_error_percent=…   a fresh
//        notebook, MNIST cached: the cells up to `train`, the 20-epoch training cell, the test risk
//   run: phase=evaluate-10000 seconds=…   the test-risk cell alone, on the trained model
//   bench: pytorch-run threads=2 epochs=20 seconds=… test_error_percent=…
// Options: --dist DIR (default /tmp/cnn-bench-run/dist, built unless --reuse finds one), --port P
// (4475), --epochs N (20; fewer for a quick look), --threads N (PyTorch's, 2), --no-torch.
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSite, cell, freshNotebook, root, runCells, serveSite, setCode, WORKSHOP } from './bench-site.mjs';
import { cliOptions } from './cli-options.mjs';
import { launchIncognito } from './bench-memory-browser.mjs';

const args = cliOptions(import.meta.url, {
  dist: { type: 'string', default: '/tmp/cnn-bench-run/dist' },
  reuse: { type: 'boolean', default: false },
  port: { type: 'string', default: '4475' },
  epochs: { type: 'string', default: '20' },
  threads: { type: 'string', default: '2' },
  'no-torch': { type: 'boolean', default: false },
});
const epochs = Number(args.epochs);
const base = process.env.BASE_PATH || '/cnn-course/';
const dist = resolve(args.dist);
const origin = `http://127.0.0.1:${args.port}${base}`;
const load = () => loadavg().map((l) => l.toFixed(2)).join(',');
const DEFS = ['setup', 'load-mnist', 'split', 'lenet5', 'loaders', 'train'];

buildSite(dist, args.reuse);
const server = await serveSite(dist, Number(args.port));
// A first visit: an off-the-record context holds no cache, no MNIST, no saved runs.
const browser = await launchIncognito({ width: 1280, height: 900 });
console.log(`run: chromium ${browser.version}, ${cpus().length} cores, load ${load()}`);

/** The test risk the cell printed, as a percentage. */
async function testErrorPercent(page) {
  const text = await cell(page, 'test-risk').locator('.nb-output').innerText();
  const risk = Number(/(\d+(?:\.\d+)?(?:e-?\d+)?)/.exec(text.replace(/The test risk is:?/i, ''))?.[1]);
  return Number.isFinite(risk) ? (100 * risk).toFixed(2) : 'NA';
}

try {
  const page = await browser.context.newPage();
  let t0 = Date.now();
  await page.goto(`${origin}${WORKSHOP}`);
  await page.locator('nb-bar').waitFor();
  await runCells(page, DEFS);
  await page.locator('reference-weights [data-load]').click();
  await page.locator('reference-weights [data-status]').filter({ hasText: /Reference weights loaded/ }).waitFor({ timeout: 120_000 });
  await runCells(page, ['load-model', 'test-risk']);
  console.log(`run: phase=first-visit-trained-ready seconds=${((Date.now() - t0) / 1000).toFixed(1)} test_error_percent=${await testErrorPercent(page)} load=${load()}`);

  // 20 epochs in a fresh notebook (MNIST now cached, as on any later visit).
  await freshNotebook(page, origin);
  await runCells(page, DEFS);
  if (epochs !== 20) await setCode(page, 'training', (await cell(page, 'training').locator('pre').first().innerText()).replace('const nEpoch = 20;', `const nEpoch = ${epochs};`));
  t0 = Date.now();
  await runCells(page, ['training'], 3_600_000);
  const trainedIn = (Date.now() - t0) / 1000;
  const line = await cell(page, 'training').locator('.nb-output').innerText();
  // "Finished 18,440 steps in 1 min 57 s (10,083 img/s on wasm)…"
  const ips = /\(([\d,]+) img\/s/.exec(line)?.[1]?.replace(/,/g, '') ?? 'NA';
  t0 = Date.now();
  await runCells(page, ['load-model', 'test-risk']);
  const evalSeconds = (Date.now() - t0) / 1000;
  console.log(`run: phase=${epochs}-epochs seconds=${trainedIn.toFixed(1)} img_per_s=${ips} test_error_percent=${await testErrorPercent(page)} load=${load()}`);
  console.log(`run: phase=evaluate-10000 seconds=${evalSeconds.toFixed(2)} load=${load()}`);
} finally {
  await browser.close();
  server.kill();
}

if (!args['no-torch']) {
  const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0);
  if (!python) console.log('bench: pytorch not measured (no python3 with torch here; Debian: apt-get install python3-torch)');
  else {
    const r = spawnSync(python, [join(root, 'scripts/bench-torch.py'), '--threads', args.threads, '--epochs', String(epochs)], { encoding: 'utf8' });
    console.log(r.stdout.split('\n').find((l) => l.startsWith('bench: pytorch-run')) ?? `bench: pytorch-run failed: ${r.stderr.trim().split('\n').at(-1)}`);
  }
}

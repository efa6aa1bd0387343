#!/usr/bin/env node
// Responsiveness of the built site in headless Chromium, phase by phase: how long the page's main
// thread is blocked while a student works. One line per phase, e.g.
//   ui: phase=first-mnist-load longest_task_ms=38 tasks_over_50ms=0 top_script="…" target="0 tasks over 50 ms"
// Long Animation Frame entries say which script ran in the longest frame. A figure, not a test:
// run it on a quiet machine (the load average is printed with each line).
// Options: --dist DIR (a built site; default: build one into /tmp/cnn-bench-ui/dist, or reuse it
// with --reuse), --port P (4491), --steps N training steps from the notebook, one epoch (200; 922
// is a whole epoch, whose img/s compares with `npm run bench`), --only NAME[,NAME] runs only those phases
// (e.g. `--only print-flood,print-endless`: a cell that prints 100,000 lines, one that prints without end).
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { buildSite, cell, runCells, serveSite, setCode } from './bench-site.mjs';
import { observe, phase } from './bench-ui-phase.mjs';
import { cliOptions } from './cli-options.mjs';

const args = cliOptions(import.meta.url, {
  dist: { type: 'string', default: '/tmp/cnn-bench-ui/dist' },
  reuse: { type: 'boolean', default: false },
  port: { type: 'string', default: '4491' },
  steps: { type: 'string', default: '200' },
  only: { type: 'string', default: '' },
});
const base = process.env.BASE_PATH || '/cnn-course/';
const dist = resolve(args.dist);
const port = Number(args.port);
const steps = Number(args.steps);
const origin = `http://127.0.0.1:${port}${base}`;
const only = args.only.split(',').filter(Boolean);
const wanted = (name) => !only.length || only.includes(name);

buildSite(dist, args.reuse);
const server = await serveSite(dist, port);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

let exitCode = 0;
try {
  console.log(`ui: chromium ${browser.version()}, ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const context = await browser.newContext();
  const page = await context.newPage();
  await observe(page);
  await page.goto(`${origin}workshops/10-lenet5/`);
  await page.locator('nb-bar').waitFor();

  // A cell that prints 100,000 lines, then one that prints without end (stopped after 5 s): the page
  // must stay responsive, and the output area keeps the notebook's capped number of outputs.
  // A frozen page does not answer at all: that is the figure then.
  const outputNodes = (id) => cell(page, id).locator('.nb-output').evaluate((el) => el.querySelectorAll('*').length, null, { timeout: 30_000 }).catch(() => 'no answer in 30 s');
  if (wanted('print-flood')) {
    await setCode(page, 'inspect', 'for (let i = 0; i < 100000; i++) print(`line ${i}`);');
    await phase(page, 'print-flood', async () => {
      await runCells(page, ['inspect']);
      return ` output_nodes=${await outputNodes('inspect')}`;
    });
  }
  if (wanted('print-endless')) {
    await setCode(page, 'inspect', 'let i = 0;\nwhile (true) print(`line ${i++}`);');
    await phase(page, 'print-endless', async () => {
      await cell(page, 'inspect').getByRole('button', { name: 'Run', exact: true }).click();
      await page.waitForTimeout(5000);
      const nodes = await outputNodes('inspect');
      await page.locator('[data-nb-stop]').click({ timeout: 120_000 });
      await page.locator('[data-nb-status]').filter({ hasText: /restarted|Stopped/ }).waitFor({ timeout: 120_000 });
      return ` output_nodes_after_5s=${nodes}`;
    });
  }
  if (only.length && !only.some((n) => !n.startsWith('print-'))) throw new Error('done');
  await page.reload();
  await page.locator('nb-bar').waitFor();
  await page.evaluate(() => {
    for (const k of Object.keys(localStorage)) if (k.startsWith('cnn-course:nb-edit:')) localStorage.removeItem(k);
  });
  await page.reload();
  await page.locator('nb-bar').waitFor();

  await phase(page, 'first-mnist-load', () => runCells(page, ['load-mnist', 'inspect']));
  await page.reload();
  await page.locator('nb-bar').waitFor();
  await phase(page, 'cached-mnist-load', () => runCells(page, ['load-mnist', 'inspect']));

  // Training from the notebook: one epoch of `steps` steps (the loaders' epochScale), as a student runs it.
  const loaders = await cell(page, 'loaders').locator('pre').first().innerText();
  await setCode(page, 'loaders', loaders.replace('const epochScale = 1;', `const epochScale = ${steps / 922};`));
  const training = await cell(page, 'training').locator('pre').first().innerText();
  await setCode(page, 'training', training.replace('const nEpoch = 20;', 'const nEpoch = 1;'));
  await runCells(page, ['split', 'lenet5', 'loaders', 'train']);
  await phase(page, 'notebook-training', async () => {
    await runCells(page, ['training']);
    const view = cell(page, 'training').locator('.nb-out-training');
    return ` steps=${await view.getAttribute('data-step')} img_per_s=${await view.getAttribute('data-images-per-sec')}`;
  });

  // Views of the trained model: the confusion matrix and the mistakes evaluate it by themselves.
  await phase(page, 'views-evaluate', async () => {
    await page.locator('confusion-matrix [data-status]').filter({ hasText: 'misclassified' }).waitFor({ timeout: 120_000 });
  });

  // The lecture's widgets: every slider to both ends and back, every text field retyped.
  const lecture = await context.newPage();
  await observe(lecture);
  await lecture.goto(`${origin}lectures/10-cnn/`);
  await phase(lecture, 'lecture-widgets', async () => {
    const ranges = await lecture.locator('input[type="range"]:visible').all();
    for (const r of ranges) {
      await r.scrollIntoViewIfNeeded();
      for (const v of ['max', 'min', 'max']) {
        await r.evaluate((el, which) => {
          const input = /** @type {HTMLInputElement} */ (el);
          input.value = which === 'max' ? input.max : input.min;
          input.dispatchEvent(new Event('input', { bubbles: true }));
        }, v);
        await lecture.waitForTimeout(30);
      }
    }
    const fields = await lecture.locator('concept-1d input[type="text"]:visible, conv2d-explorer textarea:visible').all();
    for (const f of fields) {
      const value = await f.inputValue();
      await f.scrollIntoViewIfNeeded();
      await f.fill(value);
      await lecture.waitForTimeout(30);
    }
    return ` sliders=${ranges.length} fields=${fields.length}`;
  });
} catch (err) {
  // 'done': --only asked for the print phases alone.
  if (!(err instanceof Error && err.message === 'done')) {
    console.error(`ui: failed: ${err instanceof Error ? err.stack : err}`);
    exitCode = 1;
  }
} finally {
  await browser.close();
  server.kill();
}
process.exit(exitCode);

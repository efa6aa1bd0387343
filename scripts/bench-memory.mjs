#!/usr/bin/env node
// The workshop page's memory in headless Chromium, phase by phase: PSS (proportional set size, from
// /proc/<pid>/smaps_rollup) summed over every process of the browser's tree, less what the browser
// takes with one about:blank page (the `empty-browser` phase). One line per phase, e.g.
//   memory: phase=workshop-open pss_mb=… page_mb=… peak_page_mb=… renderer_mb=… gpu_mb=… seconds=… load=…
// pss_mb and page_mb are at the phase's end; peak_page_mb is the largest of the samples taken every
// 250 ms while the phase ran; renderer_mb etc. split pss_mb by Chromium process type. anon_* count
// only anonymous and shared memory (Pss_Anon + Pss_Shmem): PSS also splits the shared libraries'
// pages with every other program that maps them, so pss_mb moves with what else runs on the machine
// (an empty browser measured 382 MB in one run, 267 MB in the next); anon_page_mb does not.
// Phases: empty-browser; workshop-open (loaded, idle); run-all-short (Run all with the loaders cell's
// epochScale at 0.1, a first visit: MNIST is downloaded, then the views evaluate the model);
// full-epoch (a fresh notebook: load-mnist from the cache, split, lenet5, loaders, train, then the
// training cell stopped after its first epoch, step 922).
// The site is served cross-origin isolated (wasm with threads, as on GitHub Pages through the
// service worker); service workers are blocked, as in the browser tests, so the precache of the
// whole course is not counted. A figure, not a test: run it on a quiet machine (load printed).
// Options: --dist DIR (default /tmp/cnn-bench-mem/dist, built unless --reuse finds one), --port P
// (4470), --only NAME[,NAME] (phases after empty-browser and workshop-open), --incognito (an off-the-record
// context instead of a profile on disk).
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSite, cell, freshNotebook, runCells, serveSite, setCode, WORKSHOP } from './bench-site.mjs';
import { launchIncognito, launchProfile } from './bench-memory-browser.mjs';
import { treePss } from './proc-tree.mjs';
import { cliOptions } from './cli-options.mjs';

const args = cliOptions(import.meta.url, {
  dist: { type: 'string', default: '/tmp/cnn-bench-mem/dist' },
  reuse: { type: 'boolean', default: false },
  port: { type: 'string', default: '4470' },
  only: { type: 'string', default: '' },
  incognito: { type: 'boolean', default: false },
});
const base = process.env.BASE_PATH || '/cnn-course/';
const dist = resolve(args.dist);
const port = Number(args.port);
const origin = `http://127.0.0.1:${port}${base}`;
const only = args.only.split(',').filter(Boolean);
const wanted = (name) => !only.length || only.includes(name);
const STEPS_PER_EPOCH = 922; // ⌈58,976 / 64⌉
const mb = (kb) => Math.round(kb / 1024);
const load = () => loadavg().map((l) => l.toFixed(2)).join(',');

buildSite(dist, args.reuse);
const server = await serveSite(dist, port);
// A student's browser keeps the Cache API, IndexedDB and the HTTP cache on disk. Playwright's new
// contexts are off the record, which keeps all three in the browser's memory (+40–50 MB here): the
// default is a profile on disk, as a student has; --incognito measures the other.
const incognito = args.incognito;
const profile = mkdtempSync(join(tmpdir(), 'cnn-bench-mem-profile-'));
const viewport = { width: 1280, height: 900 };
/** @type {{ context: import('@playwright/test').BrowserContext, rootPid: number, version: string, close: () => Promise<void> }} */
const launched = incognito ? await launchIncognito(viewport) : await launchProfile(profile, viewport);

const rootPid = launched.rootPid;

/** The browser's PSS now: the total and per process type, in kB. */
const sample = () => treePss(rootPid);

let emptyKb = 0;
let emptyAnonKb = 0;
/** Samples every 250 ms while `work` runs and prints the phase's line; returns its figures. */
async function phase(name, work) {
  const t0 = Date.now();
  let peak = 0;
  let peakAnon = 0;
  const take = () => {
    const s = sample();
    peak = Math.max(peak, s.total);
    peakAnon = Math.max(peakAnon, s.anon);
  };
  take();
  const timer = setInterval(take, 250);
  let extra = '';
  try {
    extra = (await work()) ?? '';
  } finally {
    clearInterval(timer);
  }
  const end = sample();
  peak = Math.max(peak, end.total);
  peakAnon = Math.max(peakAnon, end.anon);
  if (name === 'empty-browser') [emptyKb, emptyAnonKb] = [end.total, end.anon];
  const types = Object.entries(end.byType).sort((a, b) => b[1] - a[1]).map(([t, kb]) => ` ${t}_mb=${mb(kb)}`).join('');
  console.log(
    `memory: phase=${name} pss_mb=${mb(end.total)} page_mb=${mb(end.total - emptyKb)} peak_page_mb=${mb(peak - emptyKb)}` +
      ` anon_page_mb=${mb(end.anon - emptyAnonKb)} anon_peak_page_mb=${mb(peakAnon - emptyAnonKb)}` +
      `${types} seconds=${((Date.now() - t0) / 1000).toFixed(0)}${extra} load=${load()}`,
  );
  return { pageKb: end.total - emptyKb, peakKb: peak - emptyKb, anonPeakKb: peakAnon - emptyAnonKb };
}

const idle = (page, ms) => page.waitForTimeout(ms);
const results = /** @type {Record<string, { pageKb: number, peakKb: number, anonPeakKb: number }>} */ ({});
let exitCode = 0;
try {
  console.log(`memory: chromium ${launched.version}, ${cpus().length} cores, load ${load()}, service workers blocked, ${incognito ? 'off-the-record context (storage in memory)' : 'a profile on disk'}`);
  const context = launched.context;
  let page = await context.newPage();
  results['empty-browser'] = await phase('empty-browser', async () => {
    await page.goto('about:blank');
    await idle(page, 3000);
  });

  results['workshop-open'] = await phase('workshop-open', async () => {
    await page.goto(`${origin}${WORKSHOP}`);
    await page.locator('nb-bar').waitFor();
    await idle(page, 5000);
    return ` isolated=${await page.evaluate(() => globalThis.crossOriginIsolated)}`;
  });

  if (wanted('run-all-short')) {
    results['run-all-short'] = await phase('run-all-short', async () => {
      const loaders = await cell(page, 'loaders').locator('pre').first().innerText();
      await setCode(page, 'loaders', loaders.replace('const epochScale = 1;', 'const epochScale = 0.1;'));
      await page.locator('nb-bar').getByRole('button', { name: 'Run all', exact: true }).click();
      await cell(page, 'test-risk').locator('.nb-output').filter({ hasText: 'The test risk is' }).waitFor({ timeout: 900_000 });
      await page.locator('[data-nb-status]').filter({ hasText: /^idle$/ }).waitFor({ timeout: 120_000 });
      // The views then evaluate the new model on the 10,000 test images.
      await page.locator('confusion-matrix [data-status]').filter({ hasText: 'misclassified' }).waitFor({ timeout: 120_000 });
      await idle(page, 2000);
      const view = cell(page, 'training').locator('.nb-out-training');
      return ` training_steps=${await view.getAttribute('data-step')}`;
    });
  }

  if (wanted('full-epoch')) {
    // A fresh page (no edits, no saved run) in the same browser; the MNIST download is cached now.
    await page.close();
    page = await context.newPage();
    results['full-epoch'] = await phase('full-epoch', async () => {
      await freshNotebook(page, origin);
      await runCells(page, ['load-mnist', 'split', 'lenet5', 'loaders', 'train']);
      await cell(page, 'training').getByRole('button', { name: 'Run', exact: true }).click();
      const view = cell(page, 'training').locator('.nb-out-training');
      await view.waitFor({ timeout: 120_000 });
      const t0 = Date.now();
      while (Number(await view.getAttribute('data-step')) < STEPS_PER_EPOCH) {
        if (Date.now() - t0 > 900_000) throw new Error('one epoch took over 15 minutes');
        await idle(page, 250);
      }
      await page.locator('[data-nb-stop]').click();
      await page.locator('[data-nb-status]').filter({ hasText: /Stopped|idle/ }).waitFor({ timeout: 120_000 });
      await idle(page, 2000);
      return ` stopped_at_step=${await view.getAttribute('data-step')} img_per_s=${await view.getAttribute('data-images-per-sec')}`;
    });
  }

  const peak = Math.max(...Object.values(results).map((r) => r.peakKb));
  const anonPeak = Math.max(...Object.values(results).map((r) => r.anonPeakKb));
  console.log(`memory: summary empty_browser_mb=${mb(results['empty-browser'].pageKb + emptyKb)} workshop_open_mb=${mb(results['workshop-open'].pageKb)} peak_page_mb=${mb(peak)} anon_peak_page_mb=${mb(anonPeak)} target_peak_page_mb=250 load=${load()}`);
} catch (err) {
  console.error(`memory: failed: ${err instanceof Error ? err.stack : err}`);
  exitCode = 1;
} finally {
  await launched.close();
  rmSync(profile, { recursive: true, force: true });
  server.kill();
}
process.exit(exitCode);

// What takes the memory (2026-12-06, 2 cores, Chromium 156, a profile on disk, load 1–3):
// - Page open: +44–47 MB (renderer +35: DOM, the cells' CodeMirror, KaTeX, Plot).
// - Short Run all, first visit: 257–265 MB at the end, peak 287. Almost all of it is in the
//   renderer (+213); browser, utility and GPU add +8 at most.
// - One full epoch in a fresh page (MNIST from the cache): 213–223 MB at the end, peak 223–245.
// - Split with performance.measureUserAgentSpecificMemory (after GC) and sampling every 100 ms:
//   - the notebook worker's JS: 25 MB with tfjs loaded, 80 MB with MNIST (54.9 MB, uint8);
//   - tfjs-wasm's heap: 16 MB, shared with its thread;
//   - the page's main thread: 7–11 MB of V8 heap;
//   - while training, 30–45 MB more: garbage in the worker, gone after its next full GC;
//   - loading MNIST: up to 60 MB for a moment (decompression, and SubtleCrypto's copy for the SHA-256).
// - What changed this (session of 2026-12-06, peak of the short Run all, 348 → 287 MB):
//   - the Cache API keeps MNIST's gzip bytes (11 MB, not 55), so the browser process no longer
//     holds 55 MB;
//   - gunzip writes straight into one buffer of the raw size;
//   - the views evaluate in chunks of 250, not 1,000: the wasm heap stays at 16 MB, where it had grown to 38;
//   - the wasm backend's batches share one pixel buffer;
//   - the bench now uses a profile on disk: off the record, the Cache API and the HTTP cache sat in
//     memory (browser +10, utility +40).
// - Tried and left out: disposing the software WebGL backend after the probe saved 4 MB.
// - Left: the worker's per-op garbage while training (tfjs's bookkeeping per op), and fewer
//   threads where memory is short (each thread is an isolate with its own compiled wasm).

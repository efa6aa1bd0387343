#!/usr/bin/env node
// Training speed of LeNet-5 (batch 64, real MNIST, validation every 100 steps as in the recipe) per
// browser engine and tfjs backend, training as the page does: the workshop's own cells in the site's
// notebook worker (scripts/bench-in-page.mjs), on a page of the site served cross-origin isolated (as
// GitHub Pages is through the service worker), next to PyTorch running the notebook's loop on the
// same machine (scripts/bench-torch.py, where python3 has torch).
// The engines are the core flows' (test/engines/drivers): headless Chromium (Playwright), Firefox ESR
// (puppeteer-core over WebDriver BiDi) and WebKitGTK's MiniBrowser (selenium-webdriver over
// WebKitWebDriver, under its own Xvfb); the same worker and the same page-side measurement run in each
// (scripts/bench-browsers.mjs, bench-engine.mjs).
// Prints one line per engine, backend and thread count, e.g.
//   bench: engine=chromium backend=wasm threads=2 train_img_per_s=1234 projected_20_epochs_min=15.9 runs=3 ...
//   bench: engine=firefox backend=wasm threads=2 train_img_per_s=...
//   bench: pytorch threads=2 train_img_per_s=13750 ...
//   bench: summary wasm_best=... firefox_wasm_best=... webkit_wasm_best=... pytorch_2_threads=... ratio=0.52
// Options: --engines chromium,firefox,webkit (default: each of them that is installed; a missing one
// is skipped with a note), --dist DIR (a built site; default: build one into /tmp/cnn-bench/dist, or
// reuse it with --reuse), --backends wasm,webgl,... (default: in Chromium every backend that
// initialises, in Firefox and WebKit wasm), --threads 1,2,auto
// (wasm thread counts, fixed; `auto` is the page's own setting: every core, adaptive, see
// src/lib/tfjs/thread-tuner.ts; default 1,2,auto), --busy N (N busy processes compete for the
// cores while the browsers run: the figure under load; PyTorch runs under the same load), --runs N (3), --steps N measured steps per run (200),
// --warmup N (30), --max-seconds S per run (40), --port P, --no-torch, --gpu (Chromium flags that
// let headless Chromium use a real GPU for WebGL/WebGPU where the machine has one),
// --profile (instead, in Chromium only: the per-kernel breakdown of one training step, see
// bench-profile-worker.ts).
import { spawn, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { notebookWorkerChunk } from '../test/engines/notebook-worker.ts';
import { ENGINES, launch, missing } from './bench-browsers.mjs';
import { benchEngine } from './bench-engine.mjs';
import { buildSite, root, serveSite } from './bench-site.mjs';
import { cliOptions } from './cli-options.mjs';

const args = cliOptions(import.meta.url, {
  engines: { type: 'string', default: ENGINES.join(',') },
  dist: { type: 'string', default: process.env.BENCH_DIST || '/tmp/cnn-bench/dist' },
  reuse: { type: 'boolean', default: false },
  backends: { type: 'string', default: '' },
  threads: { type: 'string', default: '1,2,auto' },
  busy: { type: 'string', default: '0' },
  runs: { type: 'string', default: '3' },
  steps: { type: 'string', default: '200' },
  warmup: { type: 'string', default: '30' },
  'max-seconds': { type: 'string', default: '40' },
  port: { type: 'string', default: process.env.BENCH_PORT || '4490' },
  'no-torch': { type: 'boolean', default: false },
  gpu: { type: 'boolean', default: false },
  profile: { type: 'boolean', default: false },
});
const base = process.env.BASE_PATH || '/cnn-course/';
const dist = resolve(args.dist);
const port = Number(args.port);
const runs = Number(args.runs);
const steps = Number(args.steps);
const warmup = Number(args.warmup);
const maxSeconds = Number(args['max-seconds']);
const only = args.backends ? args.backends.split(',') : null;
/** Fixed thread counts (numbers) and 'auto'. */
const threadCounts = args.threads.split(',').map((t) => (t === 'auto' ? t : Number(t)));
const fixedCounts = /** @type {number[]} */ (threadCounts.filter((t) => t !== 'auto'));
const busy = Number(args.busy);
const engines = args.engines.split(',').filter(Boolean);
for (const e of engines) if (!ENGINES.includes(e)) throw new Error(`bench: unknown engine ${e} (--engines ${ENGINES.join(',')})`);
const load = () => loadavg()[0].toFixed(2);

// 1. The site: build it (MNIST assets + astro) into our own folder, unless told to reuse one.
buildSite(dist, args.reuse);

// 2. The worker: the site's chunk when a page ships it; otherwise build the same source with Vite
//    next to the site (only ever into the bench's own folder).
/** Build a worker entry with Vite next to the site (only ever into the bench's own folder). */
async function buildEntry(input, name) {
  if (resolve(dist) === resolve(root, 'dist')) throw new Error(`bench: will not add ${name} to dist/; build a bench copy instead`);
  const { build } = await import('vite');
  await build({
    configFile: false,
    root,
    base,
    logLevel: 'warn',
    worker: { format: 'es' }, // as the site's: the kernels' helper threads are module workers
    build: {
      outDir: dist,
      emptyOutDir: false,
      assetsDir: '_bench',
      modulePreload: false, // a worker has no document for Vite's preload helper
      rollupOptions: { input: join(root, input), output: { format: 'es', entryFileNames: `_bench/${name}.js` } },
    },
  });
  return `_bench/${name}.js`;
}
const workerPath = notebookWorkerChunk(dist) ?? (await buildEntry('src/workers/notebook.worker.ts', 'notebook.worker'));
const profileWorkerPath = args.profile ? await buildEntry('scripts/bench-profile-worker.ts', 'profile.worker') : null;

// 3. Serve it like GitHub Pages (cross-origin isolated) and drive each engine.
const server = await serveSite(dist, port);
const siteUrl = `http://127.0.0.1:${port}${base}`;

/** PyTorch on the same machine (python3 with torch; Debian: apt-get install python3-torch). */
function torchFigure(threads) {
  const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0);
  if (!python) return null;
  const r = spawnSync(python, [join(root, 'scripts/bench-torch.py'), '--threads', String(threads), '--runs', String(runs), '--steps', String(steps), '--warmup', String(warmup), '--plain'], { encoding: 'utf8' });
  const lines = r.stdout.split('\n').filter((l) => l.startsWith('bench: pytorch'));
  if (!lines.length) throw new Error(`bench-torch.py failed: ${r.stderr.trim().split('\n').at(-1)}`);
  const ips = (kind) => Number(/train_img_per_s=(\d+)/.exec(lines.find((l) => l.startsWith(`bench: ${kind} `)) ?? '')?.[1]);
  return { lines, ips: ips('pytorch'), plain: ips('pytorch-plain') };
}

// Competing load: busy processes on every run, the browsers' and PyTorch's alike.
const busyProcs = Array.from({ length: busy }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
process.on('exit', () => busyProcs.forEach((p) => p.kill()));
if (busy) console.log(`bench: ${busy} busy processes compete for the ${cpus().length} cores`);

let exitCode = 0;
/** Best img/s per engine and backend. */
const best = {};
for (const engine of engines) {
  const why = missing(engine);
  if (why) {
    console.log(`bench: engine=${engine} skipped: ${why}`);
    continue;
  }
  if (profileWorkerPath && engine !== 'chromium') {
    console.log(`bench: engine=${engine} skipped: --profile runs in Chromium only`);
    continue;
  }
  let browser;
  try {
    browser = await launch(engine, siteUrl, args.gpu);
    best[engine] = await benchEngine(engine, browser.page, browser.version, browser.pid, { base, workerPath, profileWorkerPath, only, threadCounts, runs, steps, warmup, maxSeconds });
  } catch (err) {
    console.error(`bench: engine=${engine} failed: ${err instanceof Error ? err.stack : err}`);
    exitCode = 1;
  } finally {
    await browser?.close().catch(() => undefined);
  }
}
try {
  if (!profileWorkerPath && !args['no-torch']) {
    const torch = Object.fromEntries(fixedCounts.map((t) => [t, torchFigure(t)]));
    if (Object.values(torch).some((t) => !t)) console.log('bench: pytorch not measured (no python3 with torch here; Debian: apt-get install python3-torch)');
    for (const t of Object.values(torch)) if (t) console.log(t.lines.join('\n'));
    const refThreads = torch[2] ? 2 : Math.max(...fixedCounts);
    const ref = torch[refThreads];
    const others = engines.filter((e) => e !== 'chromium' && best[e]?.wasm).map((e) => ` ${e}_wasm_best=${Math.round(best[e].wasm)}`).join('');
    if (ref && best.chromium?.wasm) {
      const w = best.chromium.wasm;
      console.log(
        `bench: summary wasm_best=${Math.round(w)}${others} pytorch_${refThreads}_threads=${ref.ips} ratio=${(w / ref.ips).toFixed(2)}` +
          `${ref.plain ? ` pytorch_plain_${refThreads}_threads=${ref.plain} ratio_plain=${(w / ref.plain).toFixed(2)}` : ''} busy=${busy} load1=${load()}`,
      );
    }
  }
} catch (err) {
  console.error(`bench: failed: ${err instanceof Error ? err.stack : err}`);
  exitCode = 1;
} finally {
  server.kill();
}
process.exit(exitCode);

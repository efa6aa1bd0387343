#!/usr/bin/env node
// Training speed of LeNet-5 (batch 64, real MNIST, validation every 100 steps as in the recipe) per
// browser engine and tfjs backend, using the site's own training worker on a page of the site,
// served cross-origin isolated (as GitHub Pages is through the service worker), next to PyTorch
// running the notebook's loop on the same machine (scripts/bench-torch.py, where python3 has torch).
// The engines are the core flows' (test/engines/drivers): headless Chromium (Playwright), Firefox ESR
// (puppeteer-core over WebDriver BiDi) and WebKitGTK's MiniBrowser (selenium-webdriver over
// WebKitWebDriver, under its own Xvfb); the same worker and the same page-side measurement run in each.
// Prints one line per engine, backend and thread count, e.g.
//   bench: engine=chromium backend=wasm threads=2 train_img_per_s=1234 projected_20_epochs_min=15.9 runs=3 ...
//   bench: engine=firefox backend=wasm threads=2 train_img_per_s=...
//   bench: pytorch threads=2 train_img_per_s=13750 ...
//   bench: summary wasm_best=... firefox_wasm_best=... webkit_wasm_best=... pytorch_2_threads=... ratio=0.52
// Options: --engines chromium,firefox,webkit (default: each of them that is installed; a missing one
// is skipped with a note), --dist DIR (a built site; default: build one into /tmp/cnn-bench/dist, or
// reuse it with --reuse), --backends wasm,webgl,... (default: in Chromium every backend that
// initialises, in Firefox and WebKit wasm), --threads 1,2
// (wasm thread counts; default 1,2), --runs N (3), --steps N measured steps per run (200),
// --warmup N (30), --max-seconds S per run (40), --port P, --no-torch, --gpu (Chromium flags that
// let headless Chromium use a real GPU for WebGL/WebGPU where the machine has one),
// --profile (instead, in Chromium only: the per-kernel breakdown of one training step, see
// bench-profile-worker.ts).
import { spawn, execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { openChromium } from '../test/engines/drivers/chromium.ts';
import { FIREFOX_PATH, launchFirefox, openFirefox } from '../test/engines/drivers/firefox.ts';
import { MINIBROWSER, WEBKIT_DRIVER, openWebKit, startWebKitDriver } from '../test/engines/drivers/webkit.ts';
import { processTree } from './proc-tree.mjs';
import { cliOptions } from './cli-options.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ENGINES = ['chromium', 'firefox', 'webkit'];
const args = cliOptions(import.meta.url, {
  engines: { type: 'string', default: ENGINES.join(',') },
  dist: { type: 'string', default: process.env.BENCH_DIST || '/tmp/cnn-bench/dist' },
  reuse: { type: 'boolean', default: false },
  backends: { type: 'string', default: '' },
  threads: { type: 'string', default: '1,2' },
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
const threadCounts = args.threads.split(',').map(Number);
const engines = args.engines.split(',').filter(Boolean);
for (const e of engines) if (!ENGINES.includes(e)) throw new Error(`bench: unknown engine ${e} (--engines ${ENGINES.join(',')})`);
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const STEPS_20_EPOCHS = 20 * Math.ceil(58976 / 64);
const load = () => loadavg()[0].toFixed(2);

function sh(cmd, argv, env = {}) {
  execFileSync(cmd, argv, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
}

// 1. The site: build it (MNIST assets + astro) into our own folder, unless told to reuse one.
if (resolve(dist) === resolve(root, 'dist') && !args.reuse) throw new Error('bench: refusing to build into the shared dist/; pass --reuse to read it');
if (!args.reuse || !existsSync(join(dist, 'index.html'))) {
  sh('node', ['scripts/prepare-mnist.mjs']);
  // flock keeps two builds in one checkout from clobbering each other's .astro/; skipped where absent.
  const hasFlock = (() => { try { execFileSync('flock', ['--version'], { stdio: 'ignore' }); return true; } catch { return false; } })();
  if (hasFlock) sh('flock', ['/tmp/astro.lock', 'npx', 'astro', 'build', '--outDir', dist]);
  else sh('npx', ['astro', 'build', '--outDir', dist]);
}

// 2. The worker: the site's chunk when a page ships it; otherwise build the same source with Vite
//    next to the site (only ever into the bench's own folder).
function findWorker() {
  const assets = join(dist, '_astro');
  const chunk = existsSync(assets) && readdirSync(assets).find((f) => /^notebook\.worker-.*\.js$/.test(f));
  return chunk ? `_astro/${chunk}` : null;
}
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
const workerPath = findWorker() ?? (await buildEntry('src/workers/notebook.worker.ts', 'notebook.worker'));
const profileWorkerPath = args.profile ? await buildEntry('scripts/bench-profile-worker.ts', 'profile.worker') : null;

// 3. Serve it like GitHub Pages (cross-origin isolated) and drive Chromium.
const server = spawn('node', [join(root, 'scripts/serve-dist.mjs'), String(port)], {
  cwd: root, env: { ...process.env, DIST_DIR: dist }, stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise((ok, fail) => {
  server.stdout.on('data', (d) => String(d).includes('serving') && ok(undefined));
  server.on('exit', (code) => fail(new Error(`server exited with ${code}`)));
});

const gpuFlags = args.gpu
  ? ['--ignore-gpu-blocklist', '--enable-gpu', '--use-angle=vulkan', '--enable-features=Vulkan,VulkanFromANGLE,DefaultANGLEVulkan']
  : [];
const siteUrl = `http://127.0.0.1:${port}${base}`;

/** Why `engine` cannot run here (a browser or driver that is not installed), or null. */
function missing(engine) {
  const need = { chromium: [chromiumPath], firefox: [FIREFOX_PATH], webkit: [WEBKIT_DRIVER, MINIBROWSER] }[engine];
  const absent = need.filter((bin) => !existsSync(bin));
  return absent.length ? `${absent.join(' and ')} not installed` : null;
}

/**
 * One engine's browser with one tab on the site (an EnginePage from test/engines/drivers), the root
 * of its process tree (for CPU time) and its version.
 * @returns {Promise<{ page: import('../test/engines/engine-page.ts').EnginePage, pid: number | undefined, version: string, close(): Promise<void> }>}
 */
async function launch(engine) {
  if (engine === 'chromium') {
    const browserServer = await chromium.launchServer({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-quic', '--no-first-run', '--enable-unsafe-webgpu', '--disable-background-timer-throttling', ...gpuFlags],
    });
    const browser = await chromium.connect(browserServer.wsEndpoint());
    const page = await openChromium(browser, siteUrl);
    return {
      page, pid: browserServer.process().pid, version: `chromium ${browser.version()}`,
      async close() { await page.close(); await browser.close(); await browserServer.close(); },
    };
  }
  if (engine === 'firefox') {
    const browser = await launchFirefox();
    const page = await openFirefox(browser, siteUrl);
    return {
      page, pid: browser.process()?.pid, version: (await browser.version()).replace('/', ' '),
      async close() { await page.close(); await browser.close(); },
    };
  }
  const driver = await startWebKitDriver();
  const page = await openWebKit(driver, siteUrl);
  return {
    page, pid: driver.pid, version: 'webkit',
    async close() { await page.close(); await driver.stop(); },
  };
}

/**
 * CPU seconds used so far by the browser (the process `rootPid`) and all its child processes (from
 * /proc). The machine is shared, so besides wall-clock images/s we report images per CPU-second,
 * which load barely moves.
 */
function browserCpuSeconds(rootPid) {
  if (!rootPid) return NaN;
  return processTree(rootPid).reduce((sum, p) => sum + p.cpuSeconds, 0);
}

/**
 * In the page: the worker for `name` (created once), a `request(cmd, expect, onEvent)` helper to
 * talk to it, on globalThis. Each page-side function is self-contained (it travels as text to
 * WebDriver), so this one is evaluated first and the others use what it leaves.
 */
function installWorkerClient({ url, name }) {
  const g = globalThis;
  g.__benchWorkers ??= new Map();
  if (!g.__benchWorkers.has(name)) g.__benchWorkers.set(name, new Worker(url, { type: 'module', name }));
  g.__benchRequest ??= (workerName, cmd, expect, onEvent) =>
    new Promise((resolve, reject) => {
      const w = g.__benchWorkers.get(workerName);
      const id = Math.floor(Math.random() * 8e8) + 1; // below inferenceInPage's ids
      const listener = (e) => {
        const m = e.data;
        onEvent?.(m);
        if (m.id !== id) return;
        if (m.type === 'error') reject(new Error(m.message));
        else if (m.type === expect) resolve(m);
        else return;
        w.removeEventListener('message', listener);
      };
      w.addEventListener('message', listener);
      w.postMessage({ ...cmd, id });
    });
  return true;
}

/** In the page: one training run on `backend` with a fresh model; returns timing from progress events. */
async function runInPage(page, url, name, backend, run) {
  await page.evaluate(installWorkerClient, { url, name });
  // Backend, data and a fresh model first: a call of its own, so that no one call runs long (WebDriver's script timeout).
  const ready = await page.evaluate(
    async ({ name, backend, seed }) => {
      const request = globalThis.__benchRequest;
      const ready = await request(name, { type: 'setBackend', backend }, 'ready');
      await request(name, { type: 'loadData' }, 'dataReady');
      await request(name, { type: 'resetModel', seed }, 'weights');
      return { backend: ready.backend, detail: ready.backends.find((b) => b.name === backend)?.detail };
    },
    { name, backend, seed: run },
  );
  const trained = await page.evaluate(
    async ({ name, steps, warmup, maxSeconds, seed }) => {
      const w = globalThis.__benchWorkers.get(name);
      const request = globalThis.__benchRequest;
      const marks = [];
      let stopTimer;
      let hardStop;
      let t0 = 0;
      // Warm-up ends after `warmup` steps or 10 s, whichever comes first (slow software backends).
      const warm = (step, t) => step >= warmup || t - t0 >= 10_000;
      const done = await request(
        name,
        { type: 'train', config: { alpha: 0.1, epochs: 1, seed, runValidationEvery: 100, maxSteps: warmup + steps } },
        'done',
        (m) => {
          if (m.type === 'trainStart') {
            t0 = performance.now();
            // Hard limit per run, for backends too slow to reach the warm-up (e.g. software WebGPU).
            hardStop = setTimeout(() => w.postMessage({ type: 'stop' }), (10 + maxSeconds) * 1000);
          }
          if (m.type !== 'progress') return;
          const t = performance.now();
          marks.push([m.step, t]);
          if (warm(m.step, t) && !stopTimer) stopTimer = setTimeout(() => w.postMessage({ type: 'stop' }), maxSeconds * 1000);
        },
      );
      clearTimeout(stopTimer);
      clearTimeout(hardStop);
      // Without a warm mark (a backend slower than the limits), measure from the first progress event.
      const first = marks.find(([s, t]) => warm(s, t)) ?? marks[0];
      const last = marks.at(-1);
      const measured = first && last && last[0] > first[0] ? { steps: last[0] - first[0], ms: last[1] - first[1], warm: warm(...first) } : null;
      return { measured, doneSteps: done.step, lastLoss: done.history.trainLosses.at(-1) };
    },
    { name, steps, warmup, maxSeconds, seed: run },
  );
  return { ...ready, ...trained };
}

/**
 * In the page, on the worker that just trained: the 10,000-image test evaluation (test risk and
 * confusion matrix come from it) and a one-image prediction (the drawing pad's), round trips
 * through the worker as the page makes them; medians in ms.
 */
async function inferenceInPage(page, name) {
  return page.evaluate(async (name) => {
    const w = globalThis.__benchWorkers.get(name);
    let nextId = 1;
    const request = (cmd, expect) =>
      new Promise((resolve, reject) => {
        const id = 9e8 + nextId++;
        const listener = (e) => {
          if (e.data.id !== id) return;
          w.removeEventListener('message', listener);
          if (e.data.type === 'error') reject(new Error(e.data.message));
          else resolve(e.data);
        };
        w.addEventListener('message', listener);
        w.postMessage({ ...cmd, id });
      });
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
    await request({ type: 'evaluate' }, 'evaluation');
    const evaluateMs = await time(3, () => request({ type: 'evaluate' }, 'evaluation'));
    const image = new Float32Array(784).map((_, i) => ((i * 37) % 255) / 255);
    await request({ type: 'predict', images: image.slice(), n: 1 }, 'predictions');
    const predictMs = await time(30, () => request({ type: 'predict', images: image.slice(), n: 1 }, 'predictions'));
    return { evaluateMs, predictMs };
  }, name);
}

/** The per-kernel profile of one step, from the bench's profiling worker. */
async function profileInPage(page, url, name, backend) {
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

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** PyTorch on the same machine (python3 with torch; Debian: apt-get install python3-torch). */
function torchFigure(threads) {
  const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0);
  if (!python) return null;
  const r = spawnSync(python, [join(root, 'scripts/bench-torch.py'), '--threads', String(threads), '--runs', String(runs), '--steps', String(steps), '--warmup', String(warmup)], { encoding: 'utf8' });
  const line = r.stdout.split('\n').find((l) => l.startsWith('bench: pytorch'));
  if (!line) throw new Error(`bench-torch.py failed: ${r.stderr.trim().split('\n').at(-1)}`);
  return { line, ips: Number(/train_img_per_s=(\d+)/.exec(line)?.[1]) };
}

/** One engine: every backend (and wasm thread count) in turn; returns the best img/s per backend. */
async function benchEngine(engine, page, version, pid) {
  await page.goto('workshops/10-lenet5/');
  const isolated = await page.evaluate(() => globalThis.crossOriginIsolated);
  const agent = engine === 'webkit' ? ` (${await page.evaluate(() => navigator.userAgent)})` : '';
  // Which backends initialise here (the worker probes them all).
  const probe = await page.evaluate(async (url) => {
    const w = new Worker(url, { type: 'module' });
    const ready = await new Promise((resolve, reject) => {
      w.onmessage = (e) => (e.data.type === 'ready' ? resolve(e.data) : e.data.type === 'error' && reject(new Error(e.data.message)));
      w.postMessage({ type: 'init', id: 1 });
    });
    w.terminate();
    return ready;
  }, `${base}${workerPath}`);
  console.log(`bench: engine=${engine} ${version}${agent}, ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}, cross-origin isolated ${isolated}, worker ${workerPath}`);
  console.log(`bench: engine=${engine} backends ${probe.backends.map((b) => `${b.name}=${b.available ? 'yes' : 'no'}${b.software ? '(software)' : ''}${b.detail ? ` [${b.detail}]` : ''}`).join(', ')}`);
  // Chromium: every backend (or --backends); the other engines: wasm, the one that trains there.
  const wanted = only ?? (engine === 'chromium' ? null : ['wasm']);
  const targets = probe.backends.filter((b) => b.available && (!wanted || wanted.includes(b.name)));
  // wasm once per thread count (the worker reads threads=N from its name); the GPU backends and cpu once.
  const jobs = targets.flatMap((b) => (b.name === 'wasm' ? threadCounts.map((t) => ({ b, threads: t })) : [{ b, threads: null }]));
  const nameFor = (threads) => `bench${threads ? ` threads=${threads}` : ''}`;
  const best = {};

  if (profileWorkerPath) {
    for (const { b, threads } of jobs) {
      const p = await profileInPage(page, `${base}${profileWorkerPath}`, nameFor(threads), b.name);
      console.log(`bench: engine=${engine} profile backend=${b.name}${p.detail ? ` [${p.detail}]` : ''}: one step ${p.stepMs.toFixed(2)} ms (${Math.round(64000 / p.stepMs)} img/s), kernels ${p.kernelMs.toFixed(2)} ms, load1=${load()}`);
      console.log(p.text.split('\n').map((l) => `  ${l}`).join('\n'));
    }
    return best;
  }
  for (const { b, threads } of jobs) {
    const rates = [];
    const cpuRates = [];
    let cold = false;
    let detail = b.detail;
    const losses = [];
    for (let r = 0; r < runs; r++) {
      const cpu0 = browserCpuSeconds(pid);
      const res = await runInPage(page, `${base}${workerPath}`, nameFor(threads), b.name, r);
      const cpuSeconds = browserCpuSeconds(pid) - cpu0;
      detail = res.detail ?? detail;
      if (res.measured) {
        if (!res.measured.warm) cold = true;
        rates.push((res.measured.steps * 64) / (res.measured.ms / 1000));
        // Whole run (warm-up and validation included) per CPU-second of the browser's processes.
        cpuRates.push((res.doneSteps * 64) / cpuSeconds);
      }
      losses.push(res.lastLoss);
    }
    const label = `engine=${engine} backend=${b.name}${threads ? ` threads=${threads}` : ''}`;
    if (b.name === 'wasm') {
      const inf = await inferenceInPage(page, nameFor(threads));
      console.log(`bench: inference ${label} evaluate_10000_test_images_ms=${Math.round(inf.evaluateMs)} predict_1_image_ms=${inf.predictMs.toFixed(1)} load1=${load()}`);
    }
    if (!rates.length) {
      console.log(`bench: ${label} train_img_per_s=NA (fewer than 2 steps in ${10 + maxSeconds} s per run)`);
      continue;
    }
    const ips = median(rates);
    best[b.name] = Math.max(best[b.name] ?? 0, ips);
    const minutes = (STEPS_20_EPOCHS * 64) / ips / 60;
    const perCpu = median(cpuRates);
    console.log(
      `bench: ${label} train_img_per_s=${Math.round(ips)} projected_20_epochs_min=${minutes.toFixed(1)} runs=${rates.length}` +
        ` all=${rates.map((x) => Math.round(x)).join(',')} img_per_cpu_s=${Number.isFinite(perCpu) ? Math.round(perCpu) : 'NA'}` +
        ` steps_per_run<=${steps} batch=64${b.software ? ' software=yes' : ''}${cold ? ' warm=no' : ''}` +
        `${detail ? ` detail="${detail}"` : ''} last_loss=${losses.map((l) => l.toFixed(3)).join(',')} load1=${load()}`,
    );
  }
  return best;
}

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
    browser = await launch(engine);
    best[engine] = await benchEngine(engine, browser.page, browser.version, browser.pid);
  } catch (err) {
    console.error(`bench: engine=${engine} failed: ${err instanceof Error ? err.stack : err}`);
    exitCode = 1;
  } finally {
    await browser?.close().catch(() => undefined);
  }
}
try {
  if (!profileWorkerPath && !args['no-torch']) {
    const torch = Object.fromEntries(threadCounts.map((t) => [t, torchFigure(t)]));
    if (Object.values(torch).some((t) => !t)) console.log('bench: pytorch not measured (no python3 with torch here; Debian: apt-get install python3-torch)');
    for (const t of Object.values(torch)) if (t) console.log(t.line);
    const ref = torch[2] ?? torch[Math.max(...threadCounts)];
    const others = engines.filter((e) => e !== 'chromium' && best[e]?.wasm).map((e) => ` ${e}_wasm_best=${Math.round(best[e].wasm)}`).join('');
    if (ref && best.chromium?.wasm)
      console.log(`bench: summary wasm_best=${Math.round(best.chromium.wasm)}${others} pytorch_${torch[2] ? 2 : Math.max(...threadCounts)}_threads=${ref.ips} ratio=${(best.chromium.wasm / ref.ips).toFixed(2)} load1=${load()}`);
  }
} catch (err) {
  console.error(`bench: failed: ${err instanceof Error ? err.stack : err}`);
  exitCode = 1;
} finally {
  server.kill();
}
process.exit(exitCode);

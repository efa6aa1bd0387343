#!/usr/bin/env node
// Training speed of LeNet-5 (batch 64, real MNIST, validation every 100 steps as in the recipe) in
// headless Chromium, per tfjs backend, using the site's own training worker on a page of the site.
// Prints one line per backend, e.g.
//   bench: backend=wasm train_img_per_s=1234 projected_20_epochs_min=15.9 runs=3 ...
// Options: --dist DIR (a built site; default: build one into /tmp/cnn-bench/dist, or reuse it with
// --reuse), --backends wasm,webgl,... (default: every backend that initialises), --runs N (3),
// --steps N measured steps per run (200), --warmup N (30), --max-seconds S per run (40), --port P.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : dflt);
const has = (name) => args.includes(`--${name}`);
const base = process.env.BASE_PATH || '/cnn-course/';
const dist = resolve(opt('dist', process.env.BENCH_DIST || '/tmp/cnn-bench/dist'));
const port = Number(opt('port', process.env.BENCH_PORT || 4490));
const runs = Number(opt('runs', 3));
const steps = Number(opt('steps', 200));
const warmup = Number(opt('warmup', 30));
const maxSeconds = Number(opt('max-seconds', 40));
const only = opt('backends', '') ? opt('backends', '').split(',') : null;
const STEPS_20_EPOCHS = 20 * Math.ceil(58976 / 64);

function sh(cmd, argv, env = {}) {
  execFileSync(cmd, argv, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
}

// 1. The site: build it (MNIST assets + astro) into our own folder, unless told to reuse one.
if (resolve(dist) === resolve(root, 'dist') && !has('reuse')) throw new Error('bench: refusing to build into the shared dist/; pass --reuse to read it');
if (!has('reuse') || !existsSync(join(dist, 'index.html'))) {
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
  const chunk = existsSync(assets) && readdirSync(assets).find((f) => /^train\.worker-.*\.js$/.test(f));
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
const workerPath = findWorker() ?? (await buildEntry('src/workers/train.worker.ts', 'train.worker'));
const profileWorkerPath = has('profile') ? await buildEntry('scripts/bench-profile-worker.ts', 'profile.worker') : null;

// 3. Serve it like GitHub Pages and drive Chromium.
const server = spawn('node', [join(root, 'scripts/serve-dist.mjs'), String(port)], {
  cwd: root, env: { ...process.env, DIST_DIR: dist }, stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise((ok, fail) => {
  server.stdout.on('data', (d) => String(d).includes('serving') && ok(undefined));
  server.on('exit', (code) => fail(new Error(`server exited with ${code}`)));
});

const browserServer = await chromium.launchServer({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-quic', '--no-first-run', '--enable-unsafe-webgpu', '--disable-background-timer-throttling'],
});
const browser = await chromium.connect(browserServer.wsEndpoint());

/**
 * CPU seconds used so far by the browser and all its child processes (from /proc). The machine is
 * shared, so besides wall-clock images/s we report images per CPU-second, which load barely moves.
 */
function browserCpuSeconds() {
  const rootPid = browserServer.process().pid;
  const tick = 100; // USER_HZ on Linux
  const procs = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      procs.set(Number(d), { ppid: Number(f[1]), cpu: (Number(f[11]) + Number(f[12])) / tick });
    } catch {
      // the process ended meanwhile
    }
  }
  const inTree = (pid) => {
    for (let p = pid, hops = 0; p > 1 && hops < 10; p = procs.get(p)?.ppid ?? 0, hops++) if (p === rootPid) return true;
    return false;
  };
  let total = 0;
  for (const [pid, { cpu }] of procs) if (inTree(pid)) total += cpu;
  return total;
}

/** In the page: one training run on `backend` with a fresh model; returns timing from progress events. */
async function runInPage(page, backend, run) {
  return page.evaluate(
    async ({ url, backend, steps, warmup, maxSeconds, seed }) => {
      const w = globalThis.__benchWorker ?? (globalThis.__benchWorker = new Worker(url, { type: 'module', name: 'bench' }));
      let nextId = 1;
      const request = (cmd, expect, onEvent) =>
        new Promise((resolve, reject) => {
          const id = nextId++ + Math.floor(Math.random() * 1e6) * 1000;
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
      const ready = await request({ type: 'setBackend', backend }, 'ready');
      await request({ type: 'loadData' }, 'dataReady');
      await request({ type: 'resetModel', seed }, 'weights');
      const marks = [];
      let stopTimer;
      let hardStop;
      let t0 = 0;
      // Warm-up ends after `warmup` steps or 10 s, whichever comes first (slow software backends).
      const warm = (step, t) => step >= warmup || t - t0 >= 10_000;
      const done = await request(
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
      return { backend: ready.backend, backends: ready.backends, measured, doneSteps: done.step, lastLoss: done.history.trainLosses.at(-1) };
    },
    { url: `${base}${workerPath}`, backend, steps, warmup, maxSeconds, seed: run },
  );
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

let exitCode = 0;
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}${base}workshops/10-lenet5/`);
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
  console.log(`bench: chromium ${browser.version()}, ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}, worker ${workerPath}`);
  console.log(`bench: backends ${probe.backends.map((b) => `${b.name}=${b.available ? 'yes' : 'no'}${b.software ? '(software)' : ''}${b.detail ? ` [${b.detail}]` : ''}`).join(', ')}`);
  const targets = probe.backends.filter((b) => b.available && (!only || only.includes(b.name)));
  if (profileWorkerPath) {
    for (const b of targets) {
      const p = await page.evaluate(
        ({ url, backend, steps, warmup }) =>
          new Promise((resolve, reject) => {
            const w = new Worker(url, { type: 'module', name: 'bench-profile' });
            w.onmessage = (e) => {
              w.terminate();
              if (e.data.type === 'error') reject(new Error(e.data.message));
              else resolve(e.data);
            };
            w.postMessage({ backend, steps, warmup });
          }),
        { url: `${base}${profileWorkerPath}`, backend: b.name, steps: Math.min(steps, 50), warmup },
      );
      console.log(`bench: profile backend=${b.name}${p.detail ? ` [${p.detail}]` : ''}: one step ${p.stepMs.toFixed(2)} ms (${Math.round(64000 / p.stepMs)} img/s), kernels ${p.kernelMs.toFixed(2)} ms, load1=${loadavg()[0].toFixed(2)}`);
      console.log(p.text.split('\n').map((l) => `  ${l}`).join('\n'));
    }
  }
  for (const b of profileWorkerPath ? [] : targets) {
    const rates = [];
    const cpuRates = [];
    let cold = false;
    let losses = [];
    for (let r = 0; r < runs; r++) {
      const cpu0 = browserCpuSeconds();
      const res = await runInPage(page, b.name, r);
      const cpuSeconds = browserCpuSeconds() - cpu0;
      if (res.measured) {
        if (!res.measured.warm) cold = true;
        rates.push((res.measured.steps * 64) / (res.measured.ms / 1000));
        // Whole run (warm-up and validation included) per CPU-second of the browser's processes.
        cpuRates.push((res.doneSteps * 64) / cpuSeconds);
      }
      losses.push(res.lastLoss);
    }
    if (!rates.length) {
      console.log(`bench: backend=${b.name} train_img_per_s=NA (fewer than 2 steps in ${10 + maxSeconds} s per run)`);
      continue;
    }
    const ips = median(rates);
    const minutes = (STEPS_20_EPOCHS * 64) / ips / 60;
    console.log(
      `bench: backend=${b.name} train_img_per_s=${Math.round(ips)} projected_20_epochs_min=${minutes.toFixed(1)} runs=${rates.length}` +
        ` all=${rates.map((x) => Math.round(x)).join(',')} img_per_cpu_s=${Math.round(median(cpuRates))}` +
        ` steps_per_run<=${steps} batch=64${b.software ? ' software=yes' : ''}${cold ? ' warm=no' : ''}` +
        `${b.detail ? ` detail="${b.detail}"` : ''} last_loss=${losses.map((l) => l.toFixed(3)).join(',')} load1=${loadavg()[0].toFixed(2)}`,
    );
  }
} catch (err) {
  console.error(`bench: failed: ${err instanceof Error ? err.stack : err}`);
  exitCode = 1;
} finally {
  await browser.close();
  await browserServer.close();
  server.kill();
}
process.exit(exitCode);

// One engine's part of the bench: which backends initialise in its notebook worker, then each backend
// (wasm once per thread count) trained `runs` times through the notebook's own path, one line of
// figures each (see scripts/bench.mjs for the lines and options).
import { cpus, loadavg } from 'node:os';
import { browserCpuSeconds } from './bench-browsers.mjs';
import { inferenceInPage, prepareInPage, profileInPage, trainInPage } from './bench-in-page.mjs';
import { formatScaling } from '../src/lib/tfjs/profile-scaling.ts';
import { WORKSHOP } from './bench-site.mjs';

const STEPS_20_EPOCHS = 20 * Math.ceil(58976 / 64);
const load = () => loadavg()[0].toFixed(2);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * @typedef {{ base: string, workerPath: string, profileWorkerPath: string | null, only: string[] | null,
 *   threadCounts: (number | 'auto')[], runs: number, steps: number, warmup: number, maxSeconds: number }} BenchOptions
 */

/**
 * Every backend (and wasm thread count) in turn in one engine; returns the best img/s per backend.
 * @param {string} engine @param {import('../test/engines/engine-page.ts').EnginePage} page
 * @param {string} version @param {number | undefined} pid @param {BenchOptions} o
 */
export async function benchEngine(engine, page, version, pid, o) {
  await page.goto(WORKSHOP);
  const isolated = await page.evaluate(() => globalThis.crossOriginIsolated);
  const agent = engine === 'webkit' ? ` (${await page.evaluate(() => navigator.userAgent)})` : '';
  const workerUrl = `${o.base}${o.workerPath}`;
  // Which backends initialise here (the worker probes them all).
  const probe = await page.evaluate(async (url) => {
    const w = new Worker(url, { type: 'module' });
    const ready = await new Promise((resolve, reject) => {
      w.onmessage = (e) => (e.data.type === 'ready' ? resolve(e.data) : e.data.type === 'error' && reject(new Error(e.data.message)));
      w.postMessage({ type: 'init', id: 1 });
    });
    w.terminate();
    return ready;
  }, workerUrl);
  console.log(`bench: engine=${engine} ${version}${agent}, ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}, cross-origin isolated ${isolated}, worker ${o.workerPath}`);
  console.log(`bench: engine=${engine} backends ${probe.backends.map((b) => `${b.name}=${b.available ? 'yes' : 'no'}${b.software ? '(software)' : ''}${b.detail ? ` [${b.detail}]` : ''}`).join(', ')}`);
  // Chromium: every backend (or --backends); the other engines: wasm, the one that trains there.
  const wanted = o.only ?? (engine === 'chromium' ? null : ['wasm']);
  const targets = probe.backends.filter((b) => b.available && (!wanted || wanted.includes(b.name)));
  // wasm once per thread count (the worker reads threads=N from its name); the GPU backends and cpu once.
  const jobs = targets.flatMap((b) => (b.name === 'wasm' ? o.threadCounts.map((t) => ({ b, threads: t })) : [{ b, threads: null }]));
  const nameFor = (threads) => `bench${threads ? ` threads=${threads}` : ''}`;
  const best = {};

  if (o.profileWorkerPath) {
    /** @type {import('../src/lib/tfjs/profile-scaling.ts').ThreadProfile[]} */
    const wasmProfiles = [];
    // Per-kernel times at a fixed count each (adaptive would mix them).
    for (const { b, threads } of jobs.filter((j) => j.threads !== 'auto')) {
      const p = await profileInPage(page, `${o.base}${o.profileWorkerPath}`, nameFor(threads), b.name, o);
      console.log(`bench: engine=${engine} profile backend=${b.name}${p.detail ? ` [${p.detail}]` : ''}: one step ${p.stepMs.toFixed(2)} ms (${Math.round(64000 / p.stepMs)} img/s), kernels ${p.kernelMs.toFixed(2)} ms, load1=${load()}`);
      console.log(p.text.split('\n').map((l) => `  ${l}`).join('\n'));
      if (b.name === 'wasm' && typeof threads === 'number') wasmProfiles.push({ threads, rows: p.rows, stepMs: p.stepMs });
    }
    if (wasmProfiles.length > 1) {
      console.log(`bench: engine=${engine} profile scaling of wasm across threads (efficiency = speedup ÷ threads), load1=${load()}`);
      console.log(formatScaling(wasmProfiles).split('\n').map((l) => `  ${l}`).join('\n'));
    }
    return best;
  }
  for (const { b, threads } of jobs) {
    const rates = [];
    const cpuRates = [];
    let cold = false;
    let detail = b.detail;
    const losses = [];
    // A fresh worker per backend and thread count, holding the workshop's cells up to the training function.
    detail = (await prepareInPage(page, workerUrl, nameFor(threads), b.name, o.warmup + o.steps)).detail ?? detail;
    for (let r = 0; r < o.runs; r++) {
      const cpu0 = browserCpuSeconds(pid);
      const res = await trainInPage(page, nameFor(threads), { seed: r, warmup: o.warmup, maxSeconds: o.maxSeconds });
      const cpuSeconds = browserCpuSeconds(pid) - cpu0;
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
      console.log(`bench: ${label} train_img_per_s=NA (under two progress updates after the warm-up, which come at most 4 a second: more --steps, or a backend slower than ${10 + o.maxSeconds} s)`);
      continue;
    }
    const ips = median(rates);
    best[b.name] = Math.max(best[b.name] ?? 0, ips);
    const minutes = (STEPS_20_EPOCHS * 64) / ips / 60;
    const perCpu = median(cpuRates);
    console.log(
      `bench: ${label} train_img_per_s=${Math.round(ips)} projected_20_epochs_min=${minutes.toFixed(1)} runs=${rates.length}` +
        ` all=${rates.map((x) => Math.round(x)).join(',')} img_per_cpu_s=${Number.isFinite(perCpu) ? Math.round(perCpu) : 'NA'}` +
        ` steps_per_run<=${o.steps} batch=64${b.software ? ' software=yes' : ''}${cold ? ' warm=no' : ''}` +
        `${detail ? ` detail="${detail}"` : ''} last_loss=${losses.map((l) => l.toFixed(3)).join(',')} load1=${load()}`,
    );
  }
  return best;
}

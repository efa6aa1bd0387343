// What each engine gives the notebook, as the setup cell reports it to the student: the backend,
// SIMD, threads, and the GPU backends (used, software-rendered, or missing, in the course's words).
// The README's support table is this test's expectations; offline, isolation and search are
// offline.spec.ts and lecture.spec.ts.
import { test, expect } from './fixtures';
import type { Engine } from './engine-page';
import { WORKSHOP, cellSel, runCells } from './notebook';

/** The setup cell's two lines, per engine, on this 2-core machine with no GPU (headless, Xvfb). */
const EXPECTED: Record<Engine, { backend: RegExp; gpu: RegExp }> = {
  // Headless Chromium has WebGPU's API but no adapter, and WebGL on SwiftShader.
  chromium: { backend: /backend: wasm \(SIMD \+ FMA, [2-8] threads\)/, gpu: /WebGPU: not in this browser[^.]*\. WebGL: software-rendered, slower than WebAssembly, so not used\./ },
  // Headless Firefox ESR and WebKitGTK give a worker no WebGPU and no WebGL context.
  firefox: { backend: /backend: wasm \(SIMD \+ FMA, [2-8] threads\)/, gpu: /WebGPU: not in this browser\. WebGL: not in this browser \(failed to initialise\)\./ },
  // WebKitGTK 2.50 (Debian's 2.50.6): an isolated page and its workers make shared memory but lack the
  // SharedArrayBuffer name, and no postMessage carries it (DataCloneError: to a Worker, module, classic
  // or blob, from the page or a worker, and through a MessagePort), so no thread can share tfjs's heap.
  // tfjs's own check (a MessagePort) says so and it starts its single-threaded build: 1 thread.
  webkit: { backend: /backend: wasm \(SIMD, 1 thread\)/, gpu: /WebGPU: not in this browser\. WebGL: not in this browser \(failed to initialise\)\./ },
};

test('the setup cell says which backend trains, with SIMD and threads, and what became of the GPU backends', async ({ tab, engine }) => {
  test.setTimeout(120_000);
  await tab.goto(WORKSHOP);
  await runCells(tab, ['lenet5'], 90_000); // its hidden setup cell runs first
  const said = await tab.evaluate((s) => document.querySelector<HTMLElement>(`${s} .nb-output`)!.innerText, cellSel('setup'));
  const facts = await tab.evaluate(() => ({ isolated: self.crossOriginIsolated, cores: navigator.hardwareConcurrency, gpuApi: 'gpu' in navigator }));
  console.log(`support ${engine}: ${JSON.stringify(facts)} ${said.replace(/\n/g, ' | ')}`);
  expect(facts.isolated).toBe(true);
  expect(said).toMatch(EXPECTED[engine].backend);
  expect(said).toMatch(EXPECTED[engine].gpu);
});

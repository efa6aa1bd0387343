// The workshop's core flows in every engine: Run all with short epochs through to the test risk,
// each output shown once; and Stop during training, which keeps the notebook's state.
import { test, expect } from './fixtures';
import { waitFor } from './engine-page';
import { WORKSHOP, buttonNamed, cellSel, runCells, shortEpochs, status, waitIdle } from './notebook';

test('Run all with short epochs: every cell runs once, to the test risk, and shows each output once', async ({ tab }) => {
  test.setTimeout(600_000);
  await tab.setViewport(1280, 900);
  await tab.goto(WORKSHOP);
  // 1% of each epoch: 10 steps per learning rate in the sweep, 200 steps of training.
  await shortEpochs(tab, 0.01);
  await tab.click('[data-nb-run-all]');
  await waitFor(tab, 'Run all to start', () => /^Running cell/.test(document.querySelector('[data-nb-status]')!.textContent!));
  await waitIdle(tab, 540_000);

  const seen = await tab.evaluate(() => {
    const out = (id: string) => document.querySelector<HTMLElement>(`[data-cell="${id}"] .nb-output`)!;
    const times = (id: string, re: RegExp) => (out(id).innerText.match(re) ?? []).length;
    return {
      counts: [...document.querySelectorAll('nb-cell')].map((c) => `${(c as HTMLElement).dataset.cell} ${c.querySelector('.nb-count')!.textContent}`),
      errors: [...document.querySelectorAll('.nb-error')].map((e) => (e as HTMLElement).innerText),
      trainLine: times('load-mnist', /MNIST train: 60,000 images/g),
      testLine: times('load-mnist', /MNIST test: 10,000 images/g),
      inspectImages: out('inspect').querySelectorAll('canvas').length,
      sweepViews: out('lr-sweep').querySelectorAll('.nb-out-training').length,
      sweepStates: [...out('lr-sweep').querySelectorAll<HTMLElement>('.nb-out-training')].map((v) => v.dataset.state),
      trainingViews: out('training').querySelectorAll('.nb-out-training').length,
      trainingSteps: out('training').querySelector<HTMLElement>('.nb-out-training')?.dataset.step,
      riskLines: times('test-risk', /The test risk is/g),
      risk: Number(out('test-risk').querySelector('annotation')?.textContent),
      predictions: out('predictions').querySelectorAll('canvas').length,
    };
  });
  console.log(`${tab.engine}: ${JSON.stringify(seen)}`);
  expect(seen.errors).toEqual([]);
  // Each cell ran once: counts 1, 2, 3, … in page order, none repeated.
  const numbers = seen.counts.map((c) => Number(/\[(\d+)\]/.exec(c)?.[1]));
  expect(numbers, seen.counts.join(', ')).toEqual(numbers.map((_, i) => i + 1).filter((_, i) => !Number.isNaN(numbers[i])));
  expect(seen.trainLine).toBe(1);
  expect(seen.testLine).toBe(1);
  expect(seen.inspectImages).toBe(20);
  expect(seen.sweepViews).toBe(3);
  expect(seen.sweepStates).toEqual(['finished', 'finished', 'finished']);
  expect(seen.trainingViews).toBe(1);
  expect(seen.trainingSteps).toBe('200');
  expect(seen.riskLines).toBe(1);
  expect(seen.risk).toBeGreaterThan(0);
  expect(seen.risk).toBeLessThan(0.5); // trained: far better than chance (0.9)
  expect(seen.predictions).toBe(20);
});

test('Stop during training stops at once and keeps the notebook: the model trained so far is measured next', async ({ tab }) => {
  test.setTimeout(300_000);
  await tab.setViewport(1280, 900);
  await tab.goto(WORKSHOP);
  await runCells(tab, ['load-mnist', 'split', 'lenet5', 'loaders', 'train'], 180_000);
  await tab.click(`${cellSel('training')} .nb-run`);
  const view = `${cellSel('training')} .nb-out-training`;
  await waitFor(tab, 'training to be under way', (v) => {
    const el = document.querySelector<HTMLElement>(v);
    return el?.dataset.state === 'running' && Number(el.dataset.step) >= 20;
  }, view, 120_000);
  await tab.click(await buttonNamed(tab, view, 'Stop'));
  const stopped = (await waitFor(tab, 'the run to stop', (v) => {
    const el = document.querySelector<HTMLElement>(v)!;
    const s = document.querySelector('[data-nb-status]')!.textContent!;
    return el.dataset.state === 'stopped' && !/^Running|Stopping/.test(s) ? { step: Number(el.dataset.step), status: s } : null;
  }, view, 10_000))!;
  expect(stopped.status).toBe('Stopped.');
  // Far from the 20 epochs: it stopped where it was.
  expect(stopped.step).toBeLessThan(20 * 922);
  await tab.evaluate(() => new Promise((r) => setTimeout(r, 1000)));
  expect(await tab.evaluate((v) => Number(document.querySelector<HTMLElement>(v)!.dataset.step), view)).toBe(stopped.step);

  // The notebook kept its variables: the test-risk cell measures the model trained so far.
  await tab.click(`${cellSel('test-risk')} .nb-run`);
  await waitIdle(tab, 120_000);
  expect(await status(tab)).toBe('idle');
  // The math is typeset once KaTeX has loaded, which may be just after the run ends.
  const risk = Number(await waitFor(tab, 'the test risk to be typeset', (s) => document.querySelector(`${s} .nb-output annotation`)?.textContent, cellSel('test-risk'), 30_000));
  expect(risk).toBeGreaterThan(0);
  expect(risk).toBeLessThan(1);
});

// Runnable notebook cells on the workshop page: running, editing, persistence, errors, Stop/Restart
// of a runaway cell, and a short "Run all" whose model every view on the page then shows (one
// engine), which is still there after a reload.
import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, GROSS_RESPONSE_MS } from './fixtures';
import { WORKSHOP as PAGE, bar, cell, runCell, runCells, setCode, shortEpochs, status, trainingViews, waitIdle } from './notebook';

test.beforeEach(async ({ page }) => {
  await page.goto(PAGE);
  await expect(bar(page)).toBeVisible();
});

test('the cells render as highlighted code with Run buttons, a bar and an idle status', async ({ page }) => {
  const cells = page.locator('[data-cell]');
  expect(await cells.count()).toBeGreaterThanOrEqual(11);
  for (const id of ['setup', 'load-mnist', 'inspect', 'split', 'lenet5', 'loaders', 'train', 'lr-sweep', 'training', 'load-model', 'test-risk', 'predictions']) {
    await expect(cell(page, id)).toHaveCount(1);
  }
  await expect(cell(page, 'split').locator('pre.astro-code span[style]').first()).toBeVisible(); // Shiki colours
  for (const name of ['Run all', 'Stop', 'Restart']) await expect(page.locator('nb-bar').getByRole('button', { name, exact: true })).toBeVisible();
  await expect(status(page)).toHaveText('idle');
  await expect(cell(page, 'setup').locator('details')).toBeAttached(); // the setup cell is folded away
});

test('running the first cells shows the image grid and the dataset facts', async ({ page }) => {
  test.setTimeout(120_000);
  await runCell(page, 'load-mnist');
  await waitIdle(page, 90_000);
  // The hidden setup cell ran first (it imports tfjs), then the loader.
  await expect(cell(page, 'setup').locator('.nb-count')).toHaveText('[1]');
  await expect(cell(page, 'load-mnist').locator('.nb-count')).toHaveText('[2]');
  await expect(cell(page, 'setup').locator('.nb-output')).toContainText('backend:');

  // Shift+Enter on the code runs a cell too.
  await cell(page, 'inspect').locator('pre').first().focus();
  await page.keyboard.press('Shift+Enter');
  await waitIdle(page);
  const out = cell(page, 'inspect').locator('.nb-output');
  await expect(out.locator('canvas')).toHaveCount(20);
  await expect(out.locator('figcaption').first()).toHaveText('Label: 5');
  await expect(out).toContainText('Number of rows in the train dataset');
  await expect(out.locator('.katex').first()).toBeVisible();
  await expect(out).toContainText('N=60000');
  await expect(out).toContainText('N=10000');
  await expect(out).toContainText('Image size: 28x28');
  await expect(out).toContainText("Pixel's value range: [0.0, 1.0]");
  await expect(cell(page, 'inspect').locator('.nb-count')).toHaveText('[3]');

  const axe = await new AxeBuilder({ page }).include('nb-bar').include('[data-cell="setup"]').include('[data-cell="inspect"]').analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
});

test('an edited cell persists across a reload and resets to the original', async ({ page }) => {
  const c = cell(page, 'split');
  const original = await c.locator('pre').first().innerText();
  await setCode(page, 'split', 'const edited = 41 + 1;\nedited');
  await expect(c.locator('.nb-modified')).toBeVisible();
  await expect(c.getByRole('button', { name: 'Reset to original' })).toBeVisible();
  await page.reload(); // at once: saving waits for a pause in typing, but leaving the page saves what is pending

  await expect(c.locator('.cm-content')).toHaveText('const edited = 41 + 1;edited');
  await expect(c.locator('.nb-modified')).toBeVisible();
  await expect(c.locator('.nb-stale')).toBeHidden();
  await runCell(page, 'split');
  await expect(c.locator('.nb-output')).toHaveText('42');

  await c.getByRole('button', { name: 'Reset to original' }).click();
  await expect(c.locator('.nb-modified')).toBeHidden();
  await expect(c.locator('.cm-content')).toHaveCount(0);
  await expect(c.locator('pre').first()).toHaveText(original);
  await page.reload();
  await expect(c.locator('.nb-modified')).toBeHidden();
  await expect(c.locator('pre').first()).toHaveText(original);
});

test('keyboard: Enter on the code opens the editor, Shift+Enter runs, Esc then Tab leaves it', async ({ page }) => {
  const c = cell(page, 'split');
  await c.locator('pre').first().focus();
  await page.keyboard.press('Enter');
  const content = c.locator('.cm-content');
  await expect(content).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('const k = [1, 2');
  await expect(content).toHaveText('const k = [1, 2');
  await page.keyboard.press('Shift+Enter');
  await expect(c.locator('.nb-error')).toContainText('SyntaxError');
  await page.keyboard.press('End');
  await page.keyboard.type(']\nk.length');
  await page.keyboard.press('Shift+Enter');
  await expect(c.locator('.nb-output')).toHaveText('2');
  await page.keyboard.press('Tab'); // indents inside the editor
  await expect(content).toBeFocused();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect(content).not.toBeFocused();
});

test('an edit saved against an older original says so', async ({ page }) => {
  await page.evaluate(() => {
    const key = `cnn-course:nb-edit:${location.pathname}:lenet5`;
    localStorage.setItem(key, JSON.stringify({ source: '// my old version\n1', originalHash: '00000000', savedAt: 1 }));
  });
  await page.reload();
  const c = cell(page, 'lenet5');
  await expect(c.locator('.nb-stale')).toBeVisible();
  await expect(c.locator('.nb-stale')).toContainText('older version');
  await expect(c.locator('.cm-content')).toContainText('my old version');
  await c.getByRole('button', { name: 'Reset to original' }).click();
  await expect(c.locator('.nb-stale')).toBeHidden();
});

test('syntax and runtime errors show a clear message with the line, and later cells still run', async ({ page }) => {
  await setCode(page, 'split', 'const fine = 1;\nconst broken = ;');
  await runCell(page, 'split');
  const err = cell(page, 'split').locator('.nb-error');
  await expect(err).toContainText('SyntaxError');
  await expect(err).toContainText('line 2');
  await expect(err).toContainText('2 | const broken = ;');
  await expect(status(page)).toContainText('Error in cell');

  await setCode(page, 'split', 'const value: number = 1;\nconst missing: any = undefined;\nmissing.field');
  await runCell(page, 'split');
  await expect(err).toContainText("TypeError: Cannot read properties of undefined (reading 'field')");
  await expect(err).toContainText('line 3');
  await expect(err).toContainText('3 | missing.field');

  // The notebook survived: a later cell runs, and names from before the error are still there.
  await setCode(page, 'lenet5', 'const later = value + 1;\nlater');
  await runCell(page, 'lenet5');
  await expect(cell(page, 'lenet5').locator('.nb-output')).toHaveText('2');
  await waitIdle(page);
});

for (const button of ['Stop', 'Restart'] as const) {
  test(`while (true) {} is ended by ${button} (a fresh runtime after the 1 s grace) and the page stays responsive`, async ({ page }) => {
    await setCode(page, 'lenet5', 'const before = "kept";');
    await runCell(page, 'lenet5');
    await waitIdle(page);
    await setCode(page, 'split', 'while (true) {}');
    await runCell(page, 'split');
    await expect(status(page)).toContainText('Running cell');
    await page.waitForTimeout(300);
    // The page itself is not blocked while the cell spins.
    expect(await page.evaluate(() => 1 + 1)).toBe(2);

    // Time from the click to the error message, measured in the page (no test-runner latency).
    const elapsed = page.evaluate(
      (label) =>
        new Promise<number>((resolve) => {
          const button = [...document.querySelectorAll('nb-bar button')].find((b) => b.textContent === label)!;
          // Capture phase on the document: runs before the button's own handler.
          document.addEventListener('click', (e) => {
            if (e.target !== button) return;
            const t0 = performance.now();
            const target = document.querySelector('[data-cell="split"] .nb-output')!;
            new MutationObserver((_, obs) => {
              if (target.querySelector('.nb-error')) {
                obs.disconnect();
                resolve(performance.now() - t0);
              }
            }).observe(target, { childList: true, subtree: true });
          }, { capture: true });
        }),
      button,
    );
    await page.locator('nb-bar').getByRole('button', { name: button, exact: true }).click();
    const ms = await elapsed;
    test.info().annotations.push({ type: `${button} took (ms)`, description: ms.toFixed(0) });
    expect(ms).toBeLessThan(GROSS_RESPONSE_MS);
    await expect(cell(page, 'split').locator('.nb-error')).toBeVisible();
    await expect(status(page)).toContainText(button === 'Stop' ? 'so the notebook was restarted' : 'The notebook restarted');

    // A fresh runtime: old names are gone, new cells run.
    await setCode(page, 'split', 'typeof before');
    await runCell(page, 'split');
    await expect(cell(page, 'split').locator('.nb-output')).toHaveText('"undefined"');
    await waitIdle(page);
  });
}


/** The captions of the predictions grid ("Prediction: 7\nLabel: (7)"), in order. */
const predictionCaptions = (page: Page) => cell(page, 'predictions').locator('figcaption').allInnerTexts();

/** Page-space boxes of a cell's subplots panels. */
async function panelBoxes(page: Page, id: string) {
  const panels = cell(page, id).locator('.nb-plot-grid > *');
  return Promise.all((await panels.all()).map(async (p) => (await p.boundingBox())!));
}

test('the evaluation cells say clearly when there is no model yet', async ({ page }) => {
  await runCell(page, 'load-model');
  const err = cell(page, 'load-model').locator('.nb-error');
  await expect(err).toContainText('No model yet: run the training cell', { timeout: 60_000 });
  await expect(status(page)).toContainText('Error in cell');
});

test('Run all with short epochs: the sweep and the training run live; every view then shows that model, and it survives a reload', async ({ page }) => {
  test.setTimeout(400_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  // A shorter run: 1% of each epoch (10 steps per learning rate, 200 steps of training).
  await shortEpochs(page, 0.01);
  await bar(page).getByRole('button', { name: 'Run all', exact: true }).click();
  await expect(status(page)).toContainText('Running cell');
  // Each α trains with its own live view, then the cell draws the notebook's row of three figures.
  await expect(trainingViews(page, 'lr-sweep').first()).toBeVisible({ timeout: 200_000 });
  await expect(trainingViews(page, 'training')).toHaveAttribute('data-state', /running|finished/, { timeout: 200_000 });
  const risk = cell(page, 'test-risk').locator('.nb-output');
  await expect(risk).toContainText('The test risk is', { timeout: 280_000 });
  await expect(cell(page, 'predictions').locator('canvas')).toHaveCount(20, { timeout: 30_000 });
  await waitIdle(page);
  await expect(trainingViews(page, 'lr-sweep')).toHaveCount(3);
  for (const v of await trainingViews(page, 'lr-sweep').all()) await expect(v).toHaveAttribute('data-state', 'finished');
  await expect(trainingViews(page, 'training')).toHaveAttribute('data-step', '200');
  await expect(cell(page, 'lr-sweep').locator('.nb-output')).toContainText(/reached the lowest validation loss|None of the runs has learned yet/);
  await expect(cell(page, 'training').locator('.nb-out-plot > *')).toHaveCount(1);
  const value = Number((await risk.locator('annotation').first().textContent())?.trim());
  expect(value).toBeGreaterThan(0);
  expect(value).toBeLessThan(0.5); // trained: far better than chance (0.9)

  // One engine: the views below show the model the cells trained, and measure what the cell measured.
  await expect(page.locator('weights-status').first()).toContainText('The model your notebook trained (cell “training”, α = 0.1): 200 steps');
  const cm = page.locator('confusion-matrix [data-status]');
  await expect(cm).toContainText('test digits misclassified', { timeout: 60_000 });
  const mistakes = Number((await cm.textContent())!.match(/^(\d+) of 10,000/)![1]);
  expect(Number((mistakes / 10000).toPrecision(2))).toBe(value);
  await expect(page.locator('confusion-matrix table')).toBeVisible();
  await expect(page.locator('mistakes-gallery [data-status]')).toContainText(`${mistakes} of 10,000 test digits are misclassified`);

  // The sweep's three figures (subplots(1, 3)) sit side by side at 1280 px, titled by α…
  const grid = cell(page, 'lr-sweep').locator('.nb-plot-grid');
  await expect(grid).toHaveCount(1);
  await expect(grid.locator('> figure h2')).toHaveText(['α=1', 'α=0.1', 'α=0.01']);
  let boxes = await panelBoxes(page, 'lr-sweep');
  expect(boxes).toHaveLength(3);
  expect(Math.max(...boxes.map((b) => Math.abs(b.y - boxes[0].y)))).toBeLessThan(2);
  expect(boxes[0].x + boxes[0].width).toBeLessThanOrEqual(boxes[1].x);
  expect(boxes[1].x + boxes[1].width).toBeLessThanOrEqual(boxes[2].x);
  await cell(page, 'lr-sweep').screenshot({ path: `${process.env.E2E_OUT ?? 'test-results'}/cells-lr-sweep-1280.png` });
  // …and one above the other on a 375 px phone, each within the screen.
  await page.setViewportSize({ width: 375, height: 800 });
  boxes = await panelBoxes(page, 'lr-sweep');
  expect(boxes[0].y + boxes[0].height).toBeLessThanOrEqual(boxes[1].y);
  expect(boxes[1].y + boxes[1].height).toBeLessThanOrEqual(boxes[2].y);
  for (const b of boxes) expect(b.x + b.width).toBeLessThanOrEqual(375);
  await cell(page, 'training').screenshot({ path: `${process.env.E2E_OUT ?? 'test-results'}/cells-training-375.png` });
  await page.setViewportSize({ width: 1280, height: 900 });

  // After a reload the page still has the trained model (its checkpoint): the views say so, and
  // load-model gives it back to the notebook without retraining.
  const before = await predictionCaptions(page);
  expect(before).toHaveLength(20);
  await page.reload();
  await expect(bar(page)).toBeVisible();
  await expect(page.locator('weights-status [data-offer-text]')).toContainText('Your trained model (cell “training”, α = 0.1, 200 steps) is saved in this browser');
  await runCells(page, ['load-mnist', 'split', 'loaders', 'load-model', 'test-risk', 'predictions'], 120_000);
  expect(Number((await risk.locator('annotation').first().textContent())?.trim())).toBe(value);
  await expect(cell(page, 'load-model').locator('.nb-output')).toContainText('restored from this browser');
  for (const id of ['lr-sweep', 'training']) await expect(cell(page, id).locator('.nb-count')).not.toHaveText(/\d/); // nothing was retrained
  expect(await predictionCaptions(page)).toEqual(before);
});

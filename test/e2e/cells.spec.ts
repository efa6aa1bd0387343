// Runnable notebook cells on the workshop page (issue 6): running, editing, persistence, errors,
// Stop/Restart of a runaway cell, a short "Run all" that reaches the test risk (the LR sweep's three
// figures in one row), and the trained model coming back after a reload via loadSavedModel.
import type { Locator, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, GROSS_RESPONSE_MS } from './fixtures';

const PAGE = 'workshops/10-lenet5/';
const cell = (page: Page, id: string) => page.locator(`[data-cell="${id}"]`);
const runButton = (c: Locator) => c.getByRole('button', { name: 'Run', exact: true });
const status = (page: Page) => page.locator('[data-nb-status]');

/** Replaces a cell's code through its editor (opened by clicking the code, as a student does). */
async function setCode(page: Page, id: string, code: string) {
  const c = cell(page, id);
  const content = c.locator('.cm-content');
  if (!(await content.isVisible())) await c.getByRole('button', { name: 'Edit' }).click();
  await expect(content).toBeVisible();
  await content.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await content.fill(code);
  await expect(content).toHaveText(code.split('\n').join(''));
}

async function runCell(page: Page, id: string) {
  await runButton(cell(page, id)).click();
}

async function waitIdle(page: Page, timeout = 60_000) {
  await expect(status(page)).toHaveText('idle', { timeout });
}

test.beforeEach(async ({ page }) => {
  await page.goto(PAGE);
  await page.evaluate(() => {
    for (const k of Object.keys(localStorage)) if (k.startsWith('cnn-course:nb-edit:')) localStorage.removeItem(k);
  });
  await page.reload();
  await expect(page.locator('nb-bar')).toBeVisible();
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
  await page.waitForTimeout(400); // saving is debounced

  await page.reload();
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

  // The kernel survived: a later cell runs, and names from before the error are still there.
  await setCode(page, 'lenet5', 'const later = value + 1;\nlater');
  await runCell(page, 'lenet5');
  await expect(cell(page, 'lenet5').locator('.nb-output')).toHaveText('2');
  await waitIdle(page);
});

for (const button of ['Stop', 'Restart'] as const) {
  test(`while (true) {} is ended by ${button} (a fresh kernel after the 1 s grace) and the page stays responsive`, async ({ page }) => {
    await setCode(page, 'lenet5', 'const before = "kept";');
    await runCell(page, 'lenet5');
    await waitIdle(page);
    await setCode(page, 'split', 'while (true) {}');
    await runCell(page, 'split');
    await expect(status(page)).toContainText('Running cell');
    await page.waitForTimeout(300);
    // The page itself is not blocked while the kernel spins.
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
    await expect(status(page)).toContainText(button === 'Stop' ? 'kernel was restarted' : 'Kernel restarted');

    // A fresh kernel: old names are gone, new cells run.
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

test('loadSavedModel says clearly when nothing is saved yet', async ({ page }) => {
  await runCell(page, 'load-model');
  const err = cell(page, 'load-model').locator('.nb-error');
  await expect(err).toContainText("No model named 'lenet5' is saved in this browser yet", { timeout: 60_000 });
  await expect(err).toContainText("saveModel(net, 'lenet5')");
  await expect(status(page)).toContainText('Error in cell');
});

test('Run all with a small epoch count trains, reports the test risk and shows predictions; the model survives a reload', async ({ page }) => {
  test.setTimeout(400_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  // A shorter run: 1% of each epoch (≈ 30 steps per learning rate, ≈ 185 steps of training).
  await setCode(page, 'train', (await cell(page, 'train').locator('pre').first().innerText()).replace('const epochScale = 1;', 'const epochScale = 0.01;'));
  await page.locator('nb-bar').getByRole('button', { name: 'Run all', exact: true }).click();
  await expect(status(page)).toContainText('Running cell');
  // The sweep streams a live figure below its row of finished ones.
  await expect(cell(page, 'lr-sweep').locator('.nb-out-plot', { hasText: '(live)' })).toBeVisible({ timeout: 200_000 });
  // The long training streams its loss curve while it runs.
  await expect(cell(page, 'training').locator('.nb-out-plot', { hasText: '(live)' })).toBeVisible({ timeout: 200_000 });
  const risk = cell(page, 'test-risk').locator('.nb-output');
  await expect(risk).toContainText('The test risk is', { timeout: 280_000 });
  const value = Number((await risk.locator('annotation').first().textContent())?.trim());
  expect(value).toBeGreaterThan(0);
  expect(value).toBeLessThan(0.5); // trained: far better than chance (0.9)
  await expect(cell(page, 'lr-sweep').locator('.nb-out-plot > *')).toHaveCount(3);
  await expect(cell(page, 'training').locator('.nb-out-plot > *')).toHaveCount(1);
  await expect(page.locator('.nb-out-plot', { hasText: '(live)' })).toHaveCount(0); // replaced by the final figures
  await expect(cell(page, 'predictions').locator('canvas')).toHaveCount(20, { timeout: 30_000 });
  await waitIdle(page);

  // The sweep's three figures (subplots(1, 3)) sit side by side at 1280 px, titled by α…
  const grid = cell(page, 'lr-sweep').locator('.nb-plot-grid');
  await expect(grid).toHaveCount(1);
  await expect(grid.locator('> figure h2')).toHaveText(['α=1', 'α=0.1', 'α=0.01']);
  let boxes = await panelBoxes(page, 'lr-sweep');
  expect(boxes).toHaveLength(3);
  expect(Math.max(...boxes.map((b) => Math.abs(b.y - boxes[0].y)))).toBeLessThan(2);
  expect(boxes[0].x + boxes[0].width).toBeLessThanOrEqual(boxes[1].x);
  expect(boxes[1].x + boxes[1].width).toBeLessThanOrEqual(boxes[2].x);
  await grid.screenshot({ path: `${process.env.E2E_OUT ?? 'test-results'}/cells-lr-sweep-1280.png` });
  // …and one above the other on a 375 px phone, each within the screen.
  await page.setViewportSize({ width: 375, height: 800 });
  boxes = await panelBoxes(page, 'lr-sweep');
  expect(boxes[0].y + boxes[0].height).toBeLessThanOrEqual(boxes[1].y);
  expect(boxes[1].y + boxes[1].height).toBeLessThanOrEqual(boxes[2].y);
  for (const b of boxes) expect(b.x + b.width).toBeLessThanOrEqual(375);
  await grid.screenshot({ path: `${process.env.E2E_OUT ?? 'test-results'}/cells-lr-sweep-375.png` });
  await page.setViewportSize({ width: 1280, height: 900 });

  // The training cell saved the network; after a reload the documented call brings it back.
  await expect(cell(page, 'training').locator('.nb-output')).toContainText("Saved model 'lenet5' in this browser");
  const before = await predictionCaptions(page);
  expect(before).toHaveLength(20);
  await page.reload();
  await expect(page.locator('nb-bar')).toBeVisible();
  // No LR sweep, no training: the data, the saved model, then the evaluation cells.
  for (const id of ['load-mnist', 'split', 'loaders', 'load-model', 'test-risk', 'predictions']) await runCell(page, id);
  await waitIdle(page, 90_000);
  // The same weights: the same test risk over all 10,000 test images, the same first 20 predictions.
  expect(Number((await risk.locator('annotation').first().textContent())?.trim())).toBe(value);
  await expect(cell(page, 'load-model').locator('.nb-output')).toContainText("Loaded model 'lenet5', saved at");
  await expect(cell(page, 'load-model').locator('.nb-output')).toContainText('61,706 parameters');
  for (const id of ['lr-sweep', 'training']) await expect(cell(page, id).locator('.nb-count')).not.toHaveText(/\d/); // nothing was retrained
  await expect(cell(page, 'predictions').locator('canvas')).toHaveCount(20);
  expect(await predictionCaptions(page)).toEqual(before);
});

// Training in the notebook and the views of its model: the training cell's live view (Pause,
// Continue, Stop), a checkpoint that a reload offers to resume ("Resume training" runs the cells it
// needs, skipping the optional sweep), the reference weights ("Skip ahead") as the notebook's net
// at 0.90% test error, and the views beyond the notebook (confusion, mistakes, drawing, feature maps).
import { mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, GROSS_BLOCK_MS, GROSS_RESPONSE_MS } from './fixtures';
import { WORKSHOP, bar, cell, runCell, runCells, shortEpochs, status, trainingViews } from './notebook';

const shots = join(process.env.E2E_OUT || 'artifacts', 'screenshots');
mkdirSync(shots, { recursive: true });

/** Collects main-thread long tasks (start, duration) into window.__longtasks. */
async function recordLongTasks(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __longtasks: { start: number; duration: number }[] };
    w.__longtasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longtasks.push({ start: Math.round(e.startTime), duration: Math.round(e.duration) });
    }).observe({ type: 'longtask', buffered: true });
  });
}

const VIEWS = ['weights-status', 'reference-weights', 'confusion-matrix', 'mistakes-gallery', 'draw-digit', 'feature-maps'];

/** Serious or critical axe violations in the workshop's views and the training cell's output. */
async function axeViolations(page: Page): Promise<string[]> {
  let builder = new AxeBuilder({ page }).include('[data-cell="training"] .nb-output');
  for (const tag of VIEWS) builder = builder.include(tag);
  const axe = await builder.analyze();
  return axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`);
}

const PREPARE = ['load-mnist', 'split', 'lenet5', 'loaders', 'train'];

test.describe('training in the notebook', () => {
  test.describe.configure({ timeout: 300_000 });

  test('the training cell trains live: Pause and Continue, Stop; a reload offers to resume, and Resume training continues from the checkpoint', async ({ page }) => {
    await recordLongTasks(page);
    await page.goto(WORKSHOP);
    await expect(bar(page)).toBeVisible();
    await shortEpochs(page, 0.05); // 47 steps per epoch, 940 in 20 epochs
    await runCells(page, PREPARE, 120_000);
    await runCell(page, 'training');
    const view = trainingViews(page, 'training');
    await expect(view).toHaveAttribute('data-state', 'running', { timeout: 60_000 });
    await expect(view).toHaveAttribute('data-total-steps', '940');
    await expect.poll(async () => Number(await view.getAttribute('data-step')), { timeout: 90_000 }).toBeGreaterThanOrEqual(60);
    await expect(view.locator('.nb-train-line')).toContainText(/Step [\d,]+ of 940 · epoch \d+ of 20 · loss [\d.]+ · validation [\d.]+ · [\d,]+ img\/s on wasm/);
    await expect(view.locator('.nb-train-chart svg')).toBeVisible();
    await expect(page.locator('weights-status').first()).toContainText('The notebook is running cell “training”');

    // Pause holds the run; Continue goes on.
    await view.getByRole('button', { name: 'Pause' }).click();
    await expect(view).toHaveAttribute('data-state', 'paused');
    const pausedAt = Number(await view.getAttribute('data-step'));
    await page.waitForTimeout(700);
    expect(Number(await view.getAttribute('data-step'))).toBe(pausedAt);
    await view.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(async () => Number(await view.getAttribute('data-step'))).toBeGreaterThan(pausedAt);

    // Stop (the view's own button, as the bar's) ends the cell and keeps a checkpoint.
    const clickedAt = Date.now();
    await view.getByRole('button', { name: 'Stop' }).click();
    await expect(view).toHaveAttribute('data-state', 'stopped', { timeout: GROSS_RESPONSE_MS });
    test.info().annotations.push({ type: 'Stop took (ms)', description: String(Date.now() - clickedAt) });
    const stoppedAt = Number(await view.getAttribute('data-step'));
    await expect(view.locator('.nb-train-note')).toContainText(`Stopped at step ${stoppedAt}`);
    await expect(cell(page, 'training').locator('.nb-error')).toContainText('Interrupted');
    await expect(status(page)).toHaveText('Stopped.');
    const long = await page.evaluate((gross) => (window as unknown as { __longtasks: { duration: number }[] }).__longtasks.filter((t) => t.duration > gross), GROSS_BLOCK_MS);
    console.log(`training ${stoppedAt} steps; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores; tasks over ${GROSS_BLOCK_MS} ms: ${JSON.stringify(long)}`);
    expect(long, `main-thread tasks over ${GROSS_BLOCK_MS} ms while training`).toEqual([]);

    // A reload: the page offers the saved run; Resume training runs the cells it needs (not the sweep).
    await page.reload();
    const offer = page.locator('weights-status [data-offer]');
    await expect(offer).toContainText(`stopped at step ${stoppedAt} of 940`);
    await offer.getByRole('button', { name: 'Resume training' }).click();
    const resumed = trainingViews(page, 'training');
    await expect(resumed.locator('.nb-train-note')).toContainText(`Resumed at step ${stoppedAt} `, { timeout: 120_000 });
    await expect.poll(async () => Number(await resumed.getAttribute('data-step')), { timeout: 60_000 }).toBeGreaterThan(stoppedAt);
    await expect(cell(page, 'lr-sweep').locator('.nb-count')).not.toHaveText(/\d/);
    for (const id of PREPARE) await expect(cell(page, id).locator('.nb-count')).toHaveText(/\d/);
    // The curves of the first part came back with the checkpoint.
    const validations = (await resumed.getAttribute('data-validation-losses'))!.split(',');
    expect(validations.length).toBeGreaterThanOrEqual(1);
    await bar(page).getByRole('button', { name: 'Stop', exact: true }).click();
    await expect(resumed).toHaveAttribute('data-state', 'stopped', { timeout: GROSS_RESPONSE_MS });
    expect(await axeViolations(page)).toEqual([]);
  });

  test('Skip ahead: the reference weights become the notebook\'s net (0.90% test error), and every view shows them', async ({ page }) => {
    await page.goto(WORKSHOP);
    await expect(bar(page)).toBeVisible();
    await page.locator('reference-weights').getByRole('button', { name: 'Load the reference weights' }).click();
    await expect(page.locator('reference-weights [data-status]')).toContainText("Reference weights loaded: the notebook's net is now this model.", { timeout: 60_000 });
    await expect(page.locator('weights-status').first()).toContainText("The project's reference weights");
    await runCells(page, ['load-mnist', 'split', 'loaders', 'test-risk', 'predictions'], 120_000);
    await expect(cell(page, 'test-risk').locator('.nb-output')).toContainText('The test risk is: 0.0090');
    const captions = await cell(page, 'predictions').locator('figcaption').allInnerTexts();
    expect(captions).toHaveLength(20);
    expect(captions.filter((c) => /Prediction: (\d)\nLabel: \(\1\)/.test(c)).length).toBeGreaterThanOrEqual(19);

    // The views beyond the notebook measure the same model.
    await expect(page.locator('confusion-matrix [data-status]')).toContainText('90 of 10,000 test digits misclassified: test error 0.90%', { timeout: 60_000 });
    const firstMistake = page.locator('mistakes-gallery [data-gallery] button').first();
    await expect(firstMistake).toBeVisible();
    await firstMistake.click();
    await expect(page.locator('feature-maps [data-status]')).toContainText('Feature maps of test digit #', { timeout: 30_000 });
    await expect(page.locator('feature-maps [data-c1] canvas')).toHaveCount(6);
    await expect(page.locator('feature-maps [data-c3] canvas')).toHaveCount(16);

    // The drawing pad reads a drawn 1.
    const pad = page.locator('draw-digit canvas[data-pad]');
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.8, { steps: 12 });
    await page.mouse.up();
    await expect(page.locator('draw-digit [data-status]')).toContainText('The network reads 1', { timeout: 30_000 });

    // Narrow and dark: the views fit and stay accessible.
    await page.setViewportSize({ width: 375, height: 900 });
    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.locator('confusion-matrix').screenshot({ path: join(shots, 'workshop-confusion-dark-375.png') });
    expect(await axeViolations(page)).toEqual([]);
  });

  test('a runaway cell restarts the notebook; the views then start over from the saved model', async ({ page }) => {
    await page.goto(WORKSHOP);
    await expect(bar(page)).toBeVisible();
    await page.locator('reference-weights').getByRole('button', { name: 'Load the reference weights' }).click();
    await expect(page.locator('weights-status').first()).toContainText("The project's reference weights", { timeout: 60_000 });
    await cell(page, 'split').getByRole('button', { name: 'Edit' }).click();
    const content = cell(page, 'split').locator('.cm-content');
    await content.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.press('Delete');
    await content.fill('while (true) {}');
    await runCell(page, 'split');
    // A fresh runtime runs the hidden setup cell first, and Stop there stops cleanly: wait for the loop itself.
    await expect(cell(page, 'split')).toHaveAttribute('aria-busy', 'true', { timeout: 60_000 });
    await bar(page).getByRole('button', { name: 'Stop', exact: true }).click();
    await expect(status(page)).toContainText('so the notebook was restarted', { timeout: GROSS_RESPONSE_MS });
    // The reference weights lived in the old worker: the views no longer claim them.
    await expect(page.locator('weights-status').first()).toContainText('No model yet');
  });
});

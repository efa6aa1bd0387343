// Driving the workshop's notebook as a student does: find a cell, edit it, run it, wait for the bar.
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

export const WORKSHOP = 'workshops/10-lenet5/';
export const cell = (page: Page, id: string) => page.locator(`[data-cell="${id}"]`);
export const runButton = (c: Locator) => c.getByRole('button', { name: 'Run', exact: true });
export const status = (page: Page) => page.locator('[data-nb-status]');
export const bar = (page: Page) => page.locator('nb-bar');

/** Replaces a cell's code through its editor (opened by clicking the code, as a student does). */
export async function setCode(page: Page, id: string, code: string) {
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

/** The notebook's epochs shortened to `scale` of the data (the loaders cell's documented epochScale). */
export async function shortEpochs(page: Page, scale: number) {
  const src = await cell(page, 'loaders').locator('pre').first().innerText();
  await setCode(page, 'loaders', src.replace('const epochScale = 1;', `const epochScale = ${scale};`));
}

/**
 * Clicks a cell's Run and makes sure the click took: its count changes ("[*]" queued, then "[n]").
 * A cell above that is printing can push the button down between mouse-down and mouse-up, and then
 * the browser sends the click to neither; a student clicks again, and so does this.
 */
export async function runCell(page: Page, id: string) {
  const c = cell(page, id);
  const count = c.locator('.nb-count');
  const before = (await count.textContent()) ?? '';
  if (before === '[*]') return runButton(c).click(); // already queued: the click changes nothing
  await expect(async () => {
    if ((await count.textContent()) === before) await runButton(c).click();
    await expect(count).not.toHaveText(before, { timeout: 2000 });
  }).toPass({ timeout: 30_000 });
}

export async function waitIdle(page: Page, timeout = 60_000) {
  await expect(status(page)).toHaveText('idle', { timeout });
}

/** Runs these cells one after another (each queued behind the one before). */
export async function runCells(page: Page, ids: string[], timeout = 120_000) {
  for (const id of ids) await runCell(page, id);
  await waitIdle(page, timeout);
}

/** The live training views of a cell's runs. */
export const trainingViews = (page: Page, id: string) => cell(page, id).locator('.nb-out-training');

/** Forget the notebook's saved edits and training runs, so each test starts as a first visit. */
export async function freshNotebook(page: Page) {
  await page.goto(WORKSHOP);
  await page.evaluate(async () => {
    for (const k of Object.keys(localStorage)) if (k.startsWith('cnn-course:nb-edit:')) localStorage.removeItem(k);
    await new Promise((resolve) => {
      const req = indexedDB.deleteDatabase('cnn-course-workshop');
      req.onsuccess = req.onerror = req.onblocked = () => resolve(null);
    });
  });
  await page.reload();
  await expect(bar(page)).toBeVisible();
}

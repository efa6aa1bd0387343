// The PyTorch original beside every cell (issue 10, item 4): the "TypeScript (runs here)" /
// "PyTorch (the original notebook)" tabs, read with and without JavaScript, by keyboard, remembered
// across cells and pages; and the original notebook as a .ipynb download.
import { readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';

const PAGE = 'workshops/10-lenet5/';
const PAIRED = ['setup', 'load-mnist', 'inspect', 'split', 'lenet5', 'loaders', 'train', 'lr-sweep', 'training', 'test-risk', 'predictions'];
const TS_TAB = 'TypeScript (runs here)';
const PY_TAB = 'PyTorch (the original notebook)';
const shots = 'artifacts/screenshots';
mkdirSync(shots, { recursive: true });

const cell = (page: Page, id: string) => page.locator(`[data-cell="${id}"]`);
const tab = (page: Page, id: string, name: string) => cell(page, id).getByRole('tab', { name, exact: true });
const python = (page: Page, id: string) => cell(page, id).locator('.nb-panel-py pre');
const typescript = (page: Page, id: string) => cell(page, id).locator('.nb-panel-ts .nb-source pre');

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('The Python tabs read without JavaScript', async ({ page }) => {
    await page.goto(PAGE);
    await cell(page, 'setup').locator('summary').click(); // the folded setup cell opens without JavaScript too
    for (const id of PAIRED) {
      // Both versions show, each under its label, the Python highlighted at build time.
      await expect(python(page, id), id).toBeVisible();
      await expect(typescript(page, id), id).toBeVisible();
      await expect(python(page, id).locator('span[style*="color"]').first(), id).toBeVisible();
      await expect(cell(page, id).locator('.nb-panel-py .nb-panel-label')).toHaveText(PY_TAB);
      await expect(cell(page, id).locator('.nb-panel-ts .nb-panel-label')).toHaveText(TS_TAB);
    }
    await expect(python(page, 'lenet5')).toContainText('class LeNet5(torch.nn.Module):');
    await expect(python(page, 'train')).toContainText('optimizer.zero_grad()');
    await expect(cell(page, 'load-model').locator('.nb-panel-py')).toContainText('The original notebook has no cell like this one');
    // No dead tab or Run buttons without the script that drives them.
    await expect(page.getByRole('tab')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Run', exact: true })).toHaveCount(0);
    await page.setViewportSize({ width: 375, height: 800 });
    await cell(page, 'lenet5').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/pytorch-tabs-nojs-375.png` });
  });
});

test.describe('with JavaScript', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto(PAGE);
    await page.evaluate(() => localStorage.removeItem('cnn-course:code-tab'));
    await page.reload();
    await expect(page.locator('nb-bar')).toBeVisible();
  });

  test('one click shows the PyTorch original in every cell, and the choice is remembered', async ({ page }) => {
    await expect(typescript(page, 'lenet5')).toBeVisible();
    await expect(python(page, 'lenet5')).toBeHidden();
    await expect(tab(page, 'lenet5', TS_TAB)).toHaveAttribute('aria-selected', 'true');
    await expect(cell(page, 'lenet5').locator('.nb-panel-label').first()).toBeHidden();

    await tab(page, 'lenet5', PY_TAB).click();
    for (const id of ['load-mnist', 'lenet5', 'train', 'predictions']) {
      await expect(python(page, id), id).toBeVisible();
      await expect(typescript(page, id), id).toBeHidden();
      await expect(tab(page, id, PY_TAB)).toHaveAttribute('aria-selected', 'true');
    }
    await expect(python(page, 'split')).toContainText('SubsetRandomSampler(indices_train2)');
    await expect(cell(page, 'load-model').getByText('The original notebook has no cell like this one')).toBeVisible();
    await cell(page, 'lenet5').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/pytorch-tabs-python.png` });

    // Across a reload and in a new page of the same browser, before any script runs (no flash).
    await page.reload();
    await expect(python(page, 'lenet5')).toBeVisible();
    await expect(typescript(page, 'lenet5')).toBeHidden();
    const other = await page.context().newPage();
    await other.goto(PAGE);
    expect(await other.locator('html').getAttribute('data-code-tab')).toBe('python');
    await expect(python(other, 'train')).toBeVisible();
    await other.close();

    await tab(page, 'train', TS_TAB).click();
    await expect(typescript(page, 'lenet5')).toBeVisible();
    expect(await page.evaluate(() => localStorage.getItem('cnn-course:code-tab'))).toBe('ts');
  });

  test('the tabs are a tablist: arrow keys, Home and End move and select, one tab stop per cell', async ({ page }) => {
    const ts = tab(page, 'split', TS_TAB);
    const py = tab(page, 'split', PY_TAB);
    await expect(cell(page, 'split').getByRole('tablist')).toHaveAttribute('aria-label', /code/);
    await expect(py).toHaveAttribute('tabindex', '-1');
    await ts.focus();
    await page.keyboard.press('ArrowRight');
    await expect(py).toBeFocused();
    await expect(py).toHaveAttribute('aria-selected', 'true');
    await expect(py).toHaveAttribute('tabindex', '0');
    await expect(ts).toHaveAttribute('tabindex', '-1');
    await expect(python(page, 'split')).toBeVisible();
    await expect(page.locator(`#${await py.getAttribute('aria-controls')}`)).toBeVisible();
    await page.keyboard.press('ArrowRight'); // wraps around
    await expect(ts).toBeFocused();
    await expect(typescript(page, 'split')).toBeVisible();
    await page.keyboard.press('End');
    await expect(py).toBeFocused();
    await page.keyboard.press('Home');
    await expect(ts).toHaveAttribute('aria-selected', 'true');
    // Tab leaves the tablist for the code panel.
    await page.keyboard.press('Tab');
    await expect(typescript(page, 'split')).toBeFocused();
  });

  test('Edit on the PyTorch tab goes back to the TypeScript it edits', async ({ page }) => {
    await tab(page, 'loaders', PY_TAB).click();
    await cell(page, 'loaders').getByRole('button', { name: 'Edit' }).click();
    await expect(cell(page, 'loaders').locator('.cm-content')).toBeVisible();
    await expect(tab(page, 'loaders', TS_TAB)).toHaveAttribute('aria-selected', 'true');
    await expect(python(page, 'loaders')).toBeHidden();
  });

  test('the tabs pass axe in light and dark, with either tab chosen', async ({ page }) => {
    test.setTimeout(240_000); // four axe runs on a long page, on a busy 2-core machine
    for (const theme of ['light', 'dark']) {
      for (const choice of ['ts', 'python']) {
        await page.evaluate(([t, c]) => {
          localStorage.setItem('theme', t);
          localStorage.setItem('cnn-course:code-tab', c);
        }, [theme, choice]);
        await page.reload();
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        const { violations } = await new AxeBuilder({ page }).include('[data-cell="lenet5"]').include('[data-cell="setup"]').include('[data-cell="load-model"]').include('.nb-download').analyze();
        const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        expect(serious.map((v) => `${theme}/${choice}: ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      }
    }
    await cell(page, 'lenet5').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/pytorch-tabs-dark.png` });
  });

  test('at 375 px the tabs and the Python fit the screen', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await tab(page, 'train', PY_TAB).click();
    const tabs = cell(page, 'train').getByRole('tab');
    for (const t of await tabs.all()) {
      const box = (await t.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(375);
    }
    // The page does not scroll sideways; long Python lines scroll inside their box.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await cell(page, 'train').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/pytorch-tabs-375.png` });
  });
});

test('The .ipynb download parses as nbformat 4 and holds the seed\'s code cells', async ({ page }) => {
  await page.goto(PAGE);
  const link = page.getByRole('link', { name: 'Download the original notebook (.ipynb)' });
  await expect(link).toHaveAttribute('href', /^\/cnn-course\/workshops\/10-lenet5\.ipynb$/);
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toBe('10-lenet5.ipynb');
  const nb = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  expect(nb.nbformat).toBe(4);
  expect(nb.nbformat_minor).toBeGreaterThanOrEqual(5);
  expect(nb.metadata.kernelspec).toMatchObject({ name: 'python3', language: 'python' });
  expect(nb.metadata.language_info.name).toBe('python');
  const code = nb.cells.filter((c: any) => c.cell_type === 'code');
  expect(code.map((c: any) => c.id)).toEqual(PAIRED);
  for (const c of nb.cells) {
    expect(c.id).toMatch(/^[a-zA-Z0-9-_]{1,64}$/);
    expect(Array.isArray(c.source)).toBe(true);
  }
  const source = (c: any) => c.source.join('');
  for (const [id, line] of [
    ['load-mnist', 'torchvision.datasets.MNIST('],
    ['split', 'SubsetRandomSampler(indices_validation)'],
    ['lenet5', 'def forward(self, x):'],
    ['loaders', 'torch.utils.data.DataLoader('],
    ['train', 'loss.backward()'],
    ['lr-sweep', 'alpha_list = [1e0, 1e-1, 1e-2]'],
    ['test-risk', 'with torch.no_grad():'],
  ]) {
    expect(source(code.find((c: any) => c.id === id)), id).toContain(line);
  }
  for (const c of code) expect(c).toMatchObject({ outputs: [], execution_count: null });
  // The notebook's code is exactly what the page's PyTorch tabs show.
  for (const c of code) {
    const shown = (await python(page, c.id).textContent())!.replace(/\n$/, '');
    expect(shown, c.id).toBe(source(c));
  }
  const markdown = nb.cells.filter((c: any) => c.cell_type === 'markdown').map(source).join('\n');
  expect(markdown).toContain('## LeNet-5');
  expect(markdown).toMatch(/\$\$\n\\hat\{p\}_k=/);
  expect(markdown).not.toMatch(/<[A-Z]/);
});

// The header's search (Pagefind, built by `npm run build`): opened by the button, "/" and Ctrl+K; finds
// English and Hebrew text; results jump to the heading; nothing of it loads before first use.
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

const LECTURE = 'lectures/10-cnn/';
const dialog = (page: Page) => page.getByRole('dialog', { name: 'Search the course' });
const input = (page: Page) => dialog(page).getByRole('searchbox', { name: 'Search the course' });
const results = (page: Page) => dialog(page).getByRole('list', { name: 'Results' });

test('"/" opens the search; "dilation" finds the lecture, and a result jumps to its heading', async ({ page }) => {
  await page.goto(LECTURE);
  await page.keyboard.press('/');
  await expect(dialog(page)).toBeVisible();
  await expect(input(page)).toBeFocused();
  await input(page).fill('dilation');
  await expect(dialog(page).getByRole('status')).toContainText(/pages? mentions? “dilation”/);
  const lecture = results(page).getByRole('link', { name: 'Lecture 10: Convolutional neural networks' });
  await expect(lecture).toHaveAttribute('href', '/cnn-course/lectures/10-cnn/');
  await expect(results(page).locator('mark').first()).toHaveText(/dilat/i);
  const section = results(page).getByRole('link', { name: 'Dilation', exact: true });
  await expect(section).toHaveAttribute('href', '/cnn-course/lectures/10-cnn/#dilation');
  await section.click();
  await expect(dialog(page)).toBeHidden();
  await expect(page).toHaveURL(/\/lectures\/10-cnn\/#dilation$/);
  await expect(page.locator('h3#dilation, h2#dilation')).toBeInViewport();
});

test('Ctrl+K opens the search from the home page; "stride" leads to the lecture', async ({ page }) => {
  await page.goto('');
  await page.keyboard.press('Control+k');
  await expect(input(page)).toBeFocused();
  await input(page).fill('stride');
  await results(page).getByRole('link', { name: 'Stride', exact: true }).click();
  await expect(page).toHaveURL(/\/cnn-course\/lectures\/10-cnn\/#stride$/);
});

test('a Hebrew word from the opening paragraphs finds the lecture, its excerpt right to left', async ({ page }) => {
  await page.goto('workshops/10-lenet5/');
  await page.getByRole('button', { name: /Search/ }).click();
  await input(page).fill('קונבולוציה');
  const lecture = results(page).getByRole('link', { name: 'Lecture 10: Convolutional neural networks' });
  await expect(lecture).toBeVisible();
  const hebrewExcerpt = results(page).locator('.search-excerpt', { hasText: 'רשת' }).first();
  await expect(hebrewExcerpt.locator('mark').first()).toHaveText(/קונבולוציה/);
  expect(await hebrewExcerpt.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
});

test('Enter goes to the first result; Escape closes and gives focus back; "/" in a text field types a slash', async ({ page }) => {
  await page.goto(LECTURE);
  const open = page.getByRole('button', { name: /Search/ });
  await open.click();
  await input(page).fill('max pooling');
  await expect(results(page).getByRole('link').first()).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(results(page).getByRole('link').first()).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(input(page)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toBeHidden();
  await expect(open).toBeFocused();

  const field = page.locator('#fig-cross-correlation-w');
  await field.fill('');
  await field.pressSequentially('1/2');
  await expect(field).toHaveValue('1/2');
  await expect(dialog(page)).toBeHidden();

  await open.click();
  await input(page).fill('LeNet-5');
  await expect(results(page).getByRole('link').first()).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page).not.toHaveURL(/\/lectures\/10-cnn\/$/);
});

test('a misspelling says what was matched instead; Enter opens the best-matching heading, not the page top', async ({ page }) => {
  await page.goto('');
  await page.keyboard.press('/');
  await input(page).fill('dilaton');
  await expect(dialog(page).getByRole('status')).toHaveText(/^Nothing matches “dilaton” exactly; \d+ pages? mentions? “dilation”/);
  await input(page).fill('dilation');
  await expect(dialog(page).getByRole('status')).toHaveText(/^\d+ pages? mentions? “dilation”\.$/);
  await expect(results(page).getByRole('link', { name: 'Dilation', exact: true })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/lectures\/10-cnn\/#dilation$/);
});

test('a word no page has says so; one letter asks for more', async ({ page }) => {
  await page.goto('');
  await page.keyboard.press('/');
  await input(page).fill('x');
  await expect(dialog(page).getByRole('status')).toHaveText('Type at least two letters.');
  await input(page).fill('qqqqqqq');
  await expect(dialog(page).getByRole('status')).toHaveText('No page mentions “qqqqqqq”.');
  await expect(results(page).getByRole('listitem')).toHaveCount(0);
});

test('the search loads on first use: none of it before, and the lecture’s JavaScript stays within 30 KiB gzip', async ({ page, request }) => {
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  await page.goto(LECTURE);
  await page.waitForLoadState('networkidle');
  expect(requested.filter((u) => u.includes('/pagefind/'))).toEqual([]);
  // JavaScript before interaction: every script the page asked for before tfjs (which a widget loads when seen).
  const scripts = await page.evaluate(() =>
    performance.getEntriesByType('resource').filter((e) => /\.m?js(\?|$)/.test(e.name)).map((e) => ({ url: e.name, start: e.startTime })),
  );
  // tfjs starts with the lazy chunk of the one loader, src/lib/tfjs/load-tf.ts.
  const tfStart = scripts.find((s) => /\/load-tf\.[^/]*\.js/.test(s.url))?.start ?? Infinity;
  let gzip = 0;
  for (const s of scripts.filter((x) => x.start < tfStart)) gzip += gzipSync(await (await request.get(s.url)).body(), { level: 9 }).length;
  console.log(`lecture JavaScript before interaction: ${(gzip / 1024).toFixed(1)} KiB gzip`);
  expect(gzip).toBeLessThanOrEqual(30 * 1024);

  await page.keyboard.press('/');
  await input(page).fill('padding');
  await expect(results(page).getByRole('link').first()).toBeVisible();
  expect(requested.some((u) => u.endsWith('/cnn-course/pagefind/pagefind.js'))).toBe(true);
});

test('search at 375 px in dark mode: the dialog fits and reads well (screenshot)', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(LECTURE);
  await page.getByRole('button', { name: /Search/ }).click();
  await input(page).fill('padding');
  await expect(results(page).getByRole('link').first()).toBeVisible();
  const box = await dialog(page).boundingBox();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(375);
  await page.screenshot({ path: 'artifacts/screenshots/search-375-dark.png' });
});

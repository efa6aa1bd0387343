// The whole course offline after one visit (the Workbox service worker, built by scripts/build-sw.mjs),
// cross-origin isolation from the same worker, and the "new version" prompt after a rebuilt worker.
// These tests let the service worker run (the other specs block it).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, readAcrossReloads } from './fixtures';

test.use({ serviceWorkers: 'allow' });

const dist = resolve(process.env.DIST_DIR || 'dist');
const LECTURE = 'lectures/10-cnn/';
const WORKSHOP = 'workshops/10-lenet5/';

/** Every file under dist, as a path relative to it. */
function distFiles(dir = dist): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? distFiles(p) : [relative(dist, p)];
  });
}

/** The precache list Workbox injected into sw.js. */
function precached(): string[] {
  const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
  return [...sw.matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]);
}

/**
 * Serves pages without COOP/COEP, as GitHub Pages does (whatever this test server sends), so any
 * isolation comes from the service worker; and records, per document load, whether it was isolated.
 */
async function asGitHubPagesServes(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const loads = JSON.parse(sessionStorage.getItem('test:loads') || '[]') as boolean[];
    sessionStorage.setItem('test:loads', JSON.stringify([...loads, self.crossOriginIsolated]));
  });
  await page.route('**/*', async (route) => {
    if (route.request().resourceType() !== 'document') return route.fallback();
    const res = await route.fetch();
    const headers = { ...res.headers() };
    delete headers['cross-origin-opener-policy'];
    delete headers['cross-origin-embedder-policy'];
    await route.fulfill({ response: res, headers });
  });
}

/**
 * First visit: the worker installs, takes control, and the page reloads itself once to be isolated.
 * Returns, per document load, whether it was cross-origin isolated.
 */
async function firstVisit(page: Page, path: string): Promise<boolean[]> {
  await asGitHubPagesServes(page);
  await page.goto(path);
  await expect.poll(readAcrossReloads(page, () => self.crossOriginIsolated), { timeout: 60_000 }).toBe(true);
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/\/cnn-course\/sw\.js$/);
  return page.evaluate(() => JSON.parse(sessionStorage.getItem('test:loads') || '[]') as boolean[]);
}

async function goOffline(context: BrowserContext) {
  await context.setOffline(true);
}

test('the precache holds every page, script, wasm binary, KaTeX style and font, the weights and the search index; not MNIST', () => {
  const list = new Set(precached());
  const files = distFiles();
  const must = files.filter(
    (f) =>
      // Every page but the authoring reference: instructors only, 340 KB, not for offline study (build-sw.mjs).
      (/(^|\/)index\.html$|^404\.html$/.test(f) && f !== 'authoring/index.html') ||
      /^_astro\/.*\.(js|css|wasm|woff2)$/.test(f) ||
      /^models\//.test(f) ||
      /^pagefind\/(pagefind\.js|pagefind-worker\.js|pagefind-entry\.json|.*\.pf_(meta|index|fragment)|wasm\..*\.pagefind)$/.test(f) ||
      /^(manifest\.webmanifest|favicon\.svg|icons\/.*\.png)$/.test(f),
  );
  // tfjs's three wasm backends (plain, SIMD, threaded SIMD) and the course's own kernels (single, shared memory; each also
  // with relaxed SIMD's multiply-add).
  const wasm = must.filter((f) => f.endsWith('.wasm')).map((f) => f.replace(/^_astro\//, '').replace(/-[\w-]{8}\.wasm$/, ''));
  expect(wasm.sort()).toEqual(['cnn', 'cnn-relaxed', 'cnn-shared', 'cnn-shared-relaxed', 'tfjs-backend-wasm', 'tfjs-backend-wasm-simd', 'tfjs-backend-wasm-threaded-simd']);
  expect(must.some((f) => /KaTeX_Main-Regular.*\.woff2$/.test(f))).toBe(true);
  expect(must.filter((f) => !list.has(f))).toEqual([]);
  expect([...list].filter((u) => u.startsWith('data/mnist/'))).toEqual([]);
  expect(list.has('authoring/index.html')).toBe(false);
  const bytes = [...list].reduce((sum, f) => sum + statSync(join(dist, f)).size, 0);
  console.log(`precache: ${list.size} files, ${(bytes / 1024 / 1024).toFixed(2)} MiB`);
});

test('after one visit, offline: both pages reload, a widget computes, the editor opens and a cell runs, search works', async ({ page, context }) => {
  test.setTimeout(180_000);
  expect(await firstVisit(page, LECTURE)).toEqual([false, true]); // not isolated, then the one early reload
  await page.waitForTimeout(2000);
  expect(await page.evaluate(() => JSON.parse(sessionStorage.getItem('test:loads')!))).toEqual([false, true]); // never again
  await page.goto(WORKSHOP);
  await goOffline(context);

  for (const path of [LECTURE, WORKSHOP, '']) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
    await expect(page.locator('h1').first()).toBeVisible();
    expect(await page.evaluate(() => self.crossOriginIsolated), path).toBe(true);
  }

  // A widget with a setting in its URL (query strings do not change which page is served).
  await page.goto(`${LECTURE}?offline-check=1`);
  await expect(page.locator('.katex').first()).toBeVisible();
  expect(await page.evaluate(() => document.fonts.check('16px KaTeX_Main'))).toBe(true);
  const fig = page.locator('#fig-cross-correlation');
  await page.locator('#fig-cross-correlation-w').fill('1, 1, 1');
  await expect(fig.getByText(/Computed live by TensorFlow\.js/)).toBeVisible({ timeout: 60_000 });

  // Search from the header, offline.
  await page.getByRole('button', { name: /Search/ }).click();
  await page.getByRole('searchbox', { name: 'Search the course' }).fill('stride');
  await expect(page.getByRole('list', { name: 'Results' }).getByRole('link', { name: 'Stride', exact: true })).toBeVisible();
  await page.keyboard.press('Escape');

  await page.goto(WORKSHOP);
  const cell = page.locator('[data-cell="lenet5"]');
  await cell.getByRole('button', { name: 'Edit' }).click();
  await expect(cell.locator('.cm-editor')).toBeVisible();
  await cell.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(cell.locator('.nb-count')).toHaveText(/\[\d+\]/, { timeout: 90_000 });
  await expect(cell.locator('.nb-output')).not.toContainText(/not saved on this device|Failed to fetch|error/i);
  await expect(cell.locator('.nb-editor')).not.toContainText(/not saved on this device|could not/);

  // A page the worker has not saved says so in the course's words.
  const missing = await page.goto('no-such-page/');
  expect(missing?.status()).toBe(200);
  await expect(page.getByRole('heading', { name: 'You are offline' })).toBeVisible();
});

test('a student who starts working before the worker takes over is never reloaded: the edit stays, isolation comes on the next page', async ({ page }) => {
  test.setTimeout(120_000);
  await asGitHubPagesServes(page);
  await page.goto(WORKSHOP);
  // At once, while the worker is still saving the course: open a cell's editor and type.
  const cell = page.locator('[data-cell="lenet5"]');
  await cell.getByRole('button', { name: 'Edit' }).click();
  await cell.locator('.cm-content').click();
  await page.keyboard.type('// my note ');
  await expect.poll(readAcrossReloads(page, () => !!navigator.serviceWorker.controller), { timeout: 60_000 }).toBe(true);
  await page.waitForTimeout(2000);
  expect(await page.evaluate(() => JSON.parse(sessionStorage.getItem('test:loads')!))).toEqual([false]); // no reload
  await expect(cell.locator('.cm-content')).toContainText('// my note');
  await page.goto(LECTURE);
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
});

test('offline, with MNIST in its cache: the reference weights load and a short training run finishes', async ({ page, context }) => {
  test.setTimeout(300_000);
  await firstVisit(page, WORKSHOP);
  // The one download MNIST ever needs, online: the load cell stores it in the Cache API.
  await page.locator('[data-cell="load-mnist"]').getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('[data-nb-status]')).toHaveText('idle', { timeout: 180_000 });
  await goOffline(context);
  await page.goto(WORKSHOP);

  const ref = page.locator('reference-weights');
  await ref.getByRole('button', { name: 'Load the reference weights' }).click();
  await expect(ref.locator('[data-status]')).toContainText('Reference weights loaded', { timeout: 60_000 });

  // 20 training steps: one batch per epoch for the notebook's 20 epochs.
  const loaders = page.locator('[data-cell="loaders"]');
  await loaders.getByRole('button', { name: 'Edit' }).click();
  const content = loaders.locator('.cm-content');
  const src = await content.innerText();
  await content.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await content.fill(src.replace('const epochScale = 1;', 'const epochScale = 1 / 922;'));
  for (const id of ['load-mnist', 'split', 'lenet5', 'loaders', 'train', 'training']) {
    await page.locator(`[data-cell="${id}"]`).getByRole('button', { name: 'Run', exact: true }).click();
  }
  const view = page.locator('[data-cell="training"] .nb-out-training');
  await expect(view).toHaveAttribute('data-state', 'finished', { timeout: 180_000 });
  await expect(view).toHaveAttribute('data-step', '20');
});

test.describe('a new deploy', () => {
  const swPath = join(dist, 'sw.js');
  let original = '';
  test.beforeAll(() => {
    original = readFileSync(swPath, 'utf8');
  });
  test.afterEach(() => {
    writeFileSync(swPath, original); // a rebuilt worker is only its test's
  });

  test('made while the student was away, is offered on the next page they open', async ({ page }) => {
    test.setTimeout(120_000);
    await firstVisit(page, LECTURE);
    writeFileSync(swPath, `${original}\n// rebuilt ${Date.now()}\n`);
    // Opening a page is when the browser looks for a new worker: it installs while this page loads.
    await page.goto(WORKSHOP);
    const prompt = page.locator('[data-update-prompt]');
    await expect(prompt).toBeVisible({ timeout: 60_000 });
    await expect(prompt).toContainText('A new version of the course is available — Reload');
    await Promise.all([page.waitForEvent('load'), prompt.getByRole('button', { name: 'Reload' }).click()]);
    await expect.poll(readAcrossReloads(page, async () => !!(await navigator.serviceWorker.getRegistration())?.waiting)).toBe(false);
    await expect(page.locator('[data-update-prompt]')).toBeHidden();
  });

  test('is offered as "A new version of the course is available — reload", never while training runs', async ({ page }) => {
    test.setTimeout(120_000);
    await firstVisit(page, LECTURE);
    const prompt = page.locator('[data-update-prompt]');
    await expect(prompt).toBeHidden();
    // A rebuilt service worker (any byte differs): the browser installs it next to the running one.
    writeFileSync(swPath, `${original}\n// rebuilt ${Date.now()}\n`);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    await expect(prompt).toBeVisible({ timeout: 60_000 });
    await expect(prompt).toContainText('A new version of the course is available — Reload');
    const reload = prompt.getByRole('button', { name: 'Reload' });

    // Training starts: the prompt waits for it and says so; a click does nothing.
    await page.evaluate(() => document.documentElement.setAttribute('data-busy', ''));
    await expect(prompt).toContainText('It can load when the training ends');
    await expect(reload).toBeDisabled();
    await reload.click({ force: true });
    await page.waitForTimeout(1000);
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
    expect(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())!.waiting)).toBe(true);

    // Training ends: the reload is offered again, and takes the new version.
    await page.evaluate(() => document.documentElement.removeAttribute('data-busy'));
    await expect(reload).toBeEnabled();
    await Promise.all([page.waitForEvent('load'), reload.click()]);
    await expect.poll(readAcrossReloads(page, async () => !!(await navigator.serviceWorker.getRegistration())?.waiting)).toBe(false);
    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
    await expect(page.locator('[data-update-prompt]')).toBeHidden();
  });
});

test.describe('without a service worker (the first visit was cut short)', () => {
  // The browser logs each request that the network refuses; the page itself must not throw.
  test.use({ serviceWorkers: 'block', allowedConsoleErrors: [/^Failed to load resource: net::ERR_INTERNET_DISCONNECTED$/] });
  test('offline, the editor and the notebook say so in the course’s words, never as a raw module-fetch error', async ({ page, context }) => {
    await page.goto(WORKSHOP);
    await goOffline(context);
    const cell = page.locator('[data-cell="lenet5"]');
    await cell.getByRole('button', { name: 'Edit' }).click();
    await expect(cell.locator('.nb-editor')).toContainText('The code editor is not saved on this device yet, and you are offline.');
    // Running a cell needs the notebook's worker: the first cell to run (the setup cell) and the bar say why not.
    await page.locator('[data-cell="load-mnist"]').getByRole('button', { name: 'Run', exact: true }).click();
    const why = "The notebook's worker is not saved on this device yet, and you are offline.";
    await expect(page.locator('[data-nb-status]')).toContainText(why);
    await expect(page.locator('[data-cell="setup"] .nb-error')).toContainText(why);
    for (const el of [cell, page.locator('nb-bar'), page.locator('[data-cell="setup"]')]) await expect(el).not.toContainText(/Failed to fetch|dynamically imported module|_astro\//);
  });
});

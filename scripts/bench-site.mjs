// What the browser benches share: the built site in the bench's own folder, served as GitHub Pages
// serves it (cross-origin isolated, scripts/serve-dist.mjs), and the workshop's notebook driven as a
// student drives it (the same steps as test/e2e/notebook.ts, without the test runner).
import { spawn, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const WORKSHOP = 'workshops/10-lenet5/';

/**
 * Builds the site (MNIST assets + astro) into `dist`, unless `reuse` and it is there already. Never
 * into the checkout's own dist/. flock keeps two builds in one checkout from clobbering .astro/.
 * @param {string} dist
 * @param {boolean} reuse
 */
export function buildSite(dist, reuse) {
  if (reuse && existsSync(join(dist, 'index.html'))) return;
  if (resolve(dist) === resolve(root, 'dist')) throw new Error('bench: refusing to build into the shared dist/; pass --reuse to read it');
  execFileSync('node', ['scripts/prepare-mnist.mjs'], { cwd: root, stdio: 'inherit' });
  const hasFlock = (() => { try { execFileSync('flock', ['--version'], { stdio: 'ignore' }); return true; } catch { return false; } })();
  const astro = ['npx', 'astro', 'build', '--outDir', dist];
  execFileSync(hasFlock ? 'flock' : astro[0], hasFlock ? ['/tmp/astro.lock', ...astro] : astro.slice(1), { cwd: root, stdio: 'inherit' });
}

/**
 * Serves `dist` on `port` (cross-origin isolated) in a child process; resolves once it listens.
 * @param {string} dist
 * @param {number} port
 */
export async function serveSite(dist, port) {
  const server = spawn('node', [join(root, 'scripts/serve-dist.mjs'), String(port)], {
    cwd: root, env: { ...process.env, DIST_DIR: dist }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((ok, fail) => {
    server.stdout.on('data', (d) => String(d).includes('serving') && ok(undefined));
    server.on('exit', (code) => fail(new Error(`server exited with ${code}`)));
  });
  return server;
}

/** @typedef {import('@playwright/test').Page} Page */

/** @param {Page} page @param {string} id */
export const cell = (page, id) => page.locator(`[data-cell="${id}"]`);

/**
 * Clicks Run on each cell (each queued behind the one before) and waits for the bar's `idle`.
 * @param {Page} page @param {string[]} ids
 */
export async function runCells(page, ids, timeout = 600_000) {
  for (const id of ids) await cell(page, id).getByRole('button', { name: 'Run', exact: true }).click();
  await page.locator('[data-nb-status]').filter({ hasText: /^idle$/ }).waitFor({ timeout });
}

/**
 * Replaces a cell's code through its editor.
 * @param {Page} page @param {string} id @param {string} code
 */
export async function setCode(page, id, code) {
  const c = cell(page, id);
  const content = c.locator('.cm-content');
  if (!(await content.isVisible())) await c.getByRole('button', { name: 'Edit' }).click();
  await content.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await content.fill(code);
}

/**
 * Opens the workshop as a first visit of the notebook: no saved edits, no saved training runs (the
 * MNIST cache stays).
 * @param {Page} page @param {string} origin the site's URL with its base path
 */
export async function freshNotebook(page, origin) {
  await page.goto(`${origin}${WORKSHOP}`);
  await page.evaluate(async () => {
    for (const k of Object.keys(localStorage)) if (k.startsWith('cnn-course:nb-edit:')) localStorage.removeItem(k);
    await new Promise((done) => {
      const req = indexedDB.deleteDatabase('cnn-course-workshop');
      req.onsuccess = req.onerror = req.onblocked = () => done(null);
    });
  });
  await page.reload();
  await page.locator('nb-bar').waitFor();
}

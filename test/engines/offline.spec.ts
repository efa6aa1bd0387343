// The service worker in every engine, over a copy of the site served as GitHub Pages serves it (no
// COOP/COEP headers, so isolation must come from the worker): after one visit both pages reload
// with the server gone, isolated, and compute; a new deploy is offered, and Reload takes it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { waitFor, type EnginePage } from './engine-page';
import { serveDist } from '../../scripts/serve-dist.mjs';

interface DistServer {
  url: string;
  root: string;
  overrides: Map<string, string>;
  close(): Promise<void>;
}

const LECTURE = 'lectures/10-cnn/';
const WORKSHOP = 'workshops/10-lenet5/';

/** One visit: the worker installs and controls the page, which is then cross-origin isolated (after its one early reload). */
async function visit(tab: EnginePage, path: string) {
  await tab.goto(path);
  await waitFor(tab, `the service worker to control ${path}`, () => !!navigator.serviceWorker.controller, undefined, 90_000);
  const isolated = await waitFor(tab, `${path} to be isolated`, () => self.crossOriginIsolated, undefined, 20_000).catch(() => false);
  console.log(`${tab.engine}: ${path} isolated by the service worker: ${isolated}`);
  expect(isolated, `${tab.engine}: ${path} made cross-origin isolated by the service worker`).toBe(true);
  // The isolated reload's document reports isolation while it is still parsing: let it finish.
  await waitFor(tab, `${path} to finish loading`, () => document.readyState === 'complete');
}

/** Firefox reports the fonts a page was still fetching when it was left (NS_BINDING_ABORTED). */
const FONT_CUT_OFF = /^pageerror: downloadable font: download failed .* status=2152398850 /;
/**
 * Firefox reports a request the service worker was serving when the page went away: the one early
 * reload that makes a first visit isolated, or Reload taking a new version.
 */
const SERVED_CUT_OFF = /^pageerror: Failed to load ‘.*’\. A ServiceWorker intercepted the request and encountered an unexpected error\.$/;
/** Both, as one pattern: `test.use` reads a list of two RegExps as a fixture tuple (value, options). */
const CUT_OFF = new RegExp(`${FONT_CUT_OFF.source}|${SERVED_CUT_OFF.source}`);

let server: DistServer | undefined;
test.afterEach(async () => {
  await server?.close();
  server = undefined;
});

test.describe('offline', () => {
  test.use({ allowedConsoleErrors: [CUT_OFF] });
test('after one visit, with the server gone: both pages reload, isolated, and the lecture still computes with TensorFlow.js', async ({ open }) => {
  test.setTimeout(240_000);
  server = (await serveDist({ isolation: false })) as DistServer;
  const tab = await open(server.url);
  await visit(tab, LECTURE);
  await visit(tab, WORKSHOP);
  await server.close();
  server = undefined;

  for (const path of [LECTURE, WORKSHOP]) {
    await tab.goto(path);
    const page = await tab.evaluate(() => ({
      h1: document.querySelector('h1')?.textContent?.trim(),
      isolated: self.crossOriginIsolated,
      math: document.querySelectorAll('.katex').length,
      bar: !!document.querySelector('nb-bar:not([hidden])'),
    }));
    expect(page.h1, `${tab.engine}: ${path} offline`).toBeTruthy();
    expect(page.isolated, `${tab.engine}: ${path} offline is cross-origin isolated`).toBe(true);
    expect(page.math).toBeGreaterThan(0);
    // The notebook's code may run after the load event (a dynamic import): wait for its bar.
    if (path === WORKSHOP) expect(page.bar || (await waitFor(tab, 'the notebook bar offline', () => !!document.querySelector('nb-bar:not([hidden])'), undefined, 30_000))).toBe(true);
  }
  // tfjs and its wasm come from the precache: a widget computes offline.
  await tab.goto(LECTURE);
  await tab.evaluate(() => document.getElementById('fig-stride')!.scrollIntoView({ block: 'center' }));
  const match = await waitFor(tab, 'the stride widget computed by TensorFlow.js offline', () => {
    const el = document.getElementById('fig-stride')!.closest<HTMLElement>('concept-1d')!;
    return el.dataset.tfMatch;
  }, undefined, 60_000);
  expect(match).toBe('true');
});
});

test.describe('a new deploy', () => {
  test.use({ allowedConsoleErrors: [CUT_OFF] });
test('a new deploy: the page offers "A new version of the course is available", and Reload takes it', async ({ open }) => {
  test.setTimeout(180_000);
  server = (await serveDist({ isolation: false })) as DistServer;
  const tab = await open(server.url);
  await visit(tab, LECTURE);
  expect(await tab.evaluate(() => document.querySelector<HTMLElement>('[data-update-prompt]')!.hidden)).toBe(true);
  // A rebuilt service worker (any byte differs): the browser finds it when the next page opens.
  const sw = readFileSync(join(server.root, 'sw.js'), 'utf8');
  server.overrides.set('sw.js', `${sw}\n// rebuilt ${Date.now()}\n`);
  await tab.goto(WORKSHOP);
  const text = await waitFor(tab, 'the update prompt', () => {
    const box = document.querySelector<HTMLElement>('[data-update-prompt]')!;
    return !box.hidden && box.innerText;
  }, undefined, 90_000);
  expect(text).toContain('A new version of the course is available');
  await tab.evaluate(() => ((window as unknown as { beforeUpdate: boolean }).beforeUpdate = true));
  await tab.click('[data-update-reload]');
  // Synchronous reads while the page reloads (a pending promise can outlive its page in WebKit's driver).
  await waitFor(tab, 'the page to reload', () => !(window as unknown as { beforeUpdate?: boolean }).beforeUpdate && document.readyState === 'complete' && !!document.querySelector('[data-update-prompt]'), undefined, 60_000);
  await waitFor(tab, 'the new version in control, none waiting', async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    return !!reg?.active && !reg.waiting && !!navigator.serviceWorker.controller;
  }, undefined, 30_000);
  expect(await tab.evaluate(() => document.querySelector<HTMLElement>('[data-update-prompt]')!.hidden)).toBe(true);
  expect(await tab.evaluate(() => self.crossOriginIsolated)).toBe(true);
  // The new version opened at a marked URL (WebKit cannot reload this page), and the mark is gone again.
  expect(await tab.evaluate(() => location.pathname + location.search)).toMatch(/\/workshops\/10-lenet5\/$/);
});
});

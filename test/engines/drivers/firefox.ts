// Firefox ESR through puppeteer-core over WebDriver BiDi: Firefox speaks BiDi itself, so no
// geckodriver is needed, and puppeteer-core launches the installed binary (it never downloads one).
import puppeteer, { type Browser, type KeyInput, type Page } from 'puppeteer-core';
import type { EnginePage } from '../engine-page.ts';
import { chord, pasteText, reachable, untilReachable } from './shared.ts';

export const FIREFOX_PATH = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';

export function launchFirefox(): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    // No update checks, telemetry or remote settings: this machine has no network beyond loopback.
    extraPrefsFirefox: { 'app.update.enabled': false, 'datareporting.policy.dataSubmissionEnabled': false, 'network.captive-portal-service.enabled': false },
  });
}

type Marked = Window & { leftByGoto?: boolean };

/** Resolves once the tab shows `target` fully loaded (or `done` aborts), asking the page itself; rejects with what it last saw. */
async function loadedAt(page: Page, target: string, timeout: number, done: AbortSignal): Promise<void> {
  const until = Date.now() + timeout;
  let last = 'no answer';
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    if (done.aborted) return;
    // An evaluate sent while the old document is torn down may never be answered: each asks once, briefly.
    const seen = await Promise.race([
      page.evaluate(() => `${location.href} ${(window as Marked).leftByGoto ? 'old' : document.readyState}`).catch((e: Error) => `(${e.message.split('\n')[0]})`),
      new Promise<string>((r) => setTimeout(() => r('(no answer in 5 s)'), 5_000)),
    ]);
    last = seen;
    if (seen === `${target} complete`) return;
    if (Date.now() > until) throw new Error(`firefox: ${target} did not finish loading in ${timeout / 1000} s; the tab last said: ${last}`);
  }
}

export async function openFirefox(browser: Browser, base: string): Promise<EnginePage> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(`pageerror: ${(e as Error).message ?? e}`));
  const url = (path: string) => new URL(path, base).href;
  const element = async (selector: string) => {
    await untilReachable('firefox', selector, () => page.evaluate(reachable, selector));
    return (await page.$(selector))!;
  };
  return {
    engine: 'firefox',
    base,
    errors,
    async goto(path) {
      // A gross limit (Playwright's is 0 = none): a busy 2-core machine runs three browsers at once.
      const options = { waitUntil: 'load', timeout: 90_000 } as const;
      const target = url(path);
      // Marks the document being left, so that the page check never mistakes it for the new one.
      await Promise.race([page.evaluate(() => void ((window as Marked).leftByGoto = true)).catch(() => {}), new Promise((r) => setTimeout(r, 5_000))]);
      const loaded = page.waitForNavigation(options);
      const sent = page.goto(target, options);
      // Firefox 153 has left BiDi's navigate command, and its load event, unanswered for minutes after
      // the page had loaded (CI, a page under its service worker): the page's own state is what counts.
      sent.catch(() => {});
      loaded.catch(() => {});
      const done = new AbortController();
      try {
        await Promise.race([sent, loaded, loadedAt(page, target, options.timeout, done.signal)]);
      } finally {
        done.abort();
      }
    },
    async reload() {
      await page.reload({ waitUntil: 'load' });
    },
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    async click(selector) {
      await (await element(selector)).click();
    },
    async tap(selector) {
      await (await element(selector)).tap();
    },
    async press(key) {
      const keys = chord(key) as KeyInput[];
      for (const k of keys.slice(0, -1)) await page.keyboard.down(k);
      await page.keyboard.press(keys[keys.length - 1]);
      for (const k of keys.slice(0, -1).reverse()) await page.keyboard.up(k);
    },
    async type(text) {
      await page.keyboard.type(text);
    },
    async insertText(text) {
      await page.evaluate(pasteText, text);
    },
    async setViewport(width, height) {
      await page.setViewport({ width, height, hasTouch: true });
    },
    async screenshot(file) {
      await page.screenshot({ path: file as `${string}.png` });
    },
    async close() {
      await context.close();
    },
  };
}

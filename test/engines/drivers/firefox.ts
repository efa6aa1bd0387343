// Firefox ESR through puppeteer-core over WebDriver BiDi: Firefox speaks BiDi itself, so no
// geckodriver is needed, and puppeteer-core launches the installed binary (it never downloads one).
import puppeteer, { type Browser, type KeyInput } from 'puppeteer-core';
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
      const loaded = page.waitForNavigation(options);
      const sent = page.goto(url(path), options);
      // Firefox 153 once left BiDi's navigate command unanswered for minutes after the page had
      // loaded (CI, a page under its service worker): the page's load event is what counts.
      sent.catch(() => {});
      await Promise.race([sent, loaded]);
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

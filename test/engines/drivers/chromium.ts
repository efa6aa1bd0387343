// Chromium through Playwright (Debian's chromium, the same launch as the rest of the suite).
import type { Browser, Page } from '@playwright/test';
import type { EnginePage } from '../engine-page.ts';
import { chord, pasteText, reachable, untilReachable } from './shared.ts';

export async function openChromium(browser: Browser, base: string): Promise<EnginePage> {
  const context = await browser.newContext({ serviceWorkers: 'allow', hasTouch: true });
  const page: Page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  const url = (path: string) => new URL(path, base).href;
  return {
    engine: 'chromium',
    base,
    errors,
    async goto(path) {
      await page.goto(url(path));
    },
    async reload() {
      await page.reload();
    },
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    async click(selector) {
      await untilReachable('chromium', selector, () => page.evaluate(reachable, selector));
      await page.locator(selector).first().click();
    },
    async tap(selector) {
      await untilReachable('chromium', selector, () => page.evaluate(reachable, selector));
      await page.locator(selector).first().tap();
    },
    async press(key) {
      await page.keyboard.press(chord(key).join('+'));
    },
    async type(text) {
      await page.keyboard.type(text);
    },
    async insertText(text) {
      await page.evaluate(pasteText, text);
    },
    async setViewport(width, height) {
      await page.setViewportSize({ width, height });
    },
    async screenshot(file) {
      await page.screenshot({ path: file });
    },
    async close() {
      await context.close();
    },
  };
}

// The core flows' fixtures: `tab` is an EnginePage (a browser tab) in the project's engine (playwright.config.ts
// names one project per engine). One browser (or WebKitWebDriver) per Playwright worker, a fresh
// profile per test. A test fails if the page logged a console error, unless it lists it in
// `allowedConsoleErrors` (WebKit prints its console through MiniBrowser's stdout).
import { test as base, expect } from '@playwright/test';
import type { Browser as PwBrowser } from '@playwright/test';
import type { Browser as PuppeteerBrowser } from 'puppeteer-core';
import type { Engine, EnginePage } from './engine-page';
import { openChromium } from './drivers/chromium';
import { launchFirefox, openFirefox } from './drivers/firefox';
import { openWebKit, startWebKitDriver, type WebKitDriver } from './drivers/webkit';

interface EngineHandle {
  open(base: string): Promise<EnginePage>;
}

export const test = base.extend<
  { tab: EnginePage; open: (base: string) => Promise<EnginePage>; allowedConsoleErrors: RegExp[] },
  { engine: Engine; engineHandle: EngineHandle }
>({
  engine: ['chromium', { option: true, scope: 'worker' }],
  engineHandle: [
    async ({ engine, playwright, launchOptions }, use) => {
      if (engine === 'chromium') {
        const browser: PwBrowser = await playwright.chromium.launch(launchOptions);
        await use({ open: (b) => openChromium(browser, b) });
        await browser.close();
      } else if (engine === 'firefox') {
        const browser: PuppeteerBrowser = await launchFirefox();
        await use({ open: (b) => openFirefox(browser, b) });
        await browser.close();
      } else {
        const driver: WebKitDriver = await startWebKitDriver();
        await use({ open: (b) => openWebKit(driver, b) });
        await driver.stop();
      }
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  // One RegExp per test.use: Playwright reads `[a, b]` with an object `b` as a fixture tuple (value, options).
  allowedConsoleErrors: [[], { option: true }],
  // Pages on another server (the offline and update flows serve their own copy of the site).
  open: async ({ engineHandle, allowedConsoleErrors }, use, testInfo) => {
    const pages: EnginePage[] = [];
    await use(async (b) => {
      const p = await engineHandle.open(b);
      pages.push(p);
      return p;
    });
    if (!Array.isArray(allowedConsoleErrors)) throw new Error('allowedConsoleErrors must be a list of one RegExp: combine patterns with |');
    for (const [i, p] of pages.entries()) {
      if (testInfo.status !== testInfo.expectedStatus) await p.screenshot(testInfo.outputPath(`failed-${i}.png`)).catch(() => undefined);
      const unexpected = p.errors.filter((e) => !allowedConsoleErrors.some((re) => re.test(e)));
      await p.close();
      expect(unexpected, `${p.engine}: console errors on the page`).toEqual([]);
    }
  },
  tab: async ({ open, baseURL }, use) => {
    await use(await open(baseURL!));
  },
});
export { expect };

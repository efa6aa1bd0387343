// Shared Playwright fixture: every test fails if the page logs a console error or throws.
// A test that expects a particular error (a 404, a deliberately corrupted download) lists it with
// `test.use({ allowedConsoleErrors: [/pattern/] })`.
import { test as base, expect, type Page } from '@playwright/test';

export const test = base.extend<{ allowedConsoleErrors: RegExp[]; consoleErrors: string[] }>({
  allowedConsoleErrors: [[], { option: true }],
  consoleErrors: [
    async ({ page, allowedConsoleErrors }, use) => {
      const errors: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(msg.text());
      });
      page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
      await use(errors);
      const unexpected = errors.filter((e) => !allowedConsoleErrors.some((re) => re.test(e)));
      expect(unexpected, 'console errors on the page').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/**
 * The only timing guard browser tests keep: no single main-thread task may last this long. Scheduler
 * noise on a busy 2-core machine stays far below it; a frozen page does not. The real budget (no task
 * over 50 ms) is a benchmark figure: `npm run bench:ui`.
 */
export const GROSS_BLOCK_MS = 1000;

/** How long an answer to Stop, Restart or a click may take before the page counts as stuck (not a speed budget). */
export const GROSS_RESPONSE_MS = 10_000;

/**
 * Reads a value from the page for `expect.poll` while the page may reload itself (the service
 * worker's one early reload): a read cut short by the navigation counts as "not yet", not a failure.
 */
export function readAcrossReloads<T>(page: Page, read: () => T | Promise<T>): () => Promise<T | undefined> {
  return () =>
    page.evaluate(read).catch((err: Error) => {
      if (/Execution context was destroyed|navigat/i.test(err.message)) return undefined;
      throw err;
    });
}

/**
 * Scrolls a widget into view and waits until its code has loaded (its custom element is defined):
 * until then its controls are held disabled, so an edit made by `evaluate` would reach nobody.
 */
export async function widgetInView(page: Page, selector: string): Promise<void> {
  const el = page.locator(selector);
  await el.scrollIntoViewIfNeeded();
  await expect
    .poll(() =>
      el.evaluate((node) => {
        for (let n: Element | null = node; n; n = n.parentElement) if (n.localName.includes('-')) return n.matches(':defined');
        return false;
      }),
    )
    .toBe(true);
}

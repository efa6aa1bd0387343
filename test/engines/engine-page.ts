// The few things a core flow does to a page, the same in every engine: Chromium (Playwright),
// Firefox (puppeteer-core over WebDriver BiDi) and WebKit (selenium-webdriver over WebKitWebDriver,
// WebDriver classic). Clicks, taps and keys are the driver's real input, not DOM events.

export type Engine = 'chromium' | 'firefox' | 'webkit';
export const ENGINES: readonly Engine[] = ['chromium', 'firefox', 'webkit'];

export interface EnginePage {
  readonly engine: Engine;
  /** The site's root as this page reaches it (the base path, with a trailing slash). */
  readonly base: string;
  /** Opens a path under the base (or an absolute URL) and waits for its load event. */
  goto(path: string): Promise<void>;
  reload(): Promise<void>;
  /** Runs `fn(arg)` in the page (a self-contained function: it is sent as text) and returns its result, awaited. */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Scrolls the first match to the middle of the screen and clicks it with the mouse. */
  click(selector: string): Promise<void>;
  /** The same with a finger (a touch screen). */
  tap(selector: string): Promise<void>;
  /** Presses one key or a chord on the focused element: 'Enter', 'Escape', '/', 'Control+a'. */
  press(key: string): Promise<void>;
  /** Types text key by key into the focused element. */
  type(text: string): Promise<void>;
  /** Puts text in at the caret as one input, as pasting does (no auto-indent or closing brackets). */
  insertText(text: string): Promise<void>;
  setViewport(width: number, height: number): Promise<void>;
  screenshot(file: string): Promise<void>;
  /** Console errors and uncaught exceptions seen so far. */
  readonly errors: string[];
  close(): Promise<void>;
}

/** A read cut short by a navigation (the page reloading itself) counts as "not yet". */
const NAVIGATING = /context was destroyed|navigat|detached|unload|no such (window|frame)|JavaScript execution context|Cannot find context|document unloaded|stale/i;

/**
 * Polls `fn(arg)` in the page until it returns something truthy, and returns that. Fails with
 * `what` and the last value seen after `timeout` ms.
 */
export async function waitFor<R, A = undefined>(
  page: EnginePage, what: string, fn: (arg: A) => R | Promise<R>, arg?: A, timeout = 30_000,
): Promise<R> {
  const until = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      last = await page.evaluate(fn, arg as A);
      if (last) return last as R;
    } catch (e) {
      // WebKit's driver answers a script cut off by a navigation only at its script timeout.
      if (!NAVIGATING.test((e as Error).message) && !/Timeout/.test((e as Error).name)) throw e;
      last = (e as Error).message;
    }
    if (Date.now() > until) throw new Error(`${page.engine}: timed out after ${timeout} ms waiting for ${what}; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The text of the first match ('' when there is none). */
export function textOf(page: EnginePage, selector: string): Promise<string> {
  return page.evaluate((s) => document.querySelector<HTMLElement>(s)?.innerText ?? '', selector);
}

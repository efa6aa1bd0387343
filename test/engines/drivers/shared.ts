// Small pieces the three drivers share: the page-side halves of click and paste, and chord parsing.

/**
 * Page side: scrolls the first match to the middle of the screen (out from under the sticky header)
 * and says whether a finger or the mouse can reach it: shown, enabled and not covered.
 */
export function reachable(selector: string): 'ok' | 'missing' | 'hidden' | 'disabled' | 'covered' {
  const el = document.querySelector<HTMLElement>(selector);
  if (!el) return 'missing';
  el.scrollIntoView({ block: 'center', inline: 'center' });
  const r = el.getBoundingClientRect();
  if (!r.width || !r.height || getComputedStyle(el).visibility === 'hidden') return 'hidden';
  if ((el as HTMLButtonElement).disabled) return 'disabled';
  const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return top && (el === top || el.contains(top) || top.contains(el)) ? 'ok' : 'covered';
}

/**
 * Waits, as Playwright's actionability checks do, until `check()` (which runs `reachable` in the
 * page) says the element can be clicked; the other drivers do not wait on their own.
 */
export async function untilReachable(engine: string, selector: string, check: () => Promise<string>, timeout = 15_000): Promise<void> {
  const until = Date.now() + timeout;
  for (;;) {
    const state = await check();
    if (state === 'ok') return;
    if (Date.now() > until) throw new Error(`${engine}: ${selector} cannot be clicked: ${state}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Pasting: the browser's own insertText command at the caret, one input event. */
export function pasteText(text: string): boolean {
  return document.execCommand('insertText', false, text);
}

/** 'Control+a' → ['Control', 'a']. */
export const chord = (key: string): string[] => (key.length > 1 && key.includes('+') ? key.split('+') : [key]);

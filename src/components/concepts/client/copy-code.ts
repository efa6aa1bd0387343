/** Copies code to the clipboard; where the browser refuses, selects the code and says how to copy it. */
export async function copyCode(text: string, codeElement: Element, status: Element): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = 'Copied.';
  } catch {
    const range = document.createRange();
    range.selectNodeContents(codeElement);
    const sel = getSelection();
    sel?.removeAllRanges();
    sel?.addRange(range);
    status.textContent = 'Selected: press Ctrl+C (⌘C) to copy.';
  }
}

/**
 * Copies a link to a widget's settings. Where the browser refuses the clipboard, the link appears in the
 * read-only `field`, selected, with how to copy it.
 */
export async function copyLink(url: string, status: Element, field: HTMLInputElement, note = ''): Promise<void> {
  try {
    await navigator.clipboard.writeText(url);
    field.hidden = true;
    status.textContent = `Link copied${note}.`;
  } catch {
    field.value = url;
    field.hidden = false;
    field.focus();
    field.select();
    status.textContent = `Selected${note}: press Ctrl+C (⌘C) to copy the link.`;
  }
}

/** The page's own address with a widget link's query and hash. */
export function pageLink(searchAndHash: string): string {
  return `${location.origin}${location.pathname}${searchAndHash}`;
}

/** Scrolls to the widget a link names in its hash (after the widget has restored its settings). */
export function scrollIfLinked(id: string, target: Element): void {
  let hash = location.hash.slice(1);
  try {
    hash = decodeURIComponent(hash);
  } catch {
    // a malformed hash names no widget
  }
  if (hash === id) requestAnimationFrame(() => target.scrollIntoView({ block: 'start' }));
}

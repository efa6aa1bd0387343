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
 * Copies text for an author (a link, a snippet of MDX). Where the browser refuses the clipboard, the text
 * appears in the read-only `field`, selected, with how to copy it. `what` names it as it reads mid-sentence
 * ('link', 'MDX'); the confirmation starts with it capitalised.
 */
export async function copyText(text: string, status: Element, field: HTMLInputElement | HTMLTextAreaElement, what: string, note = ''): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    field.hidden = true;
    status.textContent = `${what[0].toUpperCase()}${what.slice(1)} copied${note}.`;
  } catch {
    field.value = text;
    field.hidden = false;
    field.focus();
    field.select();
    status.textContent = `Selected${note}: press Ctrl+C (⌘C) to copy the ${what}.`;
  }
}

/** Copies a link to a widget's settings (or selects it in `field` where the clipboard is refused). */
export const copyLink = (url: string, status: Element, field: HTMLInputElement, note = ''): Promise<void> => copyText(url, status, field, 'link', note);

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

/** A widget's Copy link: `url` goes on `data-link` and to the clipboard (or the widget's link field). */
export async function copyWidgetLink(widget: HTMLElement, url: string, note: string): Promise<void> {
  widget.dataset.link = url;
  await copyLink(url, widget.querySelector('[data-link-status]')!, widget.querySelector<HTMLInputElement>('[data-link-field]')!, note);
}

/** A widget's Copy as MDX (the ⋯ menu): `mdx` goes on `data-mdx` and to the clipboard (or the menu's field). */
export async function copyWidgetMdx(widget: HTMLElement, mdx: string, note: string): Promise<void> {
  widget.dataset.mdx = mdx;
  await copyText(mdx, widget.querySelector('[data-mdx-status]')!, widget.querySelector<HTMLTextAreaElement>('[data-mdx-field]')!, 'MDX', note);
}

// Replaces an element by new markup, patching it in place when the structure is unchanged, so CSS
// transitions run (the window slides) and focus stays where it was.

function sameShape(a: Node, b: Node): boolean {
  if (a.nodeType !== b.nodeType || a.nodeName !== b.nodeName) return false;
  const ac = a.childNodes;
  const bc = b.childNodes;
  if (ac.length !== bc.length) return false;
  for (let i = 0; i < ac.length; i++) if (!sameShape(ac[i], bc[i])) return false;
  return true;
}

function patch(a: Node, b: Node): void {
  if (a.nodeType === Node.TEXT_NODE) {
    if (a.nodeValue !== b.nodeValue) a.nodeValue = b.nodeValue;
    return;
  }
  if (a instanceof Element && b instanceof Element) {
    for (const attr of Array.from(a.attributes)) if (!b.hasAttribute(attr.name)) a.removeAttribute(attr.name);
    for (const attr of Array.from(b.attributes)) if (a.getAttribute(attr.name) !== attr.value) a.setAttribute(attr.name, attr.value);
  }
  for (let i = 0; i < a.childNodes.length; i++) patch(a.childNodes[i], b.childNodes[i]);
}

/** Makes `current` look like `html` (one root element); returns the element now in the document. */
export function morph(current: Element, html: string): Element {
  const tpl = document.createElement('template');
  tpl.innerHTML = html;
  const next = tpl.content.firstElementChild;
  if (!next) throw new Error('morph: empty markup');
  if (sameShape(current, next)) {
    patch(current, next);
    return current;
  }
  const focusedKey = current.contains(document.activeElement) ? (document.activeElement as HTMLElement).dataset.key : undefined;
  current.replaceWith(next);
  if (focusedKey) (next.querySelector(`[data-key="${CSS.escape(focusedKey)}"]`) as HTMLElement | SVGElement | null)?.focus();
  return next;
}

// Loads a widget's code the first time one of its elements nears the screen, is focused, or is named
// by a link (?{id}.…); until then the server-rendered drawing stands on its own, its controls held
// disabled so that no edit is lost before the code is there. Astro's client:visible for custom
// elements: it keeps the lecture's first script small.
/** Dispatched on a widget element by code that needs it now (another widget handing it settings). */
export const WIDGET_WANTED = 'widget-wanted';

const CONTROLS = 'input, select, textarea, button';

export function whenVisible(tag: string, load: () => Promise<{ define(): void }>): void {
  const elements = [...document.querySelectorAll<HTMLElement>(tag)];
  if (!elements.length) return;
  const held: HTMLElement[] = [];
  for (const el of elements) {
    for (const c of el.querySelectorAll<HTMLInputElement>(CONTROLS)) {
      if (c.disabled) continue;
      c.disabled = true;
      held.push(c);
    }
  }
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    io?.disconnect();
    void load().then(
      (m) => {
        // Released before the elements upgrade, so their own code decides what stays disabled.
        for (const c of held) (c as HTMLInputElement).disabled = false;
        m.define();
      },
      () => {
        for (const c of held) (c as HTMLInputElement).disabled = false;
      },
    );
  };
  const linked = elements.some((el) => el.id && [...new URLSearchParams(location.search).keys()].some((k) => k.startsWith(`${el.id}.`)));
  const io = 'IntersectionObserver' in window && !linked
    ? new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && start(), { rootMargin: '600px 0px' })
    : undefined;
  if (!io) return start();
  for (const el of elements) {
    io.observe(el);
    el.addEventListener('focusin', start, { once: true });
    el.addEventListener('pointerdown', start, { once: true });
    el.addEventListener(WIDGET_WANTED, start, { once: true });
  }
}

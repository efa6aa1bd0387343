// An exercise's hints (revealed one at a time) and its solution (shown on request). Their text arrives
// as <noscript> markup (Hint.astro) and becomes content when first opened.
export interface HelpHooks {
  /** How many hints the student has opened (saved progress). */
  hintsSeen(): number;
  /** The student opened hint `n` (1-based) for the first time. */
  openedHint(n: number): void;
  /** The student opened the solution. */
  openedSolution(): void;
}

export function fillHelp(details: HTMLDetailsElement): void {
  const host = details.querySelector<HTMLElement>('[data-help-body]');
  const raw = host?.querySelector('noscript');
  if (host && raw) host.innerHTML = raw.textContent ?? '';
}

export function setUpHelp(hints: HTMLDetailsElement[], solution: HTMLDetailsElement | null, hooks: HelpHooks): void {
  const n = hints.length;
  for (const d of [...hints, solution]) {
    // Filled on the click that opens it (no empty frame), and on toggle for any other way of opening.
    d?.querySelector('summary')?.addEventListener('click', () => fillHelp(d));
    d?.addEventListener('toggle', () => d.open && fillHelp(d));
  }
  hints.forEach((h, i) => {
    const summary = h.querySelector('summary');
    if (summary) summary.textContent = n > 1 ? `Hint ${i + 1} of ${n}` : 'Hint';
    h.addEventListener('toggle', () => {
      if (!h.open) return;
      if (hints[i + 1]) hints[i + 1].hidden = false;
      if (hooks.hintsSeen() < i + 1) hooks.openedHint(i + 1);
    });
  });
  if (!solution) return;
  const summary = solution.querySelector('summary');
  if (summary) summary.textContent = 'Show the solution (counts as solved with the solution shown)';
  solution.addEventListener('toggle', () => {
    if (solution.open) hooks.openedSolution();
  });
}

/** After a reload (or a reset of the page's progress): the hints opened so far open, the next one offered. */
export function restoreHelp(hints: HTMLDetailsElement[], seen: number): void {
  hints.forEach((h, i) => {
    if (i < seen) fillHelp(h);
    h.open = i < seen;
    h.hidden = i > seen;
  });
}

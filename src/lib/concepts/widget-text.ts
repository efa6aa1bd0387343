// Text the widget shell prints for a view: control values, results, the step counter. Shared by the
// server render and the custom element so both print the same thing.
import type { ControlSpec, ConceptState, Result } from './concept-types';
import { fmt, rowsInputText, vectorInputText } from './format';

export function controlText(c: ControlSpec, state: ConceptState): string {
  const v = state[c.key];
  if (c.kind === 'vector') return vectorInputText(v as number[]);
  if (c.kind === 'rows') return rowsInputText(v as number[][]);
  return String(v);
}

export function resultText(r: Result): string {
  const rows = r.values.map((row) => `[${row.map((v) => fmt(v)).join(', ')}]`);
  return rows.length === 1 ? rows[0] : `[${rows.join(', ')}]`;
}

export function stepText(t: number, total: number, noun = 'Window'): string {
  return `${noun} ${t + 1} of ${total}`;
}

/**
 * A page-unique id for a widget without an `id` prop, counted in `page` (an object that lives for one
 * render of the page, e.g. Astro.locals), so the id, and the links keyed by it, stay the same from
 * build to build while the page's widgets do.
 */
export function nextWidgetId(concept: string, page: { c1dWidgets?: number }): string {
  page.c1dWidgets = (page.c1dWidgets ?? 0) + 1;
  return `c1d-${concept}-${page.c1dWidgets}`;
}

/** Said after "Link copied" / "MDX copied" when the edit on screen has a problem: the copy holds the settings drawn. */
export const staleNote = (stale: boolean): string => (stale ? ' (the settings drawn, not the edit with a problem)' : '');

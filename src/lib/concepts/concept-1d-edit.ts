// What a student's edit, button or key does to a 1D concept widget (<concept-1d>): the settings it leaves
// and the view they build, or the window step it moves to. DOM-free; the element applies the answer.
import type { ConceptDef, ConceptState, Step, View } from './concept-types';
import { readField, tryBuild, type Checked } from './fields';

/**
 * A setting typed, slid or ticked. A value that cannot be read leaves the settings as they were; one that
 * is read is kept even when the settings do not work together yet (`built` says why), so the next edit
 * builds on it while the drawing stays at the last view that worked.
 */
export type Edit = { ok: false; message: string } | { ok: true; state: ConceptState; built: Checked<View> };

export function editSetting(def: ConceptDef, state: ConceptState, key: string, raw: string | boolean): Edit {
  const read = readField(def, key, raw);
  if (!read.ok) return read;
  const next = { ...state, [key]: read.value };
  return { ok: true, state: next, built: tryBuild(def, next) };
}

/** Whether `key` names one of the widget's settings (a field the student edits). */
export const isSetting = (def: ConceptDef, key: string | undefined): key is string => !!key && def.controls.some((c) => c.key === key);

const clamp = (to: number, last: number) => Math.max(0, Math.min(last, to));

/** The step a transport button moves to from step `t`: first, previous, else next; stepping by hand stops at the ends. */
export function stepForButton(act: string, t: number, last: number): number {
  return clamp(act === 'first' ? 0 : act === 'prev' ? t - 1 : t + 1, last);
}

/**
 * The step a key pressed on an output cell moves to: ←/→ the neighbouring window, ↑/↓ the same window of
 * the previous/next output channel (a row per channel), Home/End the first/last; null for any other key.
 */
export function stepForKey(key: string, t: number, steps: readonly Pick<Step, 'o'>[]): number | null {
  const last = steps.length - 1;
  const perRow = steps.filter((s) => s.o === steps[0].o).length;
  const moves: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -perRow, ArrowDown: perRow };
  if (key in moves) return clamp(t + moves[key], last);
  if (key === 'Home') return 0;
  if (key === 'End') return clamp(last, last);
  return null;
}

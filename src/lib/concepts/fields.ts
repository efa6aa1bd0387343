// The one validation path of the 1D concept widgets. A setting's limits are its prop's type
// (ConceptDef.props); props at build time, text typed into a field, a slider and a link all go through
// fieldProblem / readField, so they meet the same limits with the same messages, in the course's words.
import type { ConceptDef, ConceptState, ControlSpec, PropType, View } from './concept-types';
import { countText, numberProblem, parseLines, parseList, parseNumber, quoted, tooManyNumbers } from './numbers';

export type Checked<T = unknown> = { ok: true; value: T } | { ok: false; message: string };

function control(def: ConceptDef, key: string): ControlSpec | undefined {
  return def.controls.find((c) => c.key === key);
}

/** What a message calls the setting: the control's short name or label ("Stride s"), else the prop name. */
export function fieldName(def: ConceptDef, key: string): string {
  const c = control(def, key);
  return c?.name ?? c?.label ?? key;
}

const show = (v: unknown): string => (v === '' ? 'nothing' : typeof v === 'string' ? quoted(v) : Array.isArray(v) ? `a list of ${v.length}` : (JSON.stringify(v) ?? String(v)));
const signed = (v: number) => String(v).replace('-', '−');

function listProblem(t: { minLength?: number; maxLength: number; min?: number; max?: number }, v: unknown, what: string): string | null {
  if (!Array.isArray(v)) return `${what} must be a list of numbers, got ${show(v)}`;
  const least = t.minLength ?? 1;
  if (v.length < least) return `${what} needs at least ${least} number${least === 1 ? '' : 's'}, got ${v.length}`;
  if (v.length > t.maxLength) return tooManyNumbers(what, t.maxLength, v.length);
  for (let i = 0; i < v.length; i++) {
    const problem = numberProblem(v[i], `${what}, entry ${i + 1}`);
    if (problem) return problem;
    if ((t.min !== undefined && v[i] < t.min) || (t.max !== undefined && v[i] > t.max)) {
      return `${what}, entry ${i + 1} must be from ${signed(t.min ?? -Infinity)} to ${signed(t.max ?? Infinity)}, got ${signed(v[i])}`;
    }
  }
  return null;
}

/** Why `v` cannot be the value of this prop type; `what` names it. Null when it can. */
export function typeProblem(t: PropType, v: unknown, what: string): string | null {
  switch (t.type) {
    case 'vector':
      return listProblem(t, v, what);
    case 'rows': {
      if (!Array.isArray(v) || v.length === 0) return `${what} needs at least one line of numbers, got ${show(v)}`;
      if (v.length > t.maxRows) return `${what} may have at most ${t.maxRows} lines, got ${countText(v.length)}`;
      for (let r = 0; r < v.length; r++) {
        const problem = listProblem(t, v[r], `${what}, line ${r + 1}`);
        if (problem) return problem;
      }
      const lengths = (v as number[][]).map((row) => row.length);
      if (lengths.some((n) => n !== lengths[0])) return `${what}: every line needs the same number of values (got ${lengths.join(', ')})`;
      return null;
    }
    case 'int':
    case 'number': {
      const ok = typeof v === 'number' && Number.isFinite(v) && (t.type === 'number' || Number.isInteger(v)) && v >= t.min && v <= t.max;
      if (ok) return null;
      return `${what} must be ${t.type === 'int' ? 'a whole number' : 'a number'} from ${signed(t.min)} to ${signed(t.max)}, got ${typeof v === 'number' ? signed(v) : show(v)}`;
    }
    case 'boolean':
      return typeof v === 'boolean' ? null : `${what} must be on or off (true or false), got ${show(v)}`;
    case 'enum':
      return typeof v === 'string' && t.values.includes(v) ? null : `${what} must be one of ${t.values.join(', ')}, got ${show(v)}`;
  }
}

/** Why `v` cannot be the value of setting `key` of this concept, or null. */
export function fieldProblem(def: ConceptDef, key: string, v: unknown): string | null {
  const t = def.props[key];
  if (!t) return `${def.component} has no setting "${key}" (it has ${Object.keys(def.props).join(', ')})`;
  return typeProblem(t, v, fieldName(def, key));
}

/**
 * Reads a setting from text: what a student typed (a slider's value, a checkbox's state) or a link's
 * value. Lists are "1, 3, −1", channels one per line; numbers are plain decimals.
 */
export function readField(def: ConceptDef, key: string, raw: string | boolean): Checked {
  const t = def.props[key];
  if (!t) return { ok: false, message: fieldProblem(def, key, raw)! };
  const what = fieldName(def, key);
  let value: unknown;
  try {
    if (t.type === 'boolean') {
      value = typeof raw === 'boolean' ? raw : ({ true: true, false: false, on: true, off: false, 1: true, 0: false } as Record<string, boolean>)[raw.trim()] ?? raw;
    } else if (typeof raw !== 'string') value = raw;
    else if (t.type === 'vector') value = parseList(raw, what, t.maxLength);
    else if (t.type === 'rows') value = parseLines(raw, what, t.maxRows, t.maxLength);
    else if (t.type === 'int' || t.type === 'number') {
      // A number box whose text is not a number gives the range message, as a value out of range does.
      try {
        value = parseNumber(raw, what);
      } catch {
        value = raw;
      }
    } else value = raw;
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
  const problem = typeProblem(t, value, what);
  return problem ? { ok: false, message: problem } : { ok: true, value };
}

/**
 * Builds the view of these settings, or says why they cannot be drawn: each setting within its limits,
 * then the concept's own check (the kernel fits…), then the math core as a last guard.
 */
export function tryBuild(def: ConceptDef, state: ConceptState): Checked<View> {
  for (const key of Object.keys(def.props)) {
    const problem = fieldProblem(def, key, state[key]);
    if (problem) return { ok: false, message: problem };
  }
  const problem = def.check?.(state);
  if (problem) return { ok: false, message: problem };
  try {
    return { ok: true, value: def.build(state) };
  } catch (e) {
    // Not reached when `check` is complete; the core's message without its function name.
    return { ok: false, message: String((e as Error).message ?? e).replace(/^\w+: /, '') };
  }
}

/**
 * The range a slider (and its number box) offers: the view's useful range within the prop's limits,
 * widened to the current value so a slider never shows a value other than the setting's.
 */
export function controlRange(def: ConceptDef, view: View, state: ConceptState, key: string): { min: number; max: number } {
  const t = def.props[key];
  if (!t || (t.type !== 'int' && t.type !== 'number')) throw new RangeError(`${key} is not a numeric setting`);
  const useful = view.limits[key] ?? t;
  let min = Math.max(t.min, useful.min);
  let max = Math.min(t.max, useful.max);
  const v = state[key];
  if (typeof v === 'number') {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return { min, max: Math.max(min, max) };
}

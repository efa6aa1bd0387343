// Links that reproduce a widget: its settings in the page URL's query, keyed by the widget's id, and the
// id as the hash so the page scrolls to it:
//   ?fig-stride.stride=3&fig-stride.x=1,3,2,0,-1&fig-stride.step=2#fig-stride
// Keys are the widget's MDX props (plus `step`, the animation step, counted from 1); lists are
// comma-separated, lines (channels, grid rows) separated by ";". A link's values are read like typed
// values (fields.ts, parseGrid), so they meet the same limits with the same messages.
// The 2D widgets' settings are mapped in conv2d-link.ts.
import type { ConceptDef, ConceptState, PropType, View } from './concept-types';
import { readField, tryBuild, typeProblem } from './fields';
import { parseNumber } from './numbers';

export type LinkSettings = [key: string, text: string][];

export type FromLink<S> = { ok: true; state: S; step: number } | { ok: false; message: string };

/** The settings the page URL's query (`location.search`) carries for widget `id`, in order. */
export function linkedSettings(search: string, id: string): LinkSettings {
  const prefix = `${id}.`;
  const out: LinkSettings = [];
  for (const [name, value] of new URLSearchParams(search)) if (name.startsWith(prefix)) out.push([name.slice(prefix.length), value]);
  return out;
}

const enc = (s: string) => encodeURIComponent(s).replace(/%2C/gi, ',').replace(/%3B/gi, ';');

/** "?id.key=value&…#id": the query and hash of a link to widget `id` (commas and semicolons stay readable). */
export function linkSearch(id: string, settings: LinkSettings): string {
  return `?${settings.map(([k, v]) => `${enc(id)}.${enc(k)}=${enc(v)}`).join('&')}#${encodeURIComponent(id)}`;
}

export const lineText = (v: readonly number[]) => v.map(String).join(',');
/** Lines (channels, grid rows) separated by ";". */
export const gridText = (g: readonly (readonly number[])[]) => g.map(lineText).join(';');

/** The message a link's unusable settings get: the field's own message, said to be the link's. */
export const refused = (message: string): { ok: false; message: string } => ({
  ok: false,
  message: `This link’s settings were not applied: ${message.replace(/\.$/, '')}. The widget shows its starting settings.`,
});

/** The animation step from a link (counted from 1 as the widget shows it); the index from 0, or a message. */
export function readStep(text: string, count: number, noun: string): { ok: true; step: number } | { ok: false; message: string } {
  let v: unknown = text;
  try {
    v = parseNumber(text, `${noun} step`);
  } catch {
    // the range message below says what is wanted
  }
  const problem = typeProblem({ type: 'int', min: 1, max: count }, v, `${noun} step`);
  return problem ? { ok: false, message: problem } : { ok: true, step: (v as number) - 1 };
}

// ——— 1D concept widgets ———

function settingText(t: PropType, v: unknown): string {
  if (t.type === 'vector') return lineText(v as number[]);
  if (t.type === 'rows') return gridText(v as number[][]);
  return String(v);
}

/** Every setting of a 1D widget (and its step, from 0) as link settings. */
export function conceptLinkSettings(def: ConceptDef, state: ConceptState, step: number): LinkSettings {
  return [...Object.entries(def.props).map(([k, t]): [string, string] => [k, settingText(t, state[k])]), ['step', String(step + 1)]];
}

/** Applies a link's settings to `base` (the widget's props); all of them, or none with the reason. */
export function conceptStateFromLink(def: ConceptDef, base: ConceptState, settings: LinkSettings): FromLink<ConceptState> & { view?: View } {
  const state = { ...base };
  let stepText: string | undefined;
  for (const [key, text] of settings) {
    if (key === 'step') {
      stepText = text;
      continue;
    }
    const t = def.props[key];
    if (!t) return refused(`it sets "${key}", which this widget does not have (it has ${[...Object.keys(def.props), 'step'].join(', ')})`);
    const read = readField(def, key, t.type === 'rows' ? text.replace(/;/g, '\n') : text);
    if (!read.ok) return refused(read.message);
    state[key] = read.value;
  }
  const built = tryBuild(def, state);
  if (!built.ok) return refused(built.message);
  const view = built.value;
  if (stepText === undefined) return { ok: true, state, step: 0, view };
  const step = readStep(stepText, view.steps.length, view.stepNoun ?? 'Window');
  return step.ok ? { ok: true, state, step: step.step, view } : refused(step.message);
}

// Links that reproduce a widget: its settings in the page URL's query, keyed by the widget's id, and the
// id as the hash so the page scrolls to it:
//   ?fig-stride.stride=3&fig-stride.x=1,3,2,0,-1&fig-stride.step=2#fig-stride
// Keys are the widget's MDX props (plus `step`, the animation step, counted from 1); lists are
// comma-separated, lines (channels, grid rows) separated by ";". A link's values are read like typed
// values (fields.ts, parseGrid), so they meet the same limits with the same messages.
import type { ConceptDef, ConceptState, PropType, View } from './concept-types';
import { compute, explorerStateFromProps, PropError, type ExplorerProps, type ExplorerState } from './conv2d-explorer';
import { LIMITS, SETTING_LABELS, stepCount, type Pair } from './conv2d-geometry';
import { parseGrid } from './conv2d-text';
import { readField, tryBuild, typeProblem } from './fields';
import { parseList, parseNumber } from './numbers';

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

const lineText = (v: readonly number[]) => v.map(String).join(',');
const gridText = (g: readonly (readonly number[])[]) => g.map(lineText).join(';');

/** The message a link's unusable settings get: the field's own message, said to be the link's. */
const refused = (message: string): { ok: false; message: string } => ({
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

// ——— the 2D explorer ———

const pairText = (p: Pair) => (p[0] === p[1] ? String(p[0]) : `${p[0]},${p[1]}`);

/** The explorer's state as link settings: the input (typed grid or digit), kernel, sizes, bias, step. */
export function explorerLinkSettings(state: ExplorerState, step: number): LinkSettings {
  const s = state.settings;
  return [
    state.source === 'digit' ? ['digit', String(state.digit)] : ['values', gridText(state.numbers)],
    ['weights', gridText(state.kernel)],
    ['padding', pairText(s.padding)],
    ['stride', pairText(s.stride)],
    ['dilation', pairText(s.dilation)],
    ['bias', String(state.bias)],
    ['step', String(step + 1)],
  ];
}

/** The explorer's props that give `state` (so a link can change some and keep the rest). */
function propsOf(state: ExplorerState): ExplorerProps {
  const s = state.settings;
  return {
    ...(state.source === 'digit' ? { digit: state.digit } : { values: state.numbers }),
    weights: state.kernel,
    padding: [...s.padding],
    stride: [...s.stride],
    dilation: [...s.dilation],
    bias: state.bias,
  };
}

/** Applies a link's settings to the explorer, through the same checks as its props; all, or none with the reason. */
export function explorerStateFromLink(base: ExplorerState, settings: LinkSettings, component = 'Conv2dExplorer'): FromLink<ExplorerState> {
  const props = propsOf(base);
  let stepText: string | undefined;
  try {
    for (const [key, text] of settings) {
      if (key === 'values' || key === 'weights') {
        const input = key === 'values';
        const grid = parseGrid(text.replace(/;/g, '\n'), input ? 'input' : 'kernel', input ? LIMITS.input.max : LIMITS.kernel.max);
        if (!grid.ok) return refused(grid.message);
        props[key] = grid.grid;
        if (input) delete props.digit;
      } else if (key === 'digit') {
        props.digit = parseNumber(text, 'The digit');
        delete props.values;
      } else if (key === 'padding' || key === 'stride' || key === 'dilation') {
        const v = parseList(text, `${SETTING_LABELS[key]} (rows, cols)`, 2);
        props[key] = v.length === 1 ? v[0] : v;
      } else if (key === 'bias') props.bias = parseNumber(text, 'The bias b');
      else if (key === 'step') stepText = text;
      else return refused(`it sets "${key}", which the explorer does not have (it has values or digit, weights, padding, stride, dilation, bias, step)`);
    }
    const state = explorerStateFromProps(props, component);
    const out = compute(state);
    if (!out.ok) return refused(out.message);
    if (stepText === undefined) return { ok: true, state, step: 0 };
    const step = readStep(stepText, stepCount(state.settings), 'Window');
    return step.ok ? { ok: true, state, step: step.step } : refused(step.message);
  } catch (e) {
    return refused(e instanceof PropError ? e.why : (e as Error).message);
  }
}

// ——— a 2D animation: its step only ———

export function animationStepFromLink(settings: LinkSettings, count: number): { ok: true; step: number } | { ok: false; message: string } {
  let step = 0;
  for (const [key, text] of settings) {
    if (key !== 'step') return refused(`it sets "${key}", which this animation does not have (it has step)`);
    const read = readStep(text, count, 'Window');
    if (!read.ok) return refused(read.message);
    step = read.step;
  }
  return { ok: true, step };
}

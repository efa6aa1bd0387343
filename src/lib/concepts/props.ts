// Build-time checks of the props an author writes in MDX: a wrong prop fails the build with a message
// naming the component and the prop. The limits and the messages are the widget's own (fields.ts): the
// same a student meets typing the value, or a link carrying it.
import type { ConceptDef, ConceptState } from './concept-types';
import { fieldProblem, tryBuild } from './fields';

/** Props every concept component accepts besides its state. */
export const SHELL_PROPS = ['caption', 'alt', 'id', 'title', 'autoplay'] as const;
/** The shell props: their type (checked below), default and meaning (the authoring page's tables). */
export const SHELL_DOCS: Record<(typeof SHELL_PROPS)[number], { type: 'string' | 'boolean'; default: string; doc: string }> = {
  id: { type: 'string', default: 'c1d-{concept}-{n}, by page order', doc: "the figure's id and anchor; its links use it, so give one that stays" },
  caption: { type: 'string', default: 'none', doc: 'the caption under the figure' },
  alt: { type: 'string', default: 'none', doc: 'a description of the figure for screen readers' },
  title: { type: 'string', default: 'none', doc: 'a heading inside the box' },
  autoplay: { type: 'boolean', default: 'true', doc: 'play while on screen (never with reduced motion, nor when a link sets the step)' },
};

/**
 * The state for these props: defaults overridden by each given prop, each checked; then the settings as a
 * whole are checked by building the view (a kernel that does not fit fails here too).
 */
export function stateFromProps(def: ConceptDef, props: Record<string, unknown>): ConceptState {
  const state = def.defaults();
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined) continue;
    if ((SHELL_PROPS as readonly string[]).includes(key)) {
      const want = SHELL_DOCS[key as keyof typeof SHELL_DOCS].type;
      if (typeof value !== want) throw new Error(`<${def.component}>: prop "${key}" must be a ${want}, got ${JSON.stringify(value)}`);
      continue;
    }
    const t = def.props[key];
    if (!t) {
      const known = [...Object.keys(def.props), ...SHELL_PROPS].join(', ');
      throw new Error(`<${def.component}>: unknown prop "${key}" (known props: ${known})`);
    }
    const problem = fieldProblem(def, key, value);
    if (problem) throw new Error(`<${def.component}>: prop "${key}": ${problem}`);
    state[key] = value;
  }
  const built = tryBuild(def, state);
  if (!built.ok) throw new Error(`<${def.component}>: these props do not work together: ${built.message}`);
  return state;
}

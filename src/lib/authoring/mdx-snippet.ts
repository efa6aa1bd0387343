// MDX text for a component and its props: "Copy as MDX" on every concept widget, and the defaults and
// examples the authoring page shows. Read back by the MDX parser (and remark-check.ts's literal reader),
// a snippet gives the same props: `stateFromProps(def, props of conceptMdx(def, s))` is `s`.
import type { ConceptDef, ConceptState } from '../concepts/concept-types';

/** A prop value as MDX writes it inside {…}: numbers, strings, booleans, lists and objects of them. */
export function jsxValue(v: unknown): string {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new RangeError(`an MDX prop cannot hold ${v}`);
    return Object.is(v, -0) ? '0' : String(v);
  }
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'boolean' || v === null) return String(v);
  if (Array.isArray(v)) return `[${v.map(jsxValue).join(', ')}]`;
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    return entries.length ? `{ ${entries.map(([k, x]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${jsxValue(x)}`).join(', ')} }` : '{}';
  }
  throw new RangeError(`an MDX prop cannot hold ${typeof v}`);
}

/** One attribute: `flag` for true, `name="text"` for plain text, `name={…}` otherwise. */
export function jsxAttribute(name: string, v: unknown): string {
  if (v === true) return name;
  if (typeof v === 'string' && !/["{}<>\n\\]/.test(v)) return `${name}="${v}"`;
  return `${name}={${jsxValue(v)}}`;
}

/** `<Name a={…} b="…" />`, the props in the order given (undefined ones left out). */
export function jsxElement(name: string, props: readonly (readonly [string, unknown])[]): string {
  const attrs = props.filter(([, v]) => v !== undefined).map(([k, v]) => jsxAttribute(k, v));
  return `<${name}${attrs.length ? ` ${attrs.join(' ')}` : ''} />`;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * "Copy as MDX" of a 1D concept widget: the component with every setting that differs from its defaults
 * (in the order of its props), and the shell props given (an id, a caption…).
 */
export function conceptMdx(def: ConceptDef, state: ConceptState, shell: Record<string, unknown> = {}): string {
  const defaults = def.defaults();
  const props: [string, unknown][] = Object.keys(def.props).filter((k) => !same(state[k], defaults[k])).map((k) => [k, state[k]]);
  for (const [k, v] of Object.entries(shell)) if (v !== undefined) props.push([k, v]);
  return jsxElement(def.component, props);
}

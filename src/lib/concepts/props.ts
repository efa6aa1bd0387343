// Build-time checks of the props an author writes in MDX: a wrong prop fails the build with a message
// naming the component and the prop.
import type { ConceptDef, ConceptState, PropType } from './concept-types';

/** Props every concept component accepts besides its state. */
export const SHELL_PROPS = ['caption', 'alt', 'id', 'title', 'autoplay'] as const;
const SHELL_TYPES: Record<(typeof SHELL_PROPS)[number], 'string' | 'boolean'> = {
  caption: 'string',
  alt: 'string',
  id: 'string',
  title: 'string',
  autoplay: 'boolean',
};

function isNumberArray(v: unknown): v is number[] {
  return Array.isArray(v) && v.every((n) => typeof n === 'number' && Number.isFinite(n));
}

/** Returns why `v` is not of type `t`, or null when it is. */
export function propProblem(t: PropType, v: unknown): string | null {
  switch (t.type) {
    case 'vector':
      if (!isNumberArray(v)) return `must be an array of finite numbers, got ${JSON.stringify(v)}`;
      if (v.length < (t.minLength ?? 1)) return `needs at least ${t.minLength ?? 1} numbers, got ${v.length}`;
      if (t.maxLength && v.length > t.maxLength) return `may have at most ${t.maxLength} numbers, got ${v.length}`;
      return null;
    case 'rows':
      if (!Array.isArray(v) || v.length === 0 || !v.every(isNumberArray)) return `must be a non-empty array of number arrays (one per channel), got ${JSON.stringify(v)}`;
      if (t.maxRows && v.length > t.maxRows) return `may have at most ${t.maxRows} rows, got ${v.length}`;
      if (v.some((r) => r.length === 0)) return 'has an empty row';
      if (v.some((r) => r.length !== v[0].length)) return `rows must all have the same length (got ${v.map((r) => r.length).join(', ')})`;
      if (t.maxLength && v[0].length > t.maxLength) return `rows may have at most ${t.maxLength} numbers, got ${v[0].length}`;
      return null;
    case 'int':
      if (typeof v !== 'number' || !Number.isInteger(v)) return `must be an integer, got ${JSON.stringify(v)}`;
      if (v < t.min || v > t.max) return `must be between ${t.min} and ${t.max}, got ${v}`;
      return null;
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) return `must be a finite number, got ${JSON.stringify(v)}`;
      if (v < t.min || v > t.max) return `must be between ${t.min} and ${t.max}, got ${v}`;
      return null;
    case 'boolean':
      return typeof v === 'boolean' ? null : `must be true or false, got ${JSON.stringify(v)}`;
    case 'enum':
      return typeof v === 'string' && t.values.includes(v) ? null : `must be one of ${t.values.map((s) => `"${s}"`).join(', ')}, got ${JSON.stringify(v)}`;
  }
}

/**
 * The state for these props: defaults overridden by each given prop, each checked; then the settings as a
 * whole are checked by building the view (a kernel that does not fit fails here too).
 */
export function stateFromProps(def: ConceptDef, props: Record<string, unknown>): ConceptState {
  const state = def.defaults();
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined) continue;
    if ((SHELL_PROPS as readonly string[]).includes(key)) {
      const want = SHELL_TYPES[key as keyof typeof SHELL_TYPES];
      if (typeof value !== want) throw new Error(`<${def.component}>: prop "${key}" must be a ${want}, got ${JSON.stringify(value)}`);
      continue;
    }
    const t = def.props[key];
    if (!t) {
      const known = [...Object.keys(def.props), ...SHELL_PROPS].join(', ');
      throw new Error(`<${def.component}>: unknown prop "${key}" (known props: ${known})`);
    }
    const problem = propProblem(t, value);
    if (problem) throw new Error(`<${def.component}>: prop "${key}" ${problem}`);
    state[key] = value;
  }
  try {
    def.build(state);
  } catch (e) {
    throw new Error(`<${def.component}>: these props do not work together: ${(e as Error).message}`);
  }
  return state;
}

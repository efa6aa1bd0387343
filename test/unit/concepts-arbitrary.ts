// fast-check generators of widget settings, read off each concept's prop types (the one set of limits).
import fc from 'fast-check';
import type { ConceptDef, ConceptState, PropType } from '../../src/lib/concepts/concept-types';
import { tryBuild } from '../../src/lib/concepts/fields';

/** Any double float32 holds (0 or 1.2·10⁻³⁸ ≤ |v| ≤ 3.4·10³⁸), mostly the small numbers students type; no −0. */
export const anyNumber = (min = -3.4e38, max = 3.4e38): fc.Arbitrary<number> =>
  fc
    .oneof(
      fc.integer({ min: Math.max(-20, Math.ceil(min)), max: Math.min(20, Math.floor(max)) }).map((v) => v / 4),
      fc.double({ min, max, noNaN: true, noDefaultInfinity: true }),
    )
    .map((v) => (v === 0 || Math.abs(v) < 2 ** -126 ? 0 : v));

export function valueOf(t: PropType): fc.Arbitrary<unknown> {
  switch (t.type) {
    case 'vector':
      return fc.array(anyNumber(t.min, t.max), { minLength: t.minLength ?? 1, maxLength: t.maxLength });
    case 'rows':
      return fc
        .tuple(fc.integer({ min: 1, max: t.maxRows }), fc.integer({ min: 1, max: t.maxLength }))
        .chain(([rows, len]) => fc.array(fc.array(anyNumber(), { minLength: len, maxLength: len }), { minLength: rows, maxLength: rows }));
    case 'int':
      return fc.integer({ min: t.min, max: t.max });
    case 'number':
      return anyNumber(t.min, t.max);
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...t.values);
  }
}

/** Settings of `def` that work together (the kernel fits…). */
export function stateOf(def: ConceptDef): fc.Arbitrary<ConceptState> {
  const fields = Object.fromEntries(Object.entries(def.props).map(([k, t]) => [k, valueOf(t)]));
  // Kernel rows as many as input channels, for the multi-channel widget.
  return fc.record(fields).map((s) => {
    if (Array.isArray(s.x) && Array.isArray(s.x[0]) && Array.isArray(s.w)) {
      const w = s.w as number[][];
      s.w = (s.x as number[][]).map((_, c) => w[c % w.length]);
    }
    return s as ConceptState;
  }).filter((s) => tryBuild(def, s).ok);
}

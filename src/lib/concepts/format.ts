// Numbers and sentences as the 1D widgets print them: true minus sign, short decimals, products as a·b.
// (Reading typed numbers is numbers.ts.)

/** At most `digits` decimals, trailing zeros dropped, "−" for minus, −∞ for padding of max pooling. */
export function fmt(v: number, digits = 4): string {
  if (v === -Infinity) return '−∞';
  if (v === Infinity) return '∞';
  if (Number.isNaN(v)) return 'NaN';
  const r = Number(v.toFixed(digits));
  return String(Object.is(r, -0) ? 0 : r).replace('-', '−');
}

/** A factor inside a product: negatives in parentheses, "1·(−1)". */
export function factor(v: number, digits = 4): string {
  return v < 0 ? `(${fmt(v, digits)})` : fmt(v, digits);
}

/** "a + b + (−c)" written the way the lecture reads: "a + b − c" would hide which term is negative. */
export function sumOf(terms: string[]): string {
  return terms.length ? terms.join(' + ') : '0';
}

export function vectorText(v: number[], digits = 4): string {
  return `[${v.map((n) => fmt(n, digits)).join(', ')}]`;
}

/** The text an editable vector box (or a link) holds: "1, 3, -1", every number exact so it reads back the same. */
export function vectorInputText(v: number[]): string {
  return v.map((n) => String(n === 0 ? 0 : n)).join(', ');
}

export function rowsInputText(rows: number[][]): string {
  return rows.map(vectorInputText).join('\n');
}

/**
 * A number short enough for a diagram cell (at most `chars` characters): fewer decimals, then the 1.2e9
 * form, so a large value never spills over its neighbours. The exact value goes in the cell's title.
 */
export function cellNumber(v: number, chars = 5): string {
  for (const digits of [2, 1, 0]) {
    const s = fmt(v, digits);
    if (s.length <= chars && !/e/.test(s)) return s;
  }
  if (!Number.isFinite(v)) return fmt(v);
  for (const digits of [1, 0]) {
    const s = v.toExponential(digits).replace('e+', 'e').replace('.0e', 'e').replace(/-/g, '−');
    if (s.length <= chars || digits === 0) return s;
  }
  return fmt(v);
}

/** Subscript digits for channel names: x₀, w₁₂. */
export function sub(n: number): string {
  return String(n).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]);
}

/** Text made safe inside SVG/XML text and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

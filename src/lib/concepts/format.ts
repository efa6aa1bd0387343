// Numbers and sentences as the 1D widgets print them: true minus sign, short decimals, products as a·b.

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

/** The text an editable vector box shows: "1, 3, −1" (plain minus so it can be typed back). */
export function vectorInputText(v: number[]): string {
  return v.map((n) => String(Number(n.toFixed(6)))).join(', ');
}

export function rowsInputText(rows: number[][]): string {
  return rows.map(vectorInputText).join('\n');
}

/** Parses "1, 3, -1" (commas and/or spaces; "−" accepted). Throws a RangeError naming `label`. */
export function parseVector(text: string, label: string): number[] {
  const parts = text.replace(/[−–]/g, '-').split(/[\s,;]+/).filter((p) => p !== '');
  if (parts.length === 0) throw new RangeError(`${label} needs at least one number`);
  return parts.map((p, i) => {
    const v = Number(p);
    if (!Number.isFinite(v)) throw new RangeError(`${label}: entry ${i + 1} ("${p}") is not a number`);
    return v;
  });
}

/** One vector per non-empty line. */
export function parseRows(text: string, label: string): number[][] {
  const lines = text.split(/\n/).map((l) => l.trim()).filter((l) => l !== '');
  if (lines.length === 0) throw new RangeError(`${label} needs at least one row`);
  return lines.map((line, c) => parseVector(line, `${label}, row ${c + 1}`));
}

/** Subscript digits for channel names: x₀, w₁₂. */
export function sub(n: number): string {
  return String(n).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]);
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// Numbers as a student types them into a widget, or as a link carries them: plain decimals only, so
// "0x10", "1,,2", "Infinity" or a value 32-bit floats cannot hold get a message instead of a surprise.
// Every widget field (1D and 2D) reads its text through here.

/** The largest finite float32: TensorFlow.js computes in 32-bit floats. */
export const FLOAT32_MAX = 3.4028234663852886e38;
/** The smallest normal float32, 2^−126: below it float32 keeps few digits or none (WebGL flushes to 0). */
export const FLOAT32_MIN_NORMAL = 2 ** -126;

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/** 10000 → "10,000" (counts in messages). */
export function countText(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** What the student typed, cut short so a pasted page does not fill the message. */
export function quoted(text: string): string {
  const t = text.trim();
  return `"${t.length > 24 ? `${t.slice(0, 21)}…` : t}"`;
}

/** Why `v` cannot be a value here (not finite, or not a float32 number), or null. `what` names it: "Input x, entry 3". */
export function numberProblem(v: unknown, what: string): string | null {
  if (typeof v !== 'number' || Number.isNaN(v)) return `${what} must be a number, got ${typeof v === 'string' ? quoted(v) : typeof v === 'number' ? 'NaN' : (JSON.stringify(v) ?? String(v))}`;
  if (!(Math.abs(v) <= FLOAT32_MAX)) {
    return `${what} (${Number.isFinite(v) ? v : v > 0 ? '∞' : '−∞'}) is too large: TensorFlow.js computes in 32-bit floats, which hold numbers up to about ±3.4·10³⁸`;
  }
  if (v !== 0 && Math.abs(v) < FLOAT32_MIN_NORMAL) {
    return `${what} (${v}) is too small: TensorFlow.js computes in 32-bit floats, which hold numbers down to about 1.2·10⁻³⁸ (write 0 instead)`;
  }
  return null;
}

/** Reads one number; throws a RangeError in the course's words. */
export function parseNumber(text: string, what: string): number {
  const t = text.trim().replace(/[−–]/g, '-');
  if (t === '') throw new RangeError(`${what} is empty: type a number`);
  if (!DECIMAL.test(t)) throw new RangeError(`${what}: ${quoted(text)} is not a number (write numbers like 2, −0.5 or 1e3)`);
  const v = Number(t);
  const problem = numberProblem(v, what);
  if (problem) throw new RangeError(problem);
  return v === 0 ? 0 : v; // no −0
}

export function tooManyNumbers(what: string, max: number, n: number): string {
  return `${what} may have at most ${max} numbers, got ${countText(n)}`;
}

/**
 * "1, 3, −1" or "1 3 -1": numbers separated by commas (or semicolons) and/or spaces. Two commas in a row
 * are an empty entry, not nothing; one comma at the end is ignored (the student is typing the next).
 * With `max`, a longer list is refused before any entry is read.
 */
export function parseList(text: string, what: string, max?: number): number[] {
  const body = text.trim();
  if (body === '') throw new RangeError(`${what} needs at least one number`);
  const parts = body.split(/\s*[,;]\s*|\s+/);
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  if (max !== undefined && parts.length > max) throw new RangeError(tooManyNumbers(what, max, parts.length));
  return parts.map((p, i) => {
    if (p === '') throw new RangeError(`${what}: entry ${i + 1} is empty (two commas in a row?)`);
    return parseNumber(p, `${what}, entry ${i + 1}`);
  });
}

/** One list per non-empty line; with `maxLines`, more lines are refused before any is read. */
export function parseLines(text: string, what: string, maxLines?: number, maxPerLine?: number, lineNoun = 'line'): number[][] {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  if (lines.length === 0) throw new RangeError(`${what} needs at least one ${lineNoun} of numbers`);
  if (maxLines !== undefined && lines.length > maxLines) throw new RangeError(`${what} may have at most ${maxLines} ${lineNoun}s, got ${countText(lines.length)}`);
  return lines.map((line, r) => parseList(line, `${what}, ${lineNoun} ${r + 1}`, maxPerLine));
}

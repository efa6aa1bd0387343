// Number answers: reading what a student typed (strictly: no hex, no stray commas) and telling them
// what is off, using the exercise's known mistakes where one matches.
import type { Feedback, NumberPart, PartFeedback } from './types';
import { plainText } from './inline-math';

export type Parsed = { ok: true; value: number } | { ok: false; problem: string };

const PLAIN = /^\d+(?:\.\d*)?(?:e[+-]?\d+)?$|^\.\d+(?:e[+-]?\d+)?$/i;
// Thousands written 61,706 or 61 706 (groups of exactly three digits).
const GROUPED = /^\d{1,3}(?:([,\u00a0\u202f ])\d{3})(?:\1\d{3})*(?:\.\d+)?$/;

function unsigned(text: string): number | null {
  if (PLAIN.test(text)) return Number(text);
  if (GROUPED.test(text)) return Number(text.replace(/[,\u00a0\u202f ]/g, ''));
  return null;
}

/**
 * Reads one typed number: 12, -0.75, .5, 1e-3, 61,706, 61 706, 3/4, with − as a minus sign.
 * Anything else (0x10, 1,,2, Infinity, an empty field) is refused with a message saying why.
 */
export function parseNumber(raw: string): Parsed {
  const text = raw.trim().replace(/\u2212/g, '-');
  const shown = text.length > 30 ? `${text.slice(0, 30)}…` : text;
  if (text === '') return { ok: false, problem: 'the field is empty' };
  const sign = text.startsWith('-') ? -1 : 1;
  const body = text.replace(/^[+-]/, '');
  const slash = body.indexOf('/');
  let value: number | null;
  if (slash >= 0) {
    const num = unsigned(body.slice(0, slash).trim());
    const den = unsigned(body.slice(slash + 1).trim());
    if (num === null || den === null) value = null;
    else if (den === 0) return { ok: false, problem: `"${shown}" divides by zero` };
    else value = num / den;
  } else value = unsigned(body);
  if (value === null || !Number.isFinite(value)) return { ok: false, problem: `"${shown}" is not a number (write it like 12, -0.75 or 3/4)` };
  return { ok: true, value: sign * value };
}

/** A number as the feedback writes it: at most 6 significant digits, no trailing zeros. */
export function feedbackNumber(v: number): string {
  if (Number.isInteger(v)) return Math.abs(v) >= 10000 ? v.toLocaleString('en-US') : String(v);
  return String(Number(v.toPrecision(6)));
}

/** Close enough: within the tolerance, plus float rounding for decimals such as 0.1 + 0.2. */
export function within(value: number, target: number, tolerance: number): boolean {
  return Math.abs(value - target) <= tolerance + 1e-9 * Math.max(1, Math.abs(target));
}

function gradePart(part: NumberPart, value: number): PartFeedback {
  const shown = feedbackNumber(value);
  if (within(value, part.value, part.tolerance)) {
    return { label: part.label, ok: true, message: `${shown} is right.` };
  }
  // A fractional mistake (a length not rounded down) matches what a student would type, e.g. 3.33.
  const slack = (m: number) => (Number.isInteger(m) ? part.tolerance : Math.max(part.tolerance, 0.01 * Math.max(1, Math.abs(m))));
  const known = part.mistakes.find((m) => within(value, m.value, slack(m.value)));
  if (known) return { label: part.label, ok: false, message: `Not ${shown}: ${known.say}` };
  if (part.integer && !Number.isInteger(value)) {
    return { label: part.label, ok: false, message: `Not ${shown}: the answer is a whole number (a count or a length).` };
  }
  const side = value > part.value ? 'too large' : 'too small';
  return { label: part.label, ok: false, message: `Not ${shown}: that is ${side}. Go through the formula step by step (the hints help).` };
}

/** Checks the typed values, one per part, and says what is off in each. */
export function gradeNumbers(parts: NumberPart[], typed: string[]): Feedback {
  const read = parts.map((_, i) => parseNumber(typed[i] ?? ''));
  const unread = read.findIndex((p) => !p.ok);
  if (unread >= 0) {
    // Nothing is graded until every field can be read; the field that cannot says why.
    const problem = (p: Parsed) => (p.ok ? '' : `${p.problem.charAt(0).toUpperCase()}${p.problem.slice(1)}.`);
    const where = parts.length > 1 ? `${plainText(parts[unread].label)}: ` : '';
    return {
      verdict: 'unreadable',
      message: `${where}${problem(read[unread])}`,
      parts: parts.map((part, i) => ({ label: part.label, ok: read[i].ok, message: problem(read[i]) })),
    };
  }
  const graded = parts.map((part, i) => gradePart(part, (read[i] as { value: number }).value));
  const right = graded.filter((g) => g.ok).length;
  if (parts.length === 1) {
    const g = graded[0];
    return { verdict: g.ok ? 'correct' : 'wrong', message: g.ok ? `Correct: ${g.message}` : g.message, parts: graded };
  }
  if (right === parts.length) return { verdict: 'correct', message: `Correct: all ${parts.length} are right.`, parts: graded };
  return { verdict: 'wrong', message: `${right} of ${parts.length} are right; see each field below.`, parts: graded };
}

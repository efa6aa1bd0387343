// The harness of the code checks: call the student's function on hidden inputs, compare each result
// with the math core, and report the first input where they differ (input, expected, got), or the
// error it threw with the student's line. Recognised wrong answers add a sentence saying what they are.
import type { CheckContext, Feedback } from './types';
import { feedbackNumber } from './numbers';

export interface FunctionCheck<I> {
  /** The top-level function the student's cell must define. */
  name: string;
  /** How the prompt writes the call, e.g. "crossCorrelate(x, w)". */
  signature: string;
  /** The hidden inputs, tried in order (small, readable ones first). */
  cases: I[];
  call(fn: (...args: unknown[]) => unknown, input: I): unknown;
  /** The right result, from the math core. */
  expected(input: I): unknown;
  /** The input as the feedback shows it, e.g. "x = [1, 2, 3], w = [1, -1]". */
  show(input: I): string;
  /** Wrong functions students write, each with what it tells them; tried when the result is wrong. */
  known?: { result(input: I): unknown; say: string }[];
  /** Allowed difference per value (default 1e-6, relative to the value's size). */
  tolerance?: number;
}

const MAX_SHOWN = 40;

/** A result as the feedback shows it: numbers to 6 significant digits, nested arrays in brackets. */
export function formatValue(v: unknown, depth = 0): string {
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : Number.isFinite(v) ? feedbackNumber(v) : String(v);
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'function') return 'a function';
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) v = Array.from(v as unknown as ArrayLike<number>);
  if (Array.isArray(v)) {
    if (depth > 3) return '[…]';
    const shown = v.slice(0, MAX_SHOWN).map((x) => formatValue(x, depth + 1));
    if (v.length > MAX_SHOWN) shown.push(`… ${v.length - MAX_SHOWN} more`);
    return `[${shown.join(', ')}]`;
  }
  if (typeof v === 'object') {
    try {
      return JSON.stringify(v);
    } catch {
      return String(v);
    }
  }
  return String(v);
}

const asArray = (v: unknown): unknown[] | null =>
  Array.isArray(v) ? v : ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as unknown as ArrayLike<number>) : null;

/** Why `got` is not `want` (null when they agree); `path` names the place, e.g. "y[2]". */
export function difference(got: unknown, want: unknown, tolerance = 1e-6, path = 'the result'): string | null {
  if (typeof want === 'number') {
    if (typeof got !== 'number') return `${path} should be a number, got ${formatValue(got)}`;
    if (Number.isNaN(got)) return `${path} is NaN (a value read outside the input is undefined, and undefined·w is NaN)`;
    return Math.abs(got - want) <= tolerance * Math.max(1, Math.abs(want)) ? null : `${path} should be ${formatValue(want)}, got ${formatValue(got)}`;
  }
  const wantArr = asArray(want);
  if (wantArr) {
    const gotArr = asArray(got);
    if (!gotArr) return `${path} should be an array, got ${formatValue(got)}`;
    if (gotArr.length !== wantArr.length) return `${path} should have ${wantArr.length} value${wantArr.length === 1 ? '' : 's'}, got ${gotArr.length}`;
    for (let i = 0; i < wantArr.length; i++) {
      const why = difference(gotArr[i], wantArr[i], tolerance, path === 'the result' ? `y[${i}]` : `${path}[${i}]`);
      if (why) return why;
    }
    return null;
  }
  return Object.is(got, want) ? null : `${path} should be ${formatValue(want)}, got ${formatValue(got)}`;
}

const copy = <T>(v: T): T => structuredClone(v);

/**
 * The student's result as plain data, read with the original built-ins: a getter or a Proxy in it
 * (student code) runs before the last restore, never during the comparison.
 */
export function settle(ctx: CheckContext, got: unknown): unknown {
  ctx.restoreBuiltins();
  let plain: unknown;
  try {
    plain = structuredClone(got);
  } catch {
    plain = typeof got === 'function' ? got : 'something that is not plain data';
  }
  ctx.restoreBuiltins();
  return plain;
}

/** Runs one function check; never throws (a student's error becomes feedback). */
export async function checkFunction<I>(ctx: CheckContext, c: FunctionCheck<I>): Promise<Feedback> {
  const fn = ctx.get(c.name);
  if (typeof fn !== 'function') {
    return {
      verdict: 'wrong',
      message: `Your code must define a function ${c.signature}; ${fn === undefined ? 'it does not define one with that name' : `${c.name} is ${formatValue(fn)}, not a function`}. The check calls it by that name.`,
    };
  }
  const total = c.cases.length;
  // Every expected result before the student's function is first called.
  const expectations = c.cases.map((input) => c.expected(copy(input)));
  for (let i = 0; i < total; i++) {
    const input = c.cases[i];
    const expected = expectations[i];
    let got: unknown;
    try {
      got = settle(ctx, await c.call(fn as (...args: unknown[]) => unknown, copy(input)));
    } catch (e) {
      ctx.restoreBuiltins();
      const error = ctx.describe(e);
      return {
        verdict: 'wrong',
        message: `Your function threw an error on hidden input ${i + 1} of ${total}: ${error.name}: ${error.message}`,
        error,
        mismatch: { input: c.show(input), expected: formatValue(expected), got: `${error.name}: ${error.message}` },
        cases: { passed: i, total },
      };
    }
    const why = difference(got, expected, c.tolerance);
    if (why) {
      const known = c.known?.find((k) => difference(got, k.result(copy(input)), c.tolerance) === null);
      return {
        verdict: 'wrong',
        message: `Not yet: on hidden input ${i + 1} of ${total}, ${why}.${known ? ` ${known.say}` : ''}`,
        mismatch: { input: c.show(input), expected: formatValue(expected), got: formatValue(got) },
        cases: { passed: i, total },
      };
    }
  }
  return { verdict: 'correct', message: `Correct: ${c.name} agrees with the course's math core on all ${total} hidden inputs.`, cases: { passed: total, total } };
}

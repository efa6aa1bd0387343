// Build-time checks of <Exercise> props: a wrong prop fails the build with a message naming the MDX
// file, the exercise and the prop. The result is the Exercise the page checks answers against.
import type { AnswerProps, Exercise, NumberPart, PartProps } from './types';
import { CODE_CHECKS } from './checks';
import { parseNumber } from './numbers';

export const EXERCISE_ID = /^[a-z][a-z0-9-]*$/;
const ANSWER_PROPS = ['answer', 'tolerance', 'mistakes', 'parts', 'choices', 'check', 'label'] as const;
const SHELL_PROPS = ['id', 'title'] as const;

/** The default tolerance of a decimal answer: half a percent of it, at least 0.005. */
export const defaultTolerance = (answer: number) => 0.005 * Math.max(1, Math.abs(answer));

const show = (v: unknown) => JSON.stringify(v) ?? String(v);
const isRecordOfStrings = (v: unknown): v is Record<string, string> =>
  !!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((s) => typeof s === 'string' && s.trim() !== '');

/**
 * Validates the props of one <Exercise> and returns what its check needs. `defined` holds the course's
 * exercises by id (lecture-10.ts …): an exercise with none of the answer props takes its definition
 * from there. `file` names the MDX file in messages.
 */
export function exerciseFromProps(props: Record<string, unknown>, file: string, defined: Record<string, AnswerProps> = {}): Exercise {
  const rawId = props.id;
  const who = `${file}: <Exercise${typeof rawId === 'string' ? ` id="${rawId}"` : ''}>`;
  const fail = (prop: string, why: string): never => {
    throw new Error(`${who}: prop "${prop}" ${why}`);
  };
  for (const key of Object.keys(props)) {
    if (props[key] === undefined) continue;
    if (!(SHELL_PROPS as readonly string[]).includes(key) && !(ANSWER_PROPS as readonly string[]).includes(key)) {
      fail(key, `is not a prop of <Exercise> (known props: ${[...SHELL_PROPS, ...ANSWER_PROPS].join(', ')})`);
    }
  }
  if (typeof rawId !== 'string' || !EXERCISE_ID.test(rawId)) fail('id', `must be lower-case letters, digits and -, starting with a letter (it keys the student's progress), got ${show(rawId)}`);
  const id = rawId as string;
  if (typeof props.title !== 'string' || props.title.trim() === '') fail('title', `must be a short text naming the exercise, got ${show(props.title)}`);

  const inline = ANSWER_PROPS.filter((k) => props[k] !== undefined);
  const own = defined[id];
  if (inline.length && own) fail(inline[0], `is not needed: exercise "${id}" is already defined in src/lib/exercises (remove the prop, or give the exercise another id)`);
  if (!inline.length && !own) {
    fail('answer', `is missing: give answer={…} (a number), parts={[…]}, choices={[…]} with answer, or check="…" (a code check), or define "${id}" in src/lib/exercises`);
  }
  const p: AnswerProps = own ?? (props as AnswerProps);

  const kinds = (['parts', 'choices', 'check'] as const).filter((k) => p[k] !== undefined);
  if (kinds.length > 1) fail(kinds[1], `cannot be combined with "${kinds[0]}": an exercise has one kind of answer`);

  if (p.check !== undefined) {
    for (const k of ['answer', 'tolerance', 'mistakes', 'label'] as const) if (p[k] !== undefined) fail(k, 'does not apply to a code exercise (its check decides)');
    if (typeof p.check !== 'string' || !CODE_CHECKS[p.check]) fail('check', `must name a check in src/lib/exercises/checks.ts (${Object.keys(CODE_CHECKS).join(', ')}), got ${show(p.check)}`);
    return { id, kind: 'code', check: p.check as string };
  }

  if (p.choices !== undefined) {
    const options = p.choices;
    if (!Array.isArray(options) || options.length < 2 || !options.every((o) => typeof o === 'string' && o.trim() !== '')) fail('choices', `must be a list of at least two option texts, got ${show(options)}`);
    if (new Set(options).size !== options.length) fail('choices', 'has the same option twice');
    for (const k of ['tolerance', 'label'] as const) if (p[k] !== undefined) fail(k, 'does not apply to a choice exercise');
    const answers = Array.isArray(p.answer) ? p.answer : [p.answer];
    if (!answers.length || answers.some((a) => typeof a !== 'string' || !options.includes(a))) {
      fail('answer', `must be the text of the right option (or a list of them, when several are right), exactly as in choices; got ${show(p.answer)}`);
    }
    const mistakes: Record<number, string> = {};
    if (p.mistakes !== undefined) {
      if (!isRecordOfStrings(p.mistakes)) fail('mistakes', `must map an option's text to what choosing it tells, got ${show(p.mistakes)}`);
      for (const [option, say] of Object.entries(p.mistakes)) {
        const i = options.indexOf(option);
        if (i < 0) fail('mistakes', `names "${option}", which is not one of the choices`);
        if (answers.includes(option)) fail('mistakes', `names "${option}", which is a right answer`);
        mistakes[i] = say;
      }
    }
    return { id, kind: 'choice', options, correct: answers.map((a) => options.indexOf(a as string)), multiple: Array.isArray(p.answer), mistakes };
  }

  const part = (q: PartProps, prop: string, label: string): NumberPart => {
    if (typeof q.answer !== 'number' || !Number.isFinite(q.answer)) fail(prop, `must be a finite number, got ${show(q.answer)}`);
    if (q.tolerance !== undefined && (typeof q.tolerance !== 'number' || !(q.tolerance >= 0) || !Number.isFinite(q.tolerance))) {
      fail(prop === 'answer' ? 'tolerance' : prop, `tolerance must be a number ≥ 0, got ${show(q.tolerance)}`);
    }
    const integer = Number.isInteger(q.answer) && q.tolerance === undefined;
    const tolerance = q.tolerance ?? (integer ? 0 : defaultTolerance(q.answer));
    const mistakes: NumberPart['mistakes'] = [];
    const mistakesProp = prop === 'answer' ? 'mistakes' : prop;
    if (q.mistakes !== undefined) {
      if (!isRecordOfStrings(q.mistakes)) fail(mistakesProp, `must map a wrong value (as text) to what it tells the student, got ${show(q.mistakes)}`);
      for (const [text, say] of Object.entries(q.mistakes)) {
        const v = parseNumber(text);
        if (!v.ok) fail(mistakesProp, `has the key "${text}", which is not a number`);
        const value = (v as { value: number }).value;
        if (Math.abs(value - q.answer) <= tolerance) fail(mistakesProp, `has the key "${text}", which counts as the right answer`);
        mistakes.push({ value, say });
      }
    }
    return { label, value: q.answer, integer, tolerance, mistakes };
  };

  if (p.parts !== undefined) {
    for (const k of ['answer', 'tolerance', 'mistakes', 'label'] as const) if (p[k] !== undefined) fail(k, 'does not apply next to parts (give it inside each part)');
    if (!Array.isArray(p.parts) || p.parts.length === 0) fail('parts', `must be a list of { label, answer, tolerance?, mistakes? }, got ${show(p.parts)}`);
    const parts = p.parts.map((q, i) => {
      if (!q || typeof q !== 'object' || typeof q.label !== 'string' || q.label.trim() === '') fail('parts', `entry ${i + 1} needs a label (what the field asks for), got ${show(q)}`);
      return part(q, `parts[${i}]`, q.label);
    });
    return { id, kind: 'numbers', parts };
  }

  if (p.answer === undefined) fail('answer', 'is missing: give the expected number');
  if (p.label !== undefined && (typeof p.label !== 'string' || p.label.trim() === '')) fail('label', `must be a short text, got ${show(p.label)}`);
  return { id, kind: 'numbers', parts: [part({ label: p.label ?? 'Your answer', answer: p.answer as number, tolerance: p.tolerance, mistakes: p.mistakes }, 'answer', p.label ?? 'Your answer')] };
}

/** The MDX file behind a course page path ("lectures/10-cnn/" → "content/lectures/10-cnn.mdx"). */
export function sourceFileOf(page: string): string {
  return `content/${page.replace(/^\/+|\/+$/g, '')}.mdx`;
}

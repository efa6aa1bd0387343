// The pieces of the exercises: reading typed numbers, grading, props checked at build time with the
// file and prop named, the output-length mistakes, progress in storage, and the MDX helpers.
import { describe, expect, it } from 'vitest';
import { feedbackNumber, gradeNumbers, parseNumber } from '../../src/lib/exercises/numbers';
import { gradeChoice } from '../../src/lib/exercises/choices';
import { exerciseFromProps, sourceFileOf } from '../../src/lib/exercises/spec';
import { sizeMistakes } from '../../src/lib/exercises/size-mistakes';
import { difference, formatValue } from '../../src/lib/exercises/function-check';
import { loadProgress, pageKey, progressKey, resetProgress, saveRecord, shownStatus, tally, tallyText } from '../../src/lib/exercises/progress';
import { exerciseIdsInMdx, solutionCode, starterCode } from '../../src/lib/exercises/mdx';
import { inlineMathHtml, texToText } from '../../src/lib/exercises/inline-math';
import { outputSize } from '../../src/lib/conv';

describe('parseNumber', () => {
  it.each([
    ['12', 12], [' -0.75 ', -0.75], ['.5', 0.5], ['1e-3', 0.001], ['61,706', 61706], ['61 706', 61706], ['1,024.5', 1024.5],
    ['3/4', 0.75], ['−2', -2], ['+3', 3], ['-1/4', -0.25],
  ])('reads %j as %d', (text, value) => {
    expect(parseNumber(text)).toEqual({ ok: true, value });
  });
  it.each(['', '0x10', '1,,2', '1,2', 'abc', 'Infinity', 'NaN', '1.2.3', '1e999', '2/', '--1', '12 apples'])('refuses %j with a message', (text) => {
    const r = parseNumber(text);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problem).toMatch(/empty|not a number/);
  });
  it('quotes at most 30 characters of a long entry', () => {
    const r = parseNumber('1'.repeat(10_000) + 'x');
    expect(!r.ok && r.problem).toBe(`"${'1'.repeat(30)}…" is not a number (write it like 12, -0.75 or 3/4)`);
  });
  it('refuses division by zero', () => {
    expect(parseNumber('1/0')).toEqual({ ok: false, problem: '"1/0" divides by zero' });
  });
  it('formats numbers for feedback', () => {
    expect([feedbackNumber(61706), feedbackNumber(0.1 + 0.2), feedbackNumber(-2.5), feedbackNumber(1 / 3)]).toEqual(['61,706', '0.3', '-2.5', '0.333333']);
  });
});

describe('gradeNumbers', () => {
  const part = { label: 'n', value: 3, integer: true, tolerance: 0, mistakes: [{ value: 7, say: 'no dilation.' }, { value: 10 / 3, say: 'round down.' }] };
  it('accepts the answer, names a known mistake, and says too large / too small otherwise', () => {
    expect(gradeNumbers([part], ['3'])).toMatchObject({ verdict: 'correct' });
    expect(gradeNumbers([part], ['7']).message).toBe('Not 7: no dilation.');
    expect(gradeNumbers([part], ['3.33']).message).toBe('Not 3.33: round down.');
    expect(gradeNumbers([part], ['9']).message).toMatch(/^Not 9: that is too large/);
    expect(gradeNumbers([part], ['1']).message).toMatch(/too small/);
    expect(gradeNumbers([part], ['2.5']).message).toMatch(/whole number/);
  });
  it('an unreadable field is not a wrong answer, and names the field', () => {
    expect(gradeNumbers([part], ['0x10'])).toMatchObject({ verdict: 'unreadable', message: expect.stringMatching(/not a number/) });
    const fb = gradeNumbers([part, { ...part, label: '$n_\\text{out}$' }], ['3', '']);
    expect(fb).toMatchObject({ verdict: 'unreadable', message: 'n out: The field is empty.' });
    expect(fb.parts!.map((p) => [p.ok, p.message])).toEqual([[true, ''], [false, 'The field is empty.']]);
  });
  it('uses the tolerance, and float rounding never fails a right answer', () => {
    const p = { label: 'x', value: 0.3, integer: false, tolerance: 0.01, mistakes: [] };
    expect(gradeNumbers([p], ['0.305']).verdict).toBe('correct');
    expect(gradeNumbers([p], ['0.32']).verdict).toBe('wrong');
    expect(gradeNumbers([{ ...p, tolerance: 0 }], ['0.3']).verdict).toBe('correct');
  });
  it('several parts: per-field messages and a count', () => {
    const fb = gradeNumbers([part, { ...part, label: 'm' }], ['3', '7']);
    expect(fb.verdict).toBe('wrong');
    expect(fb.message).toBe('1 of 2 are right; see each field below.');
    expect(fb.parts!.map((p) => p.ok)).toEqual([true, false]);
  });
});

describe('gradeChoice', () => {
  const single = { id: 'c', kind: 'choice' as const, options: ['a', 'b', 'c'], correct: [1], multiple: false, mistakes: { 2: 'c is wrong because.' } };
  const many = { ...single, correct: [0, 1], multiple: true };
  it('single choice', () => {
    expect(gradeChoice(single, [1]).verdict).toBe('correct');
    expect(gradeChoice(single, [2]).message).toBe('Option 3 is not right: c is wrong because.');
    expect(gradeChoice(single, [0]).message).toMatch(/Option 1 is not right: think again/);
    expect(gradeChoice(single, []).verdict).toBe('unreadable');
  });
  it('several: wrong ticks say why, missing ones are only counted', () => {
    expect(gradeChoice(many, [1, 0]).verdict).toBe('correct');
    expect(gradeChoice(many, [0]).message).toBe('One more option is true: look at the ones you left out.');
    expect(gradeChoice(many, [0, 1, 2]).message).toBe('Option 3 is not right: c is wrong because.');
  });
});

describe('props are checked at build time, naming the file, the exercise and the prop', () => {
  const file = 'content/lectures/99-test.mdx';
  const build = (props: Record<string, unknown>) => exerciseFromProps({ id: 'ex-1', title: 'T', ...props }, file, { defined: { answer: 3 } });
  it('accepts an instructor\'s inline exercises', () => {
    expect(build({ answer: 12 })).toMatchObject({ kind: 'numbers', parts: [{ value: 12, integer: true, tolerance: 0 }] });
    expect(build({ answer: 0.75, mistakes: { '0': 'flipped.' } })).toMatchObject({ parts: [{ integer: false, tolerance: 0.005, mistakes: [{ value: 0, say: 'flipped.' }] }] });
    expect(build({ choices: ['$p=1$', '$p=2$'], answer: '$p=2$' })).toMatchObject({ kind: 'choice', correct: [1], multiple: false });
    expect(build({ choices: ['a', 'b', 'c'], answer: ['a', 'c'] })).toMatchObject({ correct: [0, 2], multiple: true });
    expect(build({ parts: [{ label: 'C1', answer: 156 }] })).toMatchObject({ kind: 'numbers', parts: [{ label: 'C1', value: 156 }] });
    expect(build({ check: 'max-pool' })).toEqual({ id: 'ex-1', kind: 'code', check: 'max-pool' });
    expect(exerciseFromProps({ id: 'defined', title: 'T' }, file, { defined: { answer: 3 } })).toMatchObject({ parts: [{ value: 3 }] });
  });
  it.each([
    [{ answer: 'five' }, /content\/lectures\/99-test\.mdx: <Exercise id="ex-1">: prop "answer" must be a finite number/],
    [{ id: 'Bad Id', answer: 1 }, /prop "id" must be lower-case letters/],
    [{ title: '', answer: 1 }, /prop "title" must be a short text/],
    [{}, /prop "answer" is missing: give answer=\{…\}/],
    [{ answr: 3 }, /prop "answr" is not a prop of <Exercise> \(known props: id, title, answer/],
    [{ answer: 2, tolerance: -1 }, /prop "tolerance" tolerance must be a number ≥ 0/],
    [{ answer: 2, mistakes: { two: 'x' } }, /prop "mistakes" has the key "two", which is not a number/],
    [{ answer: 2, mistakes: { '2': 'x' } }, /prop "mistakes" has the key "2", which counts as the right answer/],
    [{ choices: ['a'], answer: 'a' }, /prop "choices" must be a list of at least two/],
    [{ choices: ['a', 'b'], answer: 'c' }, /prop "answer" must be the text of the right option/],
    [{ choices: ['a', 'b'], answer: 'a', mistakes: { a: 'x' } }, /names "a", which is a right answer/],
    [{ choices: ['a', 'b'], answer: 'a', check: 'max-pool' }, /prop "check" cannot be combined with "choices"/],
    [{ check: 'nope' }, /prop "check" must name a check in src\/lib\/exercises\/checks.ts \(cross-correlate/],
    [{ check: 'max-pool', answer: 3 }, /prop "answer" does not apply to a code exercise/],
    [{ parts: [{ answer: 3 }] }, /prop "parts" entry 1 needs a label/],
    [{ parts: [{ label: 'a', answer: 3 }], answer: 1 }, /prop "answer" does not apply next to parts/],
  ])('rejects %j', (props, message) => {
    expect(() => build(props)).toThrow(message);
  });
  it('an id defined in src/lib/exercises takes no answer props', () => {
    expect(() => exerciseFromProps({ id: 'defined', title: 'T', answer: 4 }, file, { defined: { answer: 3 } })).toThrow(/prop "answer" is not needed: exercise "defined" is already defined/);
  });
  it('names the MDX file of a page', () => {
    expect(sourceFileOf('lectures/10-cnn/')).toBe('content/lectures/10-cnn.mdx');
  });
});

describe('sizeMistakes', () => {
  it('every mistake differs from the right length and comes from the formula', () => {
    for (const set of [{ n: 9, k: 3, dilation: 3 }, { n: 10, k: 3, stride: 3 }, { n: 5, k: 4, padding: 2 }, { n: 6, k: 3, padding: 1, stride: 2 }]) {
      const right = outputSize(set.n, set.k, set);
      const m = sizeMistakes(set);
      expect(Object.keys(m).length).toBeGreaterThan(1);
      expect(Object.keys(m)).not.toContain(String(right));
    }
    expect(sizeMistakes({ n: 9, k: 3, dilation: 3 })['7']).toMatch(/length without dilation/);
    expect(sizeMistakes({ n: 10, k: 3, stride: 3 })['4']).toMatch(/round down/);
    expect(sizeMistakes({ n: 10, k: 3, stride: 3 })['8']).toMatch(/every third window/);
    expect(sizeMistakes({ n: 5, k: 4, padding: 2 })['2']).toMatch(/without padding/);
  });
});

describe('comparing results', () => {
  it('says where a result differs', () => {
    expect(difference([1, 2], [1, 2])).toBeNull();
    expect(difference([1, 2.0000001], [1, 2])).toBeNull();
    expect(difference([1, 3], [1, 2])).toBe('y[1] should be 2, got 3');
    expect(difference([1], [1, 2])).toBe('the result should have 2 values, got 1');
    expect(difference([[1, 2]], [[1, 3]])).toBe('y[0][1] should be 3, got 2');
    expect(difference(new Float32Array([1, 2]), [1, 2])).toBeNull();
    expect(difference(undefined, [1])).toBe('the result should be an array, got undefined');
  });
  it('formats values briefly', () => {
    expect(formatValue([[1, 0.5], [NaN, undefined]])).toBe('[[1, 0.5], [NaN, undefined]]');
    expect(formatValue(Array.from({ length: 50 }, (_, i) => i))).toMatch(/… 10 more\]$/);
  });
});

describe('progress', () => {
  const mem = () => {
    const m = new Map<string, string>();
    return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
  };
  it('keys pages under the base path', () => {
    expect(pageKey('/cnn-course/lectures/10-cnn/', '/cnn-course/')).toBe('lectures/10-cnn/');
    expect(pageKey('/repo/lectures/10-cnn', '/repo')).toBe('lectures/10-cnn/');
  });
  it('saves, tallies and resets a page', () => {
    const s = mem();
    const page = 'lectures/10-cnn/';
    saveRecord(s, page, 'a', { status: 'wrong', answer: ['4'] });
    saveRecord(s, page, 'a', { status: 'correct' });
    saveRecord(s, page, 'b', { solution: true });
    saveRecord(s, page, 'gone', { status: 'correct' }); // an exercise since removed from the page
    expect(loadProgress(s, page).a).toEqual({ status: 'correct', solved: true, answer: ['4'] });
    expect(shownStatus(loadProgress(s, page).b)).toBe('solution');
    const t = tally(loadProgress(s, page), ['a', 'b', 'c']);
    expect(t).toEqual({ solved: 2, withSolution: 1, total: 3 });
    expect(tallyText('Lecture 10', t)).toEqual({ main: 'Lecture 10: 2 of 3', detail: '1 of them with the solution shown' });
    resetProgress(s, page);
    expect(s.m.has(progressKey(page))).toBe(false);
    expect(tally(loadProgress(s, page), ['a'])).toEqual({ solved: 0, withSolution: 0, total: 1 });
  });
  it('a solved exercise stays solved when a later check is wrong; the record keeps the latest verdict', () => {
    const s = mem();
    const page = 'lectures/10-cnn/';
    saveRecord(s, page, 'xcorr-value', { answer: ['0.75'], status: 'correct' });
    saveRecord(s, page, 'xcorr-value', { answer: ['0.756'], status: 'wrong' });
    const r = loadProgress(s, page)['xcorr-value'];
    expect(r.status).toBe('wrong'); // the box shows the latest check
    expect(shownStatus(r)).toBe('correct');
    expect(tally(loadProgress(s, page), ['xcorr-value'])).toEqual({ solved: 1, withSolution: 0, total: 1 });
  });
  it('survives garbage in storage and a refusing browser', () => {
    const s = mem();
    s.setItem(progressKey('p/'), '{not json');
    expect(loadProgress(s, 'p/')).toEqual({});
    const full = { ...mem(), setItem: () => { throw new Error('QuotaExceededError'); } };
    expect(saveRecord(full, 'p/', 'a', { status: 'correct' })).toBe(false);
    expect(saveRecord(null, 'p/', 'a', { status: 'correct' })).toBe(false);
  });
});

describe('MDX helpers', () => {
  const mdx = 'Text\n\n<Exercise id="one" title="T">\n\nPrompt.\n\n```ts\nfunction f() {}\n```\n\n<Hint>\n\n```ts\nhint();\n```\n\n</Hint>\n\n<Solution>\n\n```ts\nfunction f() { return 1; }\n```\n\n</Solution>\n\n</Exercise>\n\n<Exercise title="U" id=\'two\' answer={3}>\n\nx\n\n</Exercise>\n';
  it('finds ids, the starter and the solution code', () => {
    expect(exerciseIdsInMdx(mdx)).toEqual(['one', 'two']);
    const body = mdx.slice(mdx.indexOf('<Exercise'), mdx.indexOf('</Exercise>'));
    expect(starterCode(body)).toBe('function f() {}');
    expect(solutionCode(body)).toBe('function f() { return 1; }');
  });
  it('renders $…$ in short texts and escapes the rest', () => {
    expect(inlineMathHtml('a < $x_1$ & b', (t) => `<m>${t}</m>`)).toBe('a &lt; <span aria-hidden="true"><m>x_1</m></span><span class="ex-sr">x 1</span> &amp; b');
    expect([texToText('n_\\text{out}'), texToText('4\\times4'), texToText('K=3')]).toEqual(['n out', '4×4', 'K=3']);
  });
});

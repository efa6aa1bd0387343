// What a code exercise says after Run and check (src/lib/notebook/run-feedback.ts).
import { describe, expect, it } from 'vitest';
import { cannotRunFeedback, casesText, runFeedback, runningNote, verdictMark } from '../../src/lib/notebook/run-feedback';
import type { Feedback } from '../../src/lib/exercises/types';

describe('runFeedback', () => {
  const report: Feedback = { verdict: 'correct', message: 'Right on every hidden input.' };
  const error = { name: 'RangeError', message: 'bad k', location: { cell: 'exercise-x', line: 2 } };

  it("passes the check's report on", () => {
    expect(runFeedback({ ok: true, report })).toBe(report);
  });
  it('a stopped run was not checked (and a restart says why)', () => {
    expect(runFeedback({ ok: false, interrupted: true })).toEqual({ verdict: 'unreadable', message: 'Stopped. Your code was not checked.' });
    expect(runFeedback({ ok: false, interrupted: true, restarted: true, error: { name: 'Error', message: 'The code did not stop.' } })).toEqual({
      verdict: 'unreadable', message: 'Stopped. Your code was not checked. The code did not stop.',
    });
  });
  it('an exception is a wrong answer that carries the error (for its line)', () => {
    expect(runFeedback({ ok: false, error })).toEqual({ verdict: 'wrong', message: 'Your code did not run to the end: RangeError: bad k', error });
  });
  it('no report and no error: run again', () => {
    expect(runFeedback({ ok: true })).toEqual({ verdict: 'unreadable', message: 'The check gave no answer; run it again.' });
  });
  it('a run that cannot start says so', () => {
    expect(cannotRunFeedback(new Error('worker failed'))).toEqual({ verdict: 'unreadable', message: 'The code could not be run here (worker failed). Reload the page to try again.' });
  });
});

describe('exercise wording', () => {
  it('the running note, at first and when slow', () => {
    expect(runningNote('start')).toBe('Running your code on the hidden inputs…');
    expect(runningNote('slow', true)).toMatch(/^Still running: .*press Stop\.$/);
    expect(runningNote('slow', false)).toBe('Waiting for another exercise’s code to finish…');
  });
  it('verdict marks', () => {
    expect(verdictMark({ verdict: 'correct', message: '' })).toBe('✓');
    expect(verdictMark({ verdict: 'wrong', message: '' })).toBe('✗');
    expect(verdictMark({ verdict: 'unreadable', message: '' })).toBe('!');
    expect(verdictMark({ verdict: 'correct', message: '' }, true)).toBe('ℹ');
  });
  it('how many hidden inputs a wrong answer got right', () => {
    expect(casesText({ verdict: 'wrong', message: '', cases: { passed: 2, total: 5 } })).toBe('The first 2 of 5 hidden inputs gave the right result.');
    expect(casesText({ verdict: 'wrong', message: '', cases: { passed: 0, total: 5 } })).toBeNull();
    expect(casesText({ verdict: 'correct', message: '', cases: { passed: 5, total: 5 } })).toBeNull();
  });
});

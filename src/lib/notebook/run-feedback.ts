// What a code exercise says after Run and check, and while it runs: the notebook runtime's answer
// (session.ts RunResult) in the course's words.
import type { RunResult } from './session';
import type { Feedback } from '../exercises/types';

/** The feedback of one run: the check's report, or why there is none. */
export function runFeedback(result: RunResult): Feedback {
  if (result.ok && result.report) return result.report;
  if (result.restarted && result.error) return { verdict: 'unreadable', message: `Stopped. Your code was not checked. ${result.error.message}` };
  if (result.interrupted) return { verdict: 'unreadable', message: 'Stopped. Your code was not checked.' };
  if (result.error) return { verdict: 'wrong', message: `Your code did not run to the end: ${result.error.name}: ${result.error.message}`, error: result.error };
  return { verdict: 'unreadable', message: 'The check gave no answer; run it again.' };
}

/** The feedback when the run could not even start (the worker or its code failed to load). */
export const cannotRunFeedback = (err: unknown): Feedback => ({
  verdict: 'unreadable',
  message: `The code could not be run here (${err instanceof Error ? err.message : String(err)}). Reload the page to try again.`,
});

/** How long a run goes before the running note says more. */
export const SLOW_RUN_MS = 4000;

/** The running note: at the start, and after SLOW_RUN_MS (running itself, or still waiting behind another run). */
export function runningNote(stage: 'start' | 'slow', running = true): string {
  if (stage === 'start') return 'Running your code on the hidden inputs…';
  return running ? 'Still running: if your code loops forever on one of the hidden inputs, press Stop.' : 'Waiting for another exercise’s code to finish…';
}

/** The mark beside a verdict (a note is information, not a verdict). */
export function verdictMark(fb: Feedback, note = false): string {
  if (note) return 'ℹ';
  return fb.verdict === 'correct' ? '✓' : fb.verdict === 'wrong' ? '✗' : '!';
}

/** Of a wrong answer: how far into the hidden inputs it went right, or null. */
export function casesText(fb: Feedback): string | null {
  return fb.cases && fb.verdict === 'wrong' && fb.cases.passed > 0 ? `The first ${fb.cases.passed} of ${fb.cases.total} hidden inputs gave the right result.` : null;
}

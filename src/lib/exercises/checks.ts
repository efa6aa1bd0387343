/**
 * The named checks of code exercises (`<Exercise check="name">`). The student's cell runs first; then
 * its check gets what the cell defined (`ctx.get(name)`) and answers with Feedback. Most checks call a
 * student's function on hidden inputs and compare with the math core (src/lib/conv) through
 * checkFunction; a check of a cell's results (say, a trained model's validation loss) reads the values
 * with ctx.get and grades them with gradeNumbers. A new check is a few lines in the file of its kind
 * (conv1d-checks.ts, conv2d-check.ts, …), named in CODE_CHECKS below, plus its unit test:
 *
 *   'short-training': (ctx) => {
 *     const loss = ctx.get('validationLoss'); // a value the student's cell defined
 *     return typeof loss === 'number' && loss < 0.2
 *       ? { verdict: 'correct', message: `Correct: the validation loss is ${loss.toFixed(3)}.` }
 *       : { verdict: 'wrong', message: 'Not yet: train until the validation loss is below 0.2.' };
 *   },
 *
 * Runs in the cell worker (src/workers/notebook-adapter.ts, through notebook-runtime.ts) and in Node for the unit tests.
 */
import type { CheckContext, CodeCheck, Feedback } from './types';
import { conv1dDilated, conv1dMultiIn, conv1dStride, convLayer, crossCorrelate } from './conv1d-checks';
import { paramCount } from './param-count-check';
import { maxPool } from './max-pool-check';
import { crossCorrelate2d } from './conv2d-check';
import { confidentMistakes, stridedLeNet } from './workshop-checks';

/** Every code check by name; `<Exercise check="…">` must name one of these. */
export const CODE_CHECKS: Record<string, CodeCheck> = {
  'cross-correlate': crossCorrelate,
  'conv-layer': convLayer,
  'conv1d-multi-in': conv1dMultiIn,
  'param-count': paramCount,
  'conv1d-stride': conv1dStride,
  'conv1d-dilated': conv1dDilated,
  'max-pool': maxPool,
  'cross-correlate-2d': crossCorrelate2d,
  // The workshop's: they grade what the student's cell built and trained (workshop-checks.ts).
  'strided-lenet': stridedLeNet,
  'confident-mistakes': confidentMistakes,
};

/** Runs the named check; an unknown name or a failure of the check itself becomes feedback, never a throw. */
export async function runCheck(name: string, ctx: CheckContext): Promise<Feedback> {
  const check = CODE_CHECKS[name];
  if (!check) return { verdict: 'unreadable', message: `This exercise names a check "${name}" that does not exist (known: ${Object.keys(CODE_CHECKS).join(', ')}).` };
  let replaced: string[];
  try {
    // The check grades with the built-ins as they were before any student code ran (builtins-guard.ts).
    replaced = ctx.restoreBuiltins();
  } catch (e) {
    return { verdict: 'unreadable', message: `Your code changed a built-in so that it cannot be put back (${(e as Error).message}); the check cannot grade with it. Reload the page and run the code without that change.` };
  }
  let feedback: Feedback;
  try {
    feedback = await check(ctx);
  } catch (e) {
    ctx.restoreBuiltins();
    return { verdict: 'unreadable', message: `The check itself failed (${(e as Error).message}); your answer was not graded.` };
  }
  if (!replaced.length) return feedback;
  const names = replaced.slice(0, 3).join(', ') + (replaced.length > 3 ? ` and ${replaced.length - 3} more` : '');
  return { ...feedback, message: `${feedback.message} (Your code replaced ${names}; the check used the original built-ins, which are back in place now.)` };
}


// Choice answers: one option (radio buttons) or several (check boxes). A wrong option says why it is
// wrong where the exercise knows; a missing one is only counted, so the feedback does not give it away.
import type { Exercise, Feedback } from './types';

type ChoiceExercise = Extract<Exercise, { kind: 'choice' }>;

const optionName = (i: number) => `option ${i + 1}`;

/** `selected`: the indices of the options the student picked, in any order. */
export function gradeChoice(ex: ChoiceExercise, selected: number[]): Feedback {
  const picked = [...new Set(selected)].filter((i) => Number.isInteger(i) && i >= 0 && i < ex.options.length).sort((a, b) => a - b);
  if (picked.length === 0) return { verdict: 'unreadable', message: ex.multiple ? 'Tick every option that is true, then check.' : 'Choose an option, then check.' };
  const correct = new Set(ex.correct);
  const wrongPicks = picked.filter((i) => !correct.has(i));
  const missing = ex.correct.filter((i) => !picked.includes(i)).length;
  if (wrongPicks.length === 0 && missing === 0) {
    return { verdict: 'correct', message: ex.multiple ? `Correct: exactly ${ex.correct.length === 1 ? 'that one is' : `those ${ex.correct.length} are`} true.` : 'Correct.' };
  }
  const says = wrongPicks.map((i) => `${optionName(i).replace(/^o/, 'O')} is not right: ${ex.mistakes[i] ?? 'think again about what it claims.'}`);
  if (!ex.multiple) return { verdict: 'wrong', message: says[0] };
  if (missing > 0) says.push(`${missing === 1 ? 'One more option is' : `${missing} more options are`} true: look at the ones you left out.`);
  return { verdict: 'wrong', message: says.join(' ') };
}

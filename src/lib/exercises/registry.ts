// The course's exercise definitions by id, for <Exercise id="…"> without answer props.
import { LECTURE_10 } from './lecture-10';
import { WORKSHOP_10 } from './workshop-10';
import type { AnswerProps } from './types';

function merge(...sets: Record<string, AnswerProps>[]): Record<string, AnswerProps> {
  const all: Record<string, AnswerProps> = {};
  for (const set of sets) {
    for (const [id, def] of Object.entries(set)) {
      if (id in all) throw new Error(`src/lib/exercises: the exercise id "${id}" is defined twice`);
      all[id] = def;
    }
  }
  return all;
}

export const COURSE_EXERCISES = merge(LECTURE_10, WORKSHOP_10);

// The shapes of an exercise: what an author writes (props), what the page checks against (Exercise),
// and what a check answers (Feedback). Serialisable, so a code check can answer from the cell worker.
import type { CellError } from '../cell-error/cell-error';

/** One labelled number field of a multi-part answer, as an author writes it. */
export interface PartProps {
  /** What this field asks for; may contain `$…$` math. */
  label: string;
  answer: number;
  tolerance?: number;
  /** A wrong value (written as text) → what it tells about the student's reasoning. */
  mistakes?: Record<string, string>;
}

/**
 * The props of `<Exercise>` that define its check (documented in README.md, "Exercises"). Exactly one
 * kind: `answer` (a number), `parts` (several numbers), `choices` + `answer` (one or several), `check`
 * (a code cell checked by a named function in checks.ts). Course exercises keep these in
 * lecture-10.ts / workshop-10.ts, keyed by id, so unit tests check them; MDX then needs only the id.
 */
export interface AnswerProps {
  answer?: number | string | string[];
  tolerance?: number;
  mistakes?: Record<string, string>;
  parts?: PartProps[];
  choices?: string[];
  check?: string;
  /** Shown beside a single number field, e.g. "parameters" or "$n_\text{out}$". */
  label?: string;
}

export interface NumberPart {
  label: string;
  value: number;
  /** A whole number is expected: the field refuses 2.5 with a message. */
  integer: boolean;
  /** Accepted distance from `value` (0 for whole numbers). */
  tolerance: number;
  mistakes: { value: number; say: string }[];
}

export type Exercise =
  | { id: string; kind: 'numbers'; parts: NumberPart[] }
  | { id: string; kind: 'choice'; options: string[]; correct: number[]; multiple: boolean; mistakes: Record<number, string> }
  | { id: string; kind: 'code'; check: string };

export type Verdict = 'correct' | 'wrong' | 'unreadable';

export interface PartFeedback {
  label: string;
  ok: boolean;
  message: string;
}

/** The answer of any check. `unreadable`: the input could not be read; it does not count as a try. */
export interface Feedback {
  verdict: Verdict;
  /** What to tell the student, in the course's words. */
  message: string;
  parts?: PartFeedback[];
  /** Code: the first hidden input where the student's output differs. */
  mismatch?: { input: string; expected: string; got: string };
  /** Code: an exception thrown by the student's code, with its line in the cell. */
  error?: CellError;
  /** Code: how many hidden inputs were tried and passed. */
  cases?: { passed: number; total: number };
}

/** What a code check can see of the student's cell, after it ran (see checks.ts). */
export interface CheckContext {
  /** A top-level name that this run of the student's code defined (undefined when it did not; an earlier run never counts). */
  get(name: string): unknown;
  /** A notebook variable (the cells above on the workshop page, or this code): `net`, `datasetTest`. */
  notebook(name: string): unknown;
  /** Puts back the built-ins the student's code replaced (builtins-guard.ts); call it after every call of student code. */
  restoreBuiltins(): string[];
  /** An error as the notebook shows it: its message and the line of the student's code that threw. */
  describe(error: unknown): CellError;
}

export type CodeCheck = (ctx: CheckContext) => Promise<Feedback> | Feedback;

// An error in a student's code as the page shows it: the message, where it happened, and the line
// that threw. The notebook's cells and the code exercises both show it this way.
import type { CellError } from '../cell-error/cell-error';

export interface ErrorText {
  head: string;
  /** "at line 3 of your code:" (absent when the error has no line in code the page shows). */
  where?: string;
  /** "3 | return x[n + m] * w[m];" */
  line?: string;
}

/** The code the page ran, by label: its text as it ran and the words that name it. */
export interface CodePlaces {
  source(label: string): string | undefined;
  /** "your code", "cell 3 (loaders)"; undefined for code the page does not show (the error then gets no line). */
  name(label: string): string | undefined;
}

/** One piece of code on its own (an exercise): an error anywhere else gets no line. */
export const ownCode = (label: string, source: string, name = 'your code'): CodePlaces => ({
  source: (l) => (l === label ? source : undefined),
  name: (l) => (l === label ? name : undefined),
});

export function errorText(error: CellError, places: CodePlaces): ErrorText {
  const head = `${error.name}: ${error.message}`;
  const loc = error.location;
  const name = loc && places.name(loc.cell);
  if (!loc || name === undefined) return { head };
  const code = places.source(loc.cell)?.split('\n')[loc.line - 1];
  return {
    head,
    where: `at line ${loc.line}${loc.column ? `, column ${loc.column}` : ''} of ${name}:`,
    line: code === undefined ? undefined : `${loc.line} | ${code}`,
  };
}

// An error in a student's exercise code as the page shows it: the message, then the line that threw.
import type { CellError } from '../notebook/runner';

export interface ErrorText {
  head: string;
  /** "at line 3 of your code:" (absent when the error has no line in the student's code). */
  where?: string;
  /** "3 | return x[n + m] * w[m];" */
  line?: string;
}

export function errorText(error: CellError, source: string, label: string): ErrorText {
  const head = `${error.name}: ${error.message}`;
  const loc = error.location;
  if (!loc || loc.cell !== label) return { head };
  const code = source.split('\n')[loc.line - 1];
  return {
    head,
    where: `at line ${loc.line}${loc.column ? `, column ${loc.column}` : ''} of your code:`,
    line: code === undefined ? undefined : `${loc.line} | ${code}`,
  };
}

// A cell that does not parse: sucrase's and acorn's errors as one, at the cell's line and column.

/** A cell that does not parse; `line` is 1-based in the cell's source. */
export class CellSyntaxError extends SyntaxError {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'SyntaxError';
  }
}

/** sucrase's or acorn's parse error as a CellSyntaxError (the message without its "(line:col)"). */
export function toSyntaxError(e: unknown): CellSyntaxError {
  const err = e as { message?: string; loc?: { line: number; column: number } };
  const message = String(err.message ?? e).replace(/\s*\(\d+:\d+\)\s*$/, '');
  return new CellSyntaxError(message, err.loc?.line ?? 1, (err.loc?.column ?? 0) + 1);
}

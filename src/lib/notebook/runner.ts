/**
 * The cell runtime: runs compiled cells against one shared scope (the notebook's variables) and says
 * where an error came from. No DOM: the notebook's worker and the unit tests both use it.
 */
import { compileCell } from './transform';
import { CellSyntaxError } from './cell-syntax-error';
import { SCOPE_PARAM } from './cell-bindings';
import type { CellError, ErrorLocation } from '../cell-error/cell-error';

type CellFunction = (scope: Record<string, unknown>) => Promise<unknown>;
const AsyncFunction = (async () => {}).constructor as new (...args: string[]) => CellFunction;

/** Lines the browser puts before a Function body: the spec's `async function anonymous(a\n) {\n`. */
function headerLines(fn: CellFunction, body: string): number {
  const text = fn.toString();
  const at = text.indexOf(body);
  return at < 0 ? 2 : text.slice(0, at).split('\n').length - 1;
}

/** What to tell the student under an error that says a name from the cells above is missing (null: nothing). */
export function errorHint(error: CellError): string | null {
  const missing = error.name === 'ReferenceError' || (error.name === 'TypeError' && /of (undefined|null)\b/.test(error.message));
  return missing ? 'Names come from the cells above: run them first (or Run all); a cell that failed defines nothing, so run it again once it works. After Restart every cell has to run again.' : null;
}

export class CellRuntime {
  /** The state shared by all cells; builtins (display helpers, `course`) live here too. */
  readonly scope: Record<string, unknown> = Object.create(null);
  private runs = 0;
  /** sourceURL id of each run → the label of the cell it ran. */
  private labels = new Map<number, { label: string; header: number }>();

  constructor(builtins: Record<string, unknown> = {}) {
    Object.assign(this.scope, builtins);
  }

  /**
   * Compiles and runs a cell; resolves with its last expression's value (undefined if none).
   * Rejects with the error the code threw, or a CellSyntaxError.
   */
  async run(source: string, label: string, scope: Record<string, unknown> = this.scope): Promise<unknown> {
    const compiled = compileCell(source);
    const id = ++this.runs;
    const body = `${compiled.body}\n//# sourceURL=nb-cell-${id}.js`;
    let fn: CellFunction;
    try {
      fn = new AsyncFunction(SCOPE_PARAM, body);
    } catch (e) {
      // The transform kept the code parseable; this is a construct only the browser rejects.
      throw new CellSyntaxError(String((e as Error).message), 1, 1);
    }
    this.labels.set(id, { label, header: headerLines(fn, body) });
    const created = compiled.declared.filter((name) => !Object.hasOwn(scope, name));
    for (const name of created) scope[name] = undefined;
    try {
      return await fn(scope);
    } catch (e) {
      // A cell that failed before defining a name leaves it undefined, not "defined as undefined":
      // a later cell then gets a ReferenceError (and its "run the cells above" hint), not a TypeError.
      for (const name of created) if (scope[name] === undefined) delete scope[name];
      throw e;
    }
  }

  /** The innermost frame of the stack that belongs to a cell, mapped back to that cell's line. */
  locate(error: unknown): ErrorLocation | undefined {
    if (error instanceof CellSyntaxError) return undefined;
    const stack = String((error as Error | undefined)?.stack ?? '');
    const m = /nb-cell-(\d+)\.js:(\d+)(?::(\d+))?/.exec(stack);
    if (!m) return undefined;
    const run = this.labels.get(Number(m[1]));
    if (run === undefined) return undefined;
    const cell = run.label;
    const line = Number(m[2]) - run.header;
    // Columns on line 1 include the `with (…) {` wrapper, so they are only reported below it.
    return { cell, line, column: line > 1 && m[3] ? Number(m[3]) : undefined };
  }

  /** A plain description of an error for display. */
  describe(error: unknown, label: string): CellError {
    if (error instanceof CellSyntaxError) {
      return { name: 'SyntaxError', message: error.message, location: { cell: label, line: error.line, column: error.column } };
    }
    if (error instanceof Error) return { name: error.name, message: error.message, location: this.locate(error) };
    return { name: 'Error', message: `Uncaught ${typeof error === 'string' ? JSON.stringify(error) : String(error)}` };
  }
}

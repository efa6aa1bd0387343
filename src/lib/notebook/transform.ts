/**
 * Turns one cell's TypeScript into a function body that runs against a shared scope object, the
 * way Jupyter keeps state between cells:
 * - TypeScript is stripped with sucrase (which keeps line numbers, so no source map is needed);
 * - top-level `const`/`let`/`var`/`class` become assignments to the scope (re-running redefines
 *   them), top-level functions are copied into it; the body runs inside `with (scope)`, so code in
 *   any cell reads the latest value, like Python globals;
 * - the body runs in an async function, so top-level `await` works;
 * - a final expression statement becomes `return (…)`, so its value can be displayed.
 * Every edit stays on its own line, so line n of the result is line n of the cell.
 */
import { transform } from 'sucrase';
import { parse } from 'acorn';
import { CellSyntaxError, toSyntaxError } from './cell-syntax-error';
import { SCOPE_PARAM, patternNames, rewriteImport, type AnyNode } from './cell-bindings';

export interface CompiledCell {
  /** The body of an async function taking SCOPE_PARAM; line n here is line n of the cell. */
  body: string;
  /** Names the cell declares at top level; the runner creates them on the scope before running. */
  declared: string[];
  /** Whether the cell ends in an expression whose value is returned. */
  returnsValue: boolean;
}

interface Edit {
  at: number;
  /** Characters to remove from `at` (0 for an insertion). */
  remove: number;
  text: string;
}

function stripTypes(source: string): string {
  try {
    // keepUnusedImports: a cell may import a module only for later cells.
    return transform(source, { transforms: ['typescript'], disableESTransforms: true, keepUnusedImports: true }).code;
  } catch (e) {
    throw toSyntaxError(e);
  }
}

export function compileCell(source: string): CompiledCell {
  const js = stripTypes(source);
  let program: AnyNode;
  try {
    program = parse(js, {
      ecmaVersion: 'latest',
      // 'module' so `import` parses; the body itself runs as sloppy script code (for `with`).
      sourceType: 'module',
      allowReturnOutsideFunction: true,
      locations: true,
    }) as AnyNode;
  } catch (e) {
    throw toSyntaxError(e);
  }

  const edits: Edit[] = [];
  const declared: string[] = [];
  const functions: string[] = [];
  const body: AnyNode[] = program.body;

  for (const stmt of body) {
    if (stmt.type === 'VariableDeclaration') {
      // `const a = 1, {b} = o;` → `void (a = 1, {b} = o);` (a declarator without init gets `= undefined`)
      edits.push({ at: stmt.start, remove: stmt.kind.length, text: 'void (' });
      for (const d of stmt.declarations as AnyNode[]) {
        declared.push(...patternNames(d.id));
        if (!d.init) edits.push({ at: d.id.end, remove: 0, text: ' = undefined' });
      }
      edits.push({ at: stmt.declarations.at(-1).end, remove: 0, text: ')' });
    } else if (stmt.type === 'ClassDeclaration') {
      declared.push(stmt.id.name);
      edits.push({ at: stmt.start, remove: 0, text: `${stmt.id.name} = ` });
      edits.push({ at: stmt.end, remove: 0, text: ';' });
    } else if (stmt.type === 'ImportDeclaration') {
      const { text, names } = rewriteImport(stmt);
      declared.push(...names);
      // Keep the statement's line breaks so later lines keep their numbers.
      const breaks = js.slice(stmt.start, stmt.end).split('\n').length - 1;
      edits.push({ at: stmt.start, remove: stmt.end - stmt.start, text: text + '\n'.repeat(breaks) });
    } else if (stmt.type === 'ExportNamedDeclaration' || stmt.type === 'ExportDefaultDeclaration' || stmt.type === 'ExportAllDeclaration') {
      throw new CellSyntaxError('export is not needed in a cell: top-level names are already shared with later cells', stmt.loc?.start.line ?? 1, (stmt.loc?.start.column ?? 0) + 1);
    } else if (stmt.type === 'FunctionDeclaration') {
      // Left in place (hoisted within the cell); copied to the scope when the cell starts.
      declared.push(stmt.id.name);
      functions.push(stmt.id.name);
    }
  }

  const last = body.at(-1);
  const returnsValue = last?.type === 'ExpressionStatement' && !last.directive;
  if (returnsValue) {
    // The statement's own range: it includes parentheses around the expression, which acorn's
    // expression range leaves out (`({ a })` must become `return (({ a }))`).
    const end = js[last.end - 1] === ';' ? last.end - 1 : last.end;
    edits.push({ at: last.start, remove: 0, text: 'return (' });
    edits.push({ at: end, remove: 0, text: ')' });
  }

  // Apply from the end so earlier offsets stay valid; at equal offsets keep insertion order.
  let out = js;
  edits
    .map((e, i) => ({ ...e, i }))
    .sort((a, b) => b.at - a.at || b.i - a.i)
    .forEach((e) => {
      out = out.slice(0, e.at) + e.text + out.slice(e.at + e.remove);
    });

  const prelude = functions.map((f) => `${SCOPE_PARAM}.${f} = ${f};`).join(' ');
  return {
    body: `with (${SCOPE_PARAM}) { ${prelude}${out}\n}`,
    declared: [...new Set(declared)],
    returnsValue,
  };
}

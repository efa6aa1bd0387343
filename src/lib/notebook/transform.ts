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
import { parse, type Node } from 'acorn';

/** The name the compiled body uses for the scope object (a parameter of the cell function). */
export const SCOPE_PARAM = '__nbScope';

export interface CompiledCell {
  /** The body of an async function taking SCOPE_PARAM; line n here is line n of the cell. */
  body: string;
  /** Names the cell declares at top level; the runner creates them on the scope before running. */
  declared: string[];
  /** Whether the cell ends in an expression whose value is returned. */
  returnsValue: boolean;
}

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

interface Edit {
  at: number;
  /** Characters to remove from `at` (0 for an insertion). */
  remove: number;
  text: string;
}

// acorn's node types are loose; these are the few fields read here.
type AnyNode = Node & Record<string, any>;

function stripTypes(source: string): string {
  try {
    // keepUnusedImports: a cell may import a module only for later cells.
    return transform(source, { transforms: ['typescript'], disableESTransforms: true, keepUnusedImports: true }).code;
  } catch (e) {
    throw toSyntaxError(e);
  }
}

function toSyntaxError(e: unknown): CellSyntaxError {
  const err = e as { message?: string; loc?: { line: number; column: number } };
  const message = String(err.message ?? e).replace(/\s*\(\d+:\d+\)\s*$/, '');
  return new CellSyntaxError(message, err.loc?.line ?? 1, (err.loc?.column ?? 0) + 1);
}

/** Identifiers bound by a declaration pattern: `a`, `{ a, b: [c, ...d] }`, `[e = 1]`. */
export function patternNames(p: AnyNode | null): string[] {
  if (!p) return [];
  switch (p.type) {
    case 'Identifier':
      return [p.name];
    case 'ObjectPattern':
      return p.properties.flatMap((q: AnyNode) => patternNames(q.type === 'RestElement' ? q.argument : q.value));
    case 'ArrayPattern':
      return p.elements.flatMap((q: AnyNode | null) => patternNames(q));
    case 'RestElement':
      return patternNames(p.argument);
    case 'AssignmentPattern':
      return patternNames(p.left);
    default:
      return [];
  }
}

/**
 * `import * as tf from 'm'` → `void (tf = await __nbScope.__import("m"));`, named and default
 * imports likewise through destructuring; the cell runtime decides which modules a cell may import.
 */
function rewriteImport(stmt: AnyNode): { text: string; names: string[] } {
  const load = `await ${SCOPE_PARAM}.__import(${JSON.stringify(stmt.source.value)})`;
  const names: string[] = [];
  let namespace: string | undefined;
  const fields: string[] = [];
  for (const spec of stmt.specifiers as AnyNode[]) {
    names.push(spec.local.name);
    if (spec.type === 'ImportNamespaceSpecifier') namespace = spec.local.name;
    else if (spec.type === 'ImportDefaultSpecifier') fields.push(`default: ${spec.local.name}`);
    else {
      const imported = spec.imported.type === 'Identifier' ? spec.imported.name : JSON.stringify(spec.imported.value);
      fields.push(imported === spec.local.name ? imported : `${imported}: ${spec.local.name}`);
    }
  }
  if (namespace) {
    const rest = fields.length ? `, {${fields.join(', ')}} = ${namespace}` : '';
    return { text: `void (${namespace} = ${load}${rest});`, names };
  }
  if (fields.length) return { text: `void ({${fields.join(', ')}} = ${load});`, names };
  return { text: `void (${load});`, names };
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

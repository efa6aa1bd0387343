/**
 * The names a cell's top-level statements bind on the shared scope: a declaration's pattern, and an
 * import rewritten as an assignment loaded through the scope (see transform.ts).
 */
import type { Node } from 'acorn';

/** The name the compiled body uses for the scope object (a parameter of the cell function). */
export const SCOPE_PARAM = '__nbScope';

// acorn's node types are loose; these are the few fields read here.
export type AnyNode = Node & Record<string, any>;

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
export function rewriteImport(stmt: AnyNode): { text: string; names: string[] } {
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

// The value of a prop an author wrote in MDX, read from the expression's syntax tree (estree, which the
// MDX parser attaches), never by running it: numbers, strings, booleans, lists and objects of them.
// Anything else (a variable, a call) is NOT_LITERAL, and the build-time check leaves that prop alone.

export const NOT_LITERAL: unique symbol = Symbol('not a literal');

type Node = { type: string; [key: string]: unknown };

/** The value of one estree expression node, or NOT_LITERAL. */
export function literalValue(node: Node | null | undefined): unknown {
  if (!node) return NOT_LITERAL;
  switch (node.type) {
    case 'Literal': {
      const v = node.value;
      return typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v === null ? v : NOT_LITERAL;
    }
    case 'Identifier':
      return node.name === 'undefined' ? undefined : node.name === 'Infinity' ? Infinity : node.name === 'NaN' ? NaN : NOT_LITERAL;
    case 'UnaryExpression': {
      const v = literalValue(node.argument as Node);
      if (typeof v !== 'number') return NOT_LITERAL;
      return node.operator === '-' ? -v : node.operator === '+' ? v : NOT_LITERAL;
    }
    case 'TemplateLiteral': {
      const quasis = node.quasis as { value: { cooked: string | null } }[];
      return (node.expressions as unknown[]).length === 0 && quasis.length === 1 && quasis[0].value.cooked !== null ? quasis[0].value.cooked : NOT_LITERAL;
    }
    case 'ArrayExpression': {
      const out: unknown[] = [];
      for (const el of node.elements as (Node | null)[]) {
        const v = el && el.type !== 'SpreadElement' ? literalValue(el) : NOT_LITERAL;
        if (v === NOT_LITERAL) return NOT_LITERAL;
        out.push(v);
      }
      return out;
    }
    case 'ObjectExpression': {
      const out: Record<string, unknown> = {};
      for (const p of node.properties as Node[]) {
        if (p.type !== 'Property' || p.computed || p.kind !== 'init') return NOT_LITERAL;
        const key = p.key as Node;
        const name = key.type === 'Identifier' ? (key.name as string) : key.type === 'Literal' ? String(key.value) : undefined;
        const v = literalValue(p.value as Node);
        if (name === undefined || v === NOT_LITERAL) return NOT_LITERAL;
        out[name] = v;
      }
      return out;
    }
    default:
      return NOT_LITERAL;
  }
}

/** The value of an MDX attribute expression ({…}): from its estree program, or NOT_LITERAL. */
export function expressionValue(expression: { value: string; data?: { estree?: { body?: Node[] } | null } }): unknown {
  const body = expression.data?.estree?.body;
  if (!body || body.length !== 1 || body[0].type !== 'ExpressionStatement') return NOT_LITERAL;
  return literalValue(body[0].expression as Node);
}

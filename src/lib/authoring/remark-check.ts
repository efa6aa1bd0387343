/**
 * Remark plugin (registered in astro.config.mjs): checks every component an author writes in MDX against
 * its description (components.ts) while the page is parsed, so a mistake fails `astro build` (and shows in
 * `astro dev`'s overlay) with a message that names the file, the line, the component and the prop:
 *   content/lectures/11-rnn.mdx:42:1: <Stride>: prop "stride": Stride s must be a whole number from 1 to 8, got 1.5
 * Checked: unknown props, each prop's type and limits (the widget's own checks, fields.ts and friends),
 * an <Exercise>'s answer props, its <Hint>s before its <Solution>, and <Hint>/<Solution> outside one.
 * Props written as JavaScript that is not a plain value (a variable) are left to the component.
 */
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { COMPONENT_BY_NAME, type ComponentDoc } from './components';
import { expressionValue, NOT_LITERAL } from './literal';
import { whereIs, type Position } from '../mdx/where';

export interface JsxNode {
  type: 'mdxJsxFlowElement' | 'mdxJsxTextElement';
  name: string | null;
  attributes: ({ type: 'mdxJsxAttribute'; name: string; value: unknown } | { type: 'mdxJsxExpressionAttribute'; value: string })[];
  children: { type: string; name?: string | null; lang?: string | null; position?: Position }[];
  position?: Position;
}

/** The props of an element as an author wrote them: literal values, NOT_LITERAL for the rest; null for a spread. */
export function elementProps(node: JsxNode): Record<string, unknown> | null {
  const props: Record<string, unknown> = {};
  for (const a of node.attributes) {
    if (a.type !== 'mdxJsxAttribute') return null;
    const v = a.value;
    props[a.name] = v === null || v === undefined ? true : typeof v === 'string' ? v : expressionValue(v as Parameters<typeof expressionValue>[0]);
  }
  return props;
}

/** Why these props are wrong for this component, or null. Throws nothing. */
export function propsProblem(doc: ComponentDoc, props: Record<string, unknown>, where: string): string | null {
  const known = doc.props.map((p) => p.name);
  for (const key of Object.keys(props)) {
    if (!doc.checksUnknownProps && !known.includes(key)) {
      return `<${doc.name}>: unknown prop "${key}" (${known.length ? `known props: ${known.join(', ')}` : 'it takes no props'})`;
    }
  }
  for (const p of doc.props) {
    const v = props[p.name];
    if (v === NOT_LITERAL) continue;
    if (v === undefined) {
      if (p.required) return `<${doc.name}>: prop "${p.name}" is missing (${p.doc})`;
      continue;
    }
    const problem = p.problem?.(v);
    if (problem) return `<${doc.name}>: prop "${p.name}" ${problem}`;
  }
  if (doc.check && !Object.values(props).includes(NOT_LITERAL)) {
    try {
      doc.check(props, where);
    } catch (e) {
      return (e as Error).message;
    }
  }
  return null;
}

const isElement = (n: { type: string }, name?: string): n is JsxNode & { type: string } =>
  (n.type === 'mdxJsxFlowElement' || n.type === 'mdxJsxTextElement') && (name === undefined || (n as JsxNode).name === name);

/** The order of an exercise's children: hints, then the solution; a code exercise's starter before both. */
function exerciseProblem(node: JsxNode, props: Record<string, unknown>, who: string): { message: string; at?: JsxNode['children'][number] } | null {
  const kids = node.children;
  const hints = kids.filter((k) => isElement(k, 'Hint'));
  const solutions = kids.filter((k) => isElement(k, 'Solution'));
  if (!hints.length) return { message: `${who}: needs at least one <Hint>…</Hint> inside it, before the <Solution>` };
  if (!solutions.length) return { message: `${who}: needs a <Solution>…</Solution> inside it, after the <Hint>s` };
  if (solutions.length > 1) return { message: `${who}: has ${solutions.length} <Solution>s; give it one`, at: solutions[1] };
  const late = hints.find((h) => kids.indexOf(h) > kids.indexOf(solutions[0]));
  if (late) return { message: `${who}: a <Hint> comes after the <Solution>; put the hints before the solution`, at: late };
  if (props.check !== undefined) {
    const first = Math.min(...[...hints, ...solutions].map((k) => kids.indexOf(k)));
    if (!kids.slice(0, first).some((k) => k.type === 'code' && /^(ts|typescript|js|javascript)$/.test(k.lang ?? ''))) {
      return { message: `${who}: a code exercise needs its starter code as a \`\`\`ts block in the prompt, before the <Hint>s` };
    }
  }
  return null;
}

export default function remarkCheckComponents() {
  return (tree: Root, file: VFile) => {
    const visit = (node: { type: string; children?: unknown[] }, inExercise: boolean) => {
      let inside = inExercise;
      if (isElement(node) && node.name) {
        const doc = COMPONENT_BY_NAME.get(node.name);
        if (doc && !doc.generated) {
          const where = whereIs(file, node);
          const props = elementProps(node);
          if (props) {
            const problem = propsProblem(doc, props, where);
            // Exercise's own messages start with the place already (exerciseFromProps names it).
            if (problem) file.fail(problem.startsWith(where) ? problem : `${where}: ${problem}`, node as never);
          }
          if ((doc.name === 'Hint' || doc.name === 'Solution') && !inExercise) {
            file.fail(`${where}: <${doc.name}> must be inside an <Exercise>`, node as never);
          }
          if (doc.name === 'Exercise') {
            const id = props && typeof props.id === 'string' ? ` id="${props.id}"` : '';
            const problem = exerciseProblem(node, props ?? {}, `<Exercise${id}>`);
            if (problem) {
              const at = problem.at ?? node;
              file.fail(`${whereIs(file, at)}: ${problem.message}`, at as never);
            }
            inside = true;
          }
        }
      }
      for (const child of (node.children ?? []) as { type: string; children?: unknown[] }[]) visit(child, inside);
    };
    visit(tree, false);
  };
}

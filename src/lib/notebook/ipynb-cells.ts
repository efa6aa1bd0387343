/**
 * The original notebook's cells, rebuilt from a page's MDX: its prose as markdown cells and its
 * ```python original blocks as code cells, in page order. The page's own runnable cells, imports and
 * expressions are left out; a component with a caption becomes a one-line note, a wrapper such as
 * <Hebrew> keeps its text, others are left out. The remark plugin calls `notebookCells` on the tree it
 * is given; ipynb.ts writes the result as the .ipynb file.
 */
import type { Code, Root, RootContent } from 'mdast';

export interface NotebookSourceCell {
  kind: 'markdown' | 'code';
  /** unique in the notebook: the page cell's id for code, md-N for markdown */
  id: string;
  source: string;
}

interface Positioned {
  type: string;
  position?: { start: { offset?: number }; end: { offset?: number } };
  children?: Positioned[];
  attributes?: { type: string; name?: string; value?: unknown }[];
}

const INLINE_JSX = new Set(['mdxJsxTextElement', 'mdxTextExpression']);
const LEFT_OUT = new Set(['mdxjsEsm', 'mdxFlowExpression', 'yaml', 'toml']);
// Flow content: a JSX element holding any of these wraps prose (keep it), not a widget.
const FLOW = new Set(['paragraph', 'heading', 'list', 'blockquote', 'math', 'code', 'table', 'thematicBreak']);

function stringAttribute(node: Positioned, name: string): string | undefined {
  const attr = node.attributes?.find((a) => a.type === 'mdxJsxAttribute' && a.name === name);
  return typeof attr?.value === 'string' && attr.value.trim() ? attr.value.trim() : undefined;
}

/** The node's source text, with inline JSX replaced by its text and inline expressions dropped. */
function sourceOf(node: Positioned, source: string): string {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return '';
  let out = '';
  let at = start;
  const cut = (n: Positioned) => {
    for (const child of n.children ?? []) {
      const s = child.position?.start.offset;
      const e = child.position?.end.offset;
      if (INLINE_JSX.has(child.type) && s !== undefined && e !== undefined) {
        out += source.slice(at, s) + (child.type === 'mdxJsxTextElement' ? innerText(child, source) : '');
        at = e;
      } else cut(child);
    }
  };
  cut(node);
  return (out + source.slice(at, end)).trim();
}

/** The text inside an inline JSX element (its children, nested JSX unwrapped). */
function innerText(node: Positioned, source: string): string {
  return (node.children ?? [])
    .map((c) => (c.type === 'mdxJsxTextElement' ? innerText(c, source) : INLINE_JSX.has(c.type) ? '' : sourceOf(c, source)))
    .join('');
}

/** A paragraph that is only JSX (a line such as <p>…</p>) counts as a component, not as prose. */
function onlyJsx(node: Positioned): boolean {
  const kids = node.children ?? [];
  return kids.some((c) => INLINE_JSX.has(c.type)) && kids.every((c) => INLINE_JSX.has(c.type) || (c.type === 'text' && !sourceIsText(c)));
}
const sourceIsText = (n: Positioned & { value?: unknown }) => typeof n.value === 'string' && n.value.trim() !== '';

export interface NotebookCellsOptions {
  /** the page's runnable cell blocks (left out of the notebook) */
  isCell: (node: Code) => boolean;
  /** ```python original block → the id of the cell it belongs to */
  originals: Map<Code, string>;
}

/** The notebook's cells, in page order, from the parsed MDX and its source text. */
export function notebookCells(tree: Root, source: string, { isCell, originals }: NotebookCellsOptions): NotebookSourceCell[] {
  const cells: NotebookSourceCell[] = [];
  let prose: string[] = [];
  let onlyHeadings = true; // a heading right under a heading stays in its cell
  let markdownCount = 0;
  const flush = () => {
    if (prose.length) cells.push({ kind: 'markdown', id: `md-${++markdownCount}`, source: prose.join('\n\n') });
    prose = [];
    onlyHeadings = true;
  };
  const add = (text: string, heading = false) => {
    if (!text) return;
    prose.push(text);
    onlyHeadings &&= heading;
  };
  const walk = (nodes: RootContent[]) => {
    for (const node of nodes) {
      if (node.type === 'code') {
        const id = originals.get(node);
        if (id !== undefined) {
          flush();
          cells.push({ kind: 'code', id, source: node.value });
        } else if (!isCell(node)) add(sourceOf(node, source));
        continue;
      }
      // MDX's node types (mdast-util-mdx) are read as plain objects.
      const n = node as Positioned;
      if (LEFT_OUT.has(n.type)) continue;
      const flowJsx = n.type === 'mdxJsxFlowElement';
      if (flowJsx && n.children?.some((c) => FLOW.has(c.type))) {
        walk(n.children as unknown as RootContent[]);
        continue;
      }
      const jsx = flowJsx ? [n] : n.type === 'paragraph' && onlyJsx(n) ? (n.children ?? []) : [];
      if (jsx.length) {
        for (const el of jsx) {
          const caption = stringAttribute(el, 'caption') ?? stringAttribute(el, 'alt');
          if (caption) add(`*Figure on the course page: ${caption}*`);
        }
        continue;
      }
      if (n.type === 'heading' && !onlyHeadings) flush();
      add(sourceOf(n, source), n.type === 'heading');
    }
  };
  walk(tree.children);
  flush();
  return cells;
}

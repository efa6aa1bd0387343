/**
 * Remark plugin (registered in astro.config.mjs): every ```ts cell … block becomes
 *   <NotebookCell id hash index [autorun] [hidden] [readonly] [optional] [original]>```ts … ```</NotebookCell>
 * and a <NotebookBar /> (Run all, Stop, Restart, status) goes before the first cell. The code
 * block stays inside, so Astro's Shiki step still highlights it at build time and the page reads
 * without JavaScript. The hash lets the page tell a saved edit was made against older code.
 *
 * A ```python original block right after a cell is that cell's PyTorch original
 * (pytorch-original.ts): it moves into the cell as <div slot="python">, highlighted by Shiki too.
 * On a page with any such block every cell gets `original` (tabs, with a note where a cell has no
 * counterpart), and the page's notebook (ipynb-cells.ts) goes to the `originalNotebook` field of
 * `remarkPluginFrontmatter`, for the .ipynb endpoint.
 */
import type { Code, Parent, Root } from 'mdast';
import type { VFile } from 'vfile';
import { parseCellMeta, type CellMeta } from './meta';
import { sourceHash } from './hash';
import { pairOriginals, type CodeAt } from './pytorch-original';
import { notebookCells } from './ipynb-cells';
import { whereIs } from '../mdx/where';

type Attr = { type: 'mdxJsxAttribute'; name: string; value: string | null };
const attr = (name: string, value: string | null = null): Attr => ({ type: 'mdxJsxAttribute', name, value });

function jsx(name: string, attributes: Attr[], children: unknown[] = []) {
  return { type: 'mdxJsxFlowElement', name, attributes, children } as unknown as Root['children'][number];
}

export default function remarkNotebookCells() {
  return (tree: Root, file: VFile) => {
    const found: CodeAt[] = [];
    const walk = (parent: Parent) => {
      parent.children.forEach((child, index) => {
        if (child.type === 'code') found.push({ node: child, parent, index });
        else if ('children' in child) walk(child as Parent);
      });
    };
    walk(tree);

    // The cells, their ids and options; a bad option or a duplicate id fails the build.
    const cells = new Map<Code, { meta: CellMeta; id: string }>();
    const ids = new Set<string>();
    for (const { node } of found) {
      let meta;
      try {
        meta = parseCellMeta(node.lang, node.meta);
      } catch (e) {
        file.fail(`${whereIs(file, node)}: ${(e as Error).message} (in a \`\`\`${node.lang} cell block)`, node);
      }
      if (!meta) continue;
      const id = meta.id ?? `cell-${cells.size + 1}`;
      if (ids.has(id)) file.fail(`${whereIs(file, node)}: two notebook cells have the id "${id}"; ids must be unique on a page`, node);
      ids.add(id);
      cells.set(node, { meta, id });
    }

    // The PyTorch originals: each right after its cell.
    const pairing = pairOriginals(found, (node) => cells.get(node)?.id);
    if (pairing.problem) file.fail(`${whereIs(file, pairing.problem.node)}: ${pairing.problem.message}`, pairing.problem.node);
    const hasOriginals = pairing.blocks.length > 0;
    if (hasOriginals) {
      const originals = new Map([...pairing.originals].map(([cell, python]) => [python, cells.get(cell)!.id]));
      const notebook = notebookCells(tree, String(file.value ?? ''), { isCell: (node) => cells.has(node), originals });
      const data = file.data as { astro?: { frontmatter?: Record<string, unknown> } };
      ((data.astro ??= {}).frontmatter ??= {}).originalNotebook = notebook;
    }

    let first: unknown;
    let index = 0;
    for (const { node, parent } of found) {
      const cell = cells.get(node);
      if (!cell) continue;
      const { meta, id } = cell;
      const attributes = [attr('id', id), attr('hash', sourceHash(node.value)), attr('index', String(++index))];
      for (const flag of ['autorun', 'hidden', 'readonly', 'optional'] as const) if (meta[flag]) attributes.push(attr(flag));
      if (hasOriginals) attributes.push(attr('original'));
      const children: unknown[] = [{ ...node, lang: meta.lang, meta: null } satisfies Code];
      const python = pairing.originals.get(node);
      if (python) children.push(jsx('div', [attr('slot', 'python')], [{ ...python, lang: 'python', meta: null } satisfies Code]));
      const at = parent.children.indexOf(node);
      parent.children.splice(at, python ? 2 : 1, jsx('NotebookCell', attributes, children) as Parent['children'][number]);
      first ??= { parent, node: parent.children[at] };
    }
    if (first) {
      const { parent, node } = first as { parent: Parent; node: Parent['children'][number] };
      parent.children.splice(parent.children.indexOf(node), 0, jsx('NotebookBar', []) as Parent['children'][number]);
    }
  };
}

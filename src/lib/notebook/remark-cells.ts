/**
 * Remark plugin (registered in astro.config.mjs): every ```ts cell … block becomes
 *   <NotebookCell id hash index [autorun] [hidden] [readonly] [optional]>```ts … ```</NotebookCell>
 * and a <NotebookBar /> (Run all, Stop, Restart, status) goes before the first cell. The code
 * block stays inside, so Astro's Shiki step still highlights it at build time and the page reads
 * without JavaScript. The hash lets the page tell a saved edit was made against older code.
 */
import type { Code, Parent, Root } from 'mdast';
import type { VFile } from 'vfile';
import { parseCellMeta } from './meta';
import { sourceHash } from './hash';

type Attr = { type: 'mdxJsxAttribute'; name: string; value: string | null };
const attr = (name: string, value: string | null = null): Attr => ({ type: 'mdxJsxAttribute', name, value });

function jsx(name: string, attributes: Attr[], children: unknown[] = []) {
  return { type: 'mdxJsxFlowElement', name, attributes, children } as unknown as Root['children'][number];
}

export default function remarkNotebookCells() {
  return (tree: Root, file: VFile) => {
    const found: { node: Code; parent: Parent; index: number }[] = [];
    const walk = (parent: Parent) => {
      parent.children.forEach((child, index) => {
        if (child.type === 'code') found.push({ node: child, parent, index });
        else if ('children' in child) walk(child as Parent);
      });
    };
    walk(tree);

    const ids = new Set<string>();
    let count = 0;
    let first: { parent: Parent; node: unknown } | undefined;
    for (const { node, parent, index } of found) {
      let meta;
      try {
        meta = parseCellMeta(node.lang, node.meta);
      } catch (e) {
        file.fail(`${(e as Error).message} (in a \`\`\`${node.lang} cell block)`, node);
      }
      if (!meta) continue;
      count++;
      const id = meta.id ?? `cell-${count}`;
      if (ids.has(id)) file.fail(`two notebook cells have the id "${id}"; ids must be unique on a page`, node);
      ids.add(id);
      const attributes = [attr('id', id), attr('hash', sourceHash(node.value)), attr('index', String(count))];
      for (const flag of ['autorun', 'hidden', 'readonly', 'optional'] as const) if (meta[flag]) attributes.push(attr(flag));
      const code: Code = { ...node, lang: meta.lang, meta: null };
      const cell = jsx('NotebookCell', attributes, [code]);
      parent.children[index] = cell as Parent['children'][number];
      first ??= { parent, node: cell };
    }
    if (first) {
      const at = first.parent.children.indexOf(first.node as Parent['children'][number]);
      first.parent.children.splice(at, 0, jsx('NotebookBar', []) as Parent['children'][number]);
    }
  };
}

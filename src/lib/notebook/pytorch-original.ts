/**
 * The PyTorch original of a runnable cell. The instructor writes the seed notebook's Python as a
 * fenced block right after the cell it belongs to:
 *
 *   ```ts cell id=lenet5        ← the cell that runs in the page
 *   …
 *   ```
 *   ```python original          ← the same step in the original notebook
 *   …
 *   ```
 *
 * The remark plugin (remark-cells.ts) pairs them here and shows the Python in the cell's
 * "PyTorch (the original notebook)" tab; ipynb-cells.ts and ipynb.ts make the downloadable notebook
 * from the same blocks.
 */
import type { Code, Parent } from 'mdast';

/** The info string's first word after the language; nothing else may follow it. */
export const ORIGINAL_WORD = 'original';
const PYTHON = new Set(['python', 'py']);

/** true for ```python original (or ```py original); other Python blocks stay static code. */
export function isOriginalBlock(lang: string | null | undefined, meta: string | null | undefined): boolean {
  if (!lang || !PYTHON.has(lang)) return false;
  const words = (meta ?? '').trim().split(/\s+/).filter(Boolean);
  if (words[0] !== ORIGINAL_WORD) return false;
  if (words.length > 1) throw new Error(`unknown option "${words[1]}" after \`\`\`${lang} original (it takes none)`);
  return true;
}

export interface CodeAt {
  node: Code;
  parent: Parent;
  index: number;
}

export interface Pairing {
  /** cell block → its ```python original block */
  originals: Map<Code, Code>;
  /** every ```python original block on the page, paired or not */
  blocks: Code[];
  /** the first problem found (a block with no cell right before it, or a second block for one cell) */
  problem?: { node: Code; message: string };
}

/**
 * Pairs each ```python original block with the cell block right before it (its previous sibling, so
 * nothing may stand between them). `cellName` tells cell blocks from other code and names them.
 */
export function pairOriginals(found: CodeAt[], cellName: (node: Code) => string | undefined): Pairing {
  const originals = new Map<Code, Code>();
  const blocks: Code[] = [];
  let problem: Pairing['problem'];
  const original = (node: Code) => {
    try {
      return isOriginalBlock(node.lang, node.meta);
    } catch (e) {
      problem ??= { node, message: (e as Error).message };
      return true;
    }
  };
  for (const { node, parent, index } of found) {
    if (!original(node)) continue;
    blocks.push(node);
    const before = parent.children[index - 1];
    const cell = before?.type === 'code' ? cellName(before) : undefined;
    if (before?.type === 'code' && cell !== undefined) {
      originals.set(before, node);
      continue;
    }
    if (problem) continue;
    if (before?.type === 'code' && original(before)) {
      const owner = found.find((f) => originals.get(f.node) === before);
      const name = owner ? cellName(owner.node) : undefined;
      problem = {
        node,
        message: `a second \`\`\`python original block${name ? ` for the cell "${name}"` : ''}; each cell has one PyTorch original`,
      };
    } else {
      problem = {
        node,
        message: 'a ```python original block must come right after the ```ts cell block it belongs to (nothing in between)',
      };
    }
  }
  return { originals, blocks, problem };
}

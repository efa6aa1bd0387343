/**
 * The original notebook as a Jupyter file: the cells from a page's MDX (ipynb-cells.ts) written as
 * nbformat 4.5, so it opens in Jupyter and Colab. The src/pages/workshops/[slug].ipynb.ts endpoint
 * turns the cells into the file with `toIpynb`.
 */
import type { NotebookSourceCell } from './ipynb-cells';

/** Jupyter's multiline string: one entry per line, each but the last ending in "\n". */
export function multilineSource(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
  return lines.map((line, i) => (i < lines.length - 1 ? `${line}\n` : line));
}

export interface Ipynb {
  cells: Record<string, unknown>[];
  metadata: Record<string, unknown>;
  nbformat: 4;
  nbformat_minor: 5;
}

/**
 * An nbformat 4.5 notebook (cell ids, no outputs), keys sorted as Jupyter writes them. A first
 * markdown cell gives the title and says where the notebook came from.
 */
export function toIpynb(cells: NotebookSourceCell[], { title, pageUrl }: { title: string; pageUrl: string }): Ipynb {
  const intro: NotebookSourceCell = {
    kind: 'markdown',
    id: 'title',
    source: `# ${title}\n\nThe original PyTorch notebook of this workshop, with the text of the course page ${pageUrl}. The page runs each step in the browser and has the interactive figures; here the code is the PyTorch original.`,
  };
  const ids = new Set<string>();
  const out = [intro, ...cells].map((cell) => {
    if (ids.has(cell.id)) throw new Error(`two notebook cells have the id "${cell.id}"`);
    ids.add(cell.id);
    const source = multilineSource(cell.source);
    return cell.kind === 'code'
      ? { cell_type: 'code', execution_count: null, id: cell.id, metadata: {}, outputs: [], source }
      : { cell_type: 'markdown', id: cell.id, metadata: {}, source };
  });
  return {
    cells: out,
    metadata: {
      kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' },
      language_info: {
        codemirror_mode: { name: 'ipython', version: 3 },
        file_extension: '.py',
        mimetype: 'text/x-python',
        name: 'python',
        nbconvert_exporter: 'python',
        pygments_lexer: 'ipython3',
      },
      title,
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

/** The file's text: JSON with one-space indents and a final newline, as Jupyter saves it. */
export function ipynbText(notebook: Ipynb): string {
  return `${JSON.stringify(notebook, null, 1)}\n`;
}

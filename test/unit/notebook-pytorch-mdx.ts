// Test support: runs the notebook remark plugin on MDX parsed as the site parses it (remark-math).
import { createProcessor } from '@mdx-js/mdx';
import remarkMath from 'remark-math';
import { VFile } from 'vfile';
import type { Root } from 'mdast';
import remarkNotebookCells from '../../src/lib/notebook/remark-cells';
import type { NotebookSourceCell } from '../../src/lib/notebook/ipynb-cells';

export function runPlugin(source: string, path = '/course/content/workshops/page.mdx') {
  const file = new VFile({ value: source, path, cwd: '/course' });
  const tree = createProcessor({ remarkPlugins: [remarkMath] }).parse(file) as Root;
  remarkNotebookCells()(tree, file);
  const frontmatter = (file.data as { astro?: { frontmatter?: { originalNotebook?: NotebookSourceCell[] } } }).astro?.frontmatter;
  return { tree, file, notebook: frontmatter?.originalNotebook };
}

/** An MDX file's body with its frontmatter blanked out (offsets kept), as Astro's MDX step does. */
export function mdxBody(text: string): string {
  const m = /^---\n[\s\S]*?\n---\n/.exec(text);
  return m ? m[0].replace(/[^\n]/g, ' ') + text.slice(m[0].length) : text;
}

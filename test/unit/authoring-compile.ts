// Compiles MDX the way the build does (remark-math, the component check, the notebook cells; the same
// plugins astro.config.mjs registers), without Astro: fast enough for a table of snippets.
import { compile } from '@mdx-js/mdx';
import remarkMath from 'remark-math';
import { VFile } from 'vfile';
import remarkCheckComponents from '../../src/lib/authoring/remark-check';
import remarkNotebookCells from '../../src/lib/notebook/remark-cells';

export const FAKE_ROOT = '/project';

/** Compiles `mdx` as the file content/{path}; resolves to null, or the build's error (message, line). */
export async function compileError(mdx: string, path = 'content/lectures/99-test.mdx'): Promise<{ message: string; line?: number } | null> {
  const file = new VFile({ value: mdx, path: `${FAKE_ROOT}/${path}`, cwd: FAKE_ROOT });
  try {
    await compile(file, { remarkPlugins: [remarkMath, remarkCheckComponents, remarkNotebookCells] });
    return null;
  } catch (e) {
    const err = e as { reason?: string; message: string; line?: number; place?: { line?: number; start?: { line: number } } };
    return { message: err.reason ?? err.message, line: err.line ?? err.place?.start?.line ?? err.place?.line };
  }
}

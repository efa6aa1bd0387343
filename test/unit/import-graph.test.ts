// src/lib's folders import each other without cycles, and nothing in src/lib imports from components or
// workers (scripts/import-graph.mjs reads the imports; src/lib/README.md states the rule).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { importGraph, importSpecifiers } from '../../scripts/import-graph.mjs';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');

describe('the import graph of src/', () => {
  const graph = importGraph(SRC);

  it('reads the folders of src/lib and the imports between them', () => {
    expect(graph.libEdges.length).toBeGreaterThan(20);
    expect(graph.libEdges).toContainEqual(expect.objectContaining({ from: 'lenet', to: 'torchlike' }));
  });

  it('has no cycle among the folders of src/lib', () => {
    expect(graph.cycles).toEqual([]);
  });

  it('has src/lib import nothing from src/components or src/workers', () => {
    expect(graph.outward).toEqual([]);
  });
});

describe('importGraph on a small project', () => {
  const root = mkdtempSync(join(tmpdir(), 'import-graph-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write('lib/a/one.ts', "import { two } from '../b/two';\nexport const one = () => two;\n");
  write('lib/b/two.ts', "export const two = 2;\nexport const late = () => import('../c');\n");
  write('lib/c/index.ts', "export { one } from '../a/one';\n// import { four } from '../d/four';\n");
  write('lib/d/four.ts', "import type { Three } from '../c/index.ts';\nimport '../../components/view';\n");
  write('lib/d/five.mjs', "import w from '../../workers/w.ts?worker';\n");
  write('components/view.ts', "import { one } from '../lib/a/one';\n");
  write('workers/w.ts', '');
  const graph = importGraph(root);

  it('finds each kind of import, and ignores one in a comment', () => {
    expect(graph.libEdges.map((e) => `${e.from}→${e.to}`)).toEqual(['a→b', 'b→c', 'c→a', 'd→c']);
    expect(graph.libEdges.find((e) => e.from === 'd')?.files).toEqual(['d/four.ts → c/index.ts']);
  });

  it('reports the cycle, once, from its smallest folder', () => {
    expect(graph.cycles).toEqual([['a', 'b', 'c', 'a']]);
    expect(graph.groups).toEqual([['a', 'b', 'c']]);
  });

  it('reports imports from lib into components and workers, and not the other way', () => {
    expect(graph.outward).toEqual([
      { from: 'lib/d/five.mjs', to: 'workers/w.ts' },
      { from: 'lib/d/four.ts', to: 'components/view.ts' },
    ]);
  });
});

describe('importSpecifiers', () => {
  it('reads static, re-export, side-effect and dynamic imports, and skips packages', () => {
    const text = "import a, { b } from './a';\nexport * from \"../b\";\nimport './c.css';\nconst d = await import( './d' );\nimport tf from '@tensorflow/tfjs';\n/* import x from './x'; */";
    expect(importSpecifiers(text)).toEqual(['./a', '../b', './c.css', './d']);
  });
});

#!/usr/bin/env node
// Builds the Pagefind search index of the built site (dist/pagefind/), after `astro build`. Pages mark
// what is indexed with data-pagefind-body (the article); drawings, widget controls, runnable cells and
// KaTeX's visual copy of each formula are left out so results quote the text. Anything else can opt out
// with data-pagefind-ignore. Usage: node scripts/build-search.mjs [dist]
import { close, createIndex } from 'pagefind';
import { resolve } from 'node:path';

const dist = resolve(process.argv[2] || process.env.DIST_DIR || 'dist');

const { index, errors } = await createIndex({
  excludeSelectors: [
    '.katex-html', // the MathML copy of each formula stays, so "y[n]" and friends are still found
    'annotation',
    'svg', // diagrams: their numbers are not words
    'nb-cell', // runnable cells: code, buttons and outputs (the prose around them is indexed)
    'fieldset', // widget controls
    'button',
    '[role="status"]',
  ],
});
if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
const added = await index.addDirectory({ path: dist });
if (added.errors.length) throw new Error(`pagefind: ${added.errors.join('; ')}`);
const written = await index.writeFiles({ outputPath: resolve(dist, 'pagefind') });
if (written.errors.length) throw new Error(`pagefind: ${written.errors.join('; ')}`);
await close();
console.log(`search: indexed ${added.page_count} pages into ${resolve(dist, 'pagefind')}`);

// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import remarkNotebookCells from './src/lib/notebook/remark-cells.ts';

// GitHub Pages sets these in the deploy workflow; the defaults serve the site locally.
const site = process.env.SITE_URL || 'http://localhost:4321';
const base = process.env.BASE_PATH || '/cnn-course/';

const processor = unified({
  remarkPlugins: [remarkMath, remarkNotebookCells],
  rehypePlugins: [[rehypeKatex, { strict: 'ignore', output: 'htmlAndMathml' }]],
});

export default defineConfig({
  site,
  base,
  trailingSlash: 'always',
  markdown: {
    processor,
    shikiConfig: { themes: { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' } },
  },
  integrations: [mdx({ processor })],
  vite: {
    worker: { format: 'es' },
    optimizeDeps: { exclude: ['@tensorflow/tfjs-backend-wasm'] },
  },
});

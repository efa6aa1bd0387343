// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import remarkNotebookCells from './src/lib/notebook/remark-cells.ts';
import remarkCheckComponents from './src/lib/authoring/remark-check.ts';
import { ISOLATION_HEADERS } from './src/lib/site/isolation.ts';
import { tfjsThreadPoolSize } from './src/lib/tfjs/thread-pool-size.ts';

// GitHub Pages sets these in the deploy workflow; the defaults serve the site locally.
const site = process.env.SITE_URL || 'http://localhost:4321';
const base = process.env.BASE_PATH || '/cnn-course/';

// KaTeX is pinned exactly in package.json, and `overrides` gives rehype-katex that same copy: the
// KaTeX CSS and fonts the pages load must be the version that wrote their math at build time.
const processor = unified({
  // remarkCheckComponents first: it checks what the author wrote, before the cells become components.
  remarkPlugins: [remarkMath, remarkCheckComponents, remarkNotebookCells],
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
  integrations: [
    mdx({ processor }),
    // Every course page; not the 404 page, the offline page the service worker shows, or the instructors'
    // authoring reference.
    sitemap({ filter: (page) => !/\/(404|offline|authoring)\/?$/.test(new URL(page).pathname) }),
  ],
  // `astro dev` is cross-origin isolated like the built site (where the service worker adds these).
  server: { headers: { ...ISOLATION_HEADERS } },
  vite: {
    server: { headers: { ...ISOLATION_HEADERS } },
    plugins: [tfjsThreadPoolSize()],
    worker: { format: 'es', plugins: () => [tfjsThreadPoolSize()] },
    // Dev server only. tfjs is served as the ES modules it ships (not pre-bundled): pre-bundling splits
    // its deep imports (register_all_gradients, chained ops) from the core and breaks its flag registry.
    // The rest is pre-bundled up front, so first use never makes Vite reload the page under a worker.
    optimizeDeps: {
      exclude: [
        '@tensorflow/tfjs-core', '@tensorflow/tfjs-layers', '@tensorflow/tfjs-backend-cpu',
        '@tensorflow/tfjs-backend-webgl', '@tensorflow/tfjs-backend-webgpu',
      ],
      include: [
        '@tensorflow/tfjs-backend-wasm',
        '@tensorflow/tfjs-core > seedrandom', '@tensorflow/tfjs-core > long',
        '@tensorflow/tfjs-backend-cpu > seedrandom', '@tensorflow/tfjs-layers > seedrandom',
        '@observablehq/plot', 'katex', 'sucrase', 'acorn',
        '@codemirror/view', '@codemirror/state', '@codemirror/language', '@codemirror/lang-javascript',
        '@codemirror/commands', '@lezer/highlight',
      ],
    },
  },
});

#!/usr/bin/env node
// Writes dist/sw.js after `astro build` and the search index: bundles src/workers/service-worker.ts
// with esbuild, then Workbox injects the precache list (every file the course needs offline, with a
// revision for each file whose name has no hash). Prints the precache size.
// Usage: node scripts/build-sw.mjs [dist]
import { build } from 'esbuild';
import { injectManifest } from 'workbox-build';
import { resolve } from 'node:path';

const dist = resolve(process.argv[2] || process.env.DIST_DIR || 'dist');
const swDest = resolve(dist, 'sw.js');

await build({
  entryPoints: ['src/workers/service-worker.ts'],
  outfile: swDest,
  bundle: true,
  format: 'iife',
  target: 'es2020',
  minify: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});

const { count, size, warnings } = await injectManifest({
  swSrc: swDest,
  swDest,
  globDirectory: dist,
  globPatterns: [
    '**/*.{html,js,mjs,css,json,svg,png,webmanifest,txt,xml,ipynb,wasm,bin,woff2}',
    'pagefind/**/*.{pf_meta,pf_index,pf_fragment,pagefind}',
  ],
  globIgnores: [
    'sw.js',
    'data/mnist/**', // MNIST has its own Cache API path (src/lib/mnist/cache.ts)
    'authoring/**', // the instructors' reference: read online while writing, not part of the course offline
    'pagefind/pagefind-*ui*', 'pagefind/pagefind-highlight.js', 'pagefind/playground/**', // the course has its own search box
  ],
  // Vite's and Pagefind's file names carry a content hash: no extra revision needed.
  dontCacheBustURLsMatching: /(^|\/)_astro\/|\.pf_(index|fragment)$|\.[0-9a-f]{10,}\.pf_meta$/,
  maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
});
for (const w of warnings) console.warn(`sw: ${w}`);
console.log(`sw: precaches ${count} files, ${(size / 1024 / 1024).toFixed(2)} MiB (${swDest})`);

#!/usr/bin/env node
// Serves dist/ under the base path the way GitHub Pages does: *.gz as application/gzip, no
// Content-Encoding, so tests see what students will see. Usage: node scripts/serve-dist.mjs [port]
// Every response is cross-origin isolated (COOP/COEP), as the site's service worker makes it on
// GitHub Pages: SharedArrayBuffer, and with it tfjs-wasm's threads, works only then.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const root = resolve(process.env.DIST_DIR || 'dist');
const base = process.env.BASE_PATH || '/cnn-course/';
const port = Number(process.argv[2] || process.env.PORT || 4400);
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.wasm': 'application/wasm',
  '.gz': 'application/gzip', '.bin': 'application/octet-stream', '.txt': 'text/plain',
};

async function resolveFile(urlPath) {
  let p = normalize(join(root, decodeURIComponent(urlPath)));
  if (!p.startsWith(root)) return null;
  try {
    if ((await stat(p)).isDirectory()) p = join(p, 'index.html');
    await stat(p);
    return p;
  } catch {
    return null;
  }
}

createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (!url.pathname.startsWith(base)) {
    res.writeHead(url.pathname === '/' ? 302 : 404, { Location: base, ...ISOLATION }).end('not found');
    return;
  }
  const file = await resolveFile(url.pathname.slice(base.length - 1));
  if (!file) {
    const notFound = await resolveFile('/404.html');
    res.writeHead(404, { 'Content-Type': types['.html'], ...ISOLATION });
    res.end(notFound ? await readFile(notFound) : 'not found');
    return;
  }
  const body = await readFile(file);
  res.writeHead(200, {
    'Content-Type': types[extname(file)] || 'application/octet-stream',
    'Content-Length': body.length,
    'Cache-Control': 'max-age=600',
    ...ISOLATION,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}).listen(port, '127.0.0.1', () => console.log(`serving ${root} at http://127.0.0.1:${port}${base}`));

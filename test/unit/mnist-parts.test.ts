// The loader's parts on their own: the gzip sniffing and gunzip, the size and SHA-256 checks, the
// Cache API store (gzip entries, and raw ones from an older cache), assembly into the splits, and
// the sharing of one load. Expected values come from node:zlib, node:crypto and literals.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { assemble } from '../../src/lib/mnist/assemble';
import { cacheKey, readCached, store } from '../../src/lib/mnist/cache';
import { MnistLoadError } from '../../src/lib/mnist/errors';
import { gunzip, isGzip } from '../../src/lib/mnist/gunzip';
import type { LoadedMnist, MnistProgress } from '../../src/lib/mnist/load-options';
import type { MnistManifest, MnistManifestFile } from '../../src/lib/mnist/manifest';
import { joinShared } from '../../src/lib/mnist/share';
import { hashMismatch, sizeMismatch } from '../../src/lib/mnist/verify';
import { idxBytes } from './idx-fixture';

const BASE = 'https://course.test/data/mnist/';
const ABC_SHA256 = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'; // FIPS 180-2's example
const abc = new TextEncoder().encode('abc');
const entryOf = (raw: Uint8Array, gz: Uint8Array): MnistManifestFile => ({
  file: 'x.bin', split: 'train', kind: 'labels', count: raw.length, shape: [raw.length],
  compressedBytes: gz.length, rawBytes: raw.length, sha256: createHash('sha256').update(raw).digest('hex'),
});

/** A Cache over a Map of URL → bytes; `refuse` makes put throw (over quota). */
function memoryCache(refuse = false) {
  const map = new Map<string, Uint8Array>();
  const cache = {
    match: async (k: string) => (map.has(k) ? new Response(map.get(k)!.slice()) : undefined),
    put: async (k: string, r: Response) => {
      if (refuse) throw new DOMException('quota', 'QuotaExceededError');
      map.set(k, new Uint8Array(await r.arrayBuffer()));
    },
    delete: async (k: string) => map.delete(k),
  } as unknown as Cache;
  return { cache, map };
}

describe('gunzip', () => {
  const raw = Uint8Array.from({ length: 5000 }, (_, i) => (i * 37) % 256);
  const gz = new Uint8Array(gzipSync(raw));

  it('tells gzip data by its magic bytes and method', () => {
    expect(isGzip(gz)).toBe(true);
    expect(isGzip(Uint8Array.of(0x1f, 0x8b))).toBe(false);
    expect(isGzip(Uint8Array.of(0x1f, 0x8b, 0x07))).toBe(false);
    expect(isGzip(Uint8Array.of(0, 0, 8, 3))).toBe(false); // an IDX header
  });

  it('gives the bytes node:zlib compressed, and counts more than the size without keeping them', () => {
    expect(gunzip(gz, 5000)).toEqual({ data: raw, length: 5000 });
    const small = gunzip(gz, 100);
    expect(small).toEqual({ data: raw.subarray(0, 100), length: 5000 });
    const big = gunzip(gz, 6000);
    expect(big.length).toBe(5000);
    expect(big.data).toEqual(raw);
  });

  it('throws on gzip data cut short or damaged', () => {
    expect(() => gunzip(gz.subarray(0, gz.length >> 1), 5000)).toThrow();
    const bad = gz.slice();
    bad.fill(0xff, 12, 40);
    expect(() => gunzip(bad, 5000)).toThrow();
  });
});

describe('verify', () => {
  const entry = entryOf(abc, abc);

  it('checks the size', () => {
    expect(entry.sha256).toBe(ABC_SHA256);
    expect(sizeMismatch(3, entry)).toBeNull();
    expect(sizeMismatch(4, entry)).toBe('it holds 4 bytes, the manifest says 3.');
  });

  it('checks the SHA-256, naming the first 12 hex digits of both', async () => {
    expect(await hashMismatch(abc, entry)).toBeNull();
    expect(await hashMismatch(abc, { ...entry, sha256: '0'.repeat(64) })).toBe('its SHA-256 is ba7816bf8f01…, the manifest says 000000000000….');
  });
});

describe('the Cache API store', () => {
  const raw = Uint8Array.from({ length: 3000 }, (_, i) => (i * 11) % 256);
  const gz = new Uint8Array(gzipSync(raw));
  const entry = entryOf(raw, gz);
  const key = `${BASE}sha256/${entry.sha256}`;

  it('keys a file by its raw bytes’ SHA-256', () => {
    expect(cacheKey(BASE, entry)).toBe(key);
  });

  it('reads a gzip entry and a raw entry (a cache from before gzip was kept) as the same raw bytes', async () => {
    const { cache, map } = memoryCache();
    map.set(key, gz);
    expect(await readCached(cache, BASE, entry)).toEqual(raw);
    map.set(key, raw.slice());
    expect(await readCached(cache, BASE, entry)).toEqual(raw);
  });

  it('drops a damaged entry, gzip or raw, and reads nothing without an entry or a cache', async () => {
    const { cache, map } = memoryCache();
    expect(await readCached(cache, BASE, entry)).toBeNull();
    expect(await readCached(null, BASE, entry)).toBeNull();
    const flipped = raw.slice();
    flipped[7] ^= 1;
    for (const bad of [flipped, raw.subarray(1), new Uint8Array(gzipSync(flipped))]) {
      map.set(key, bad);
      expect(await readCached(cache, BASE, entry)).toBeNull();
      expect(map.has(key)).toBe(false);
    }
  });

  it('stores bytes, and says false when the cache refuses or there is none', async () => {
    const { cache, map } = memoryCache();
    expect(await store(cache, key, gz)).toBe(true);
    expect(map.get(key)).toEqual(gz);
    expect(await store(memoryCache(true).cache, key, gz)).toBe(false);
    expect(await store(null, key, gz)).toBe(false);
  });
});

describe('assemble', () => {
  const file = (shape: number[]) => ({ file: 'f.bin', shape }) as MnistManifestFile;
  const manifest = (trainCount: number) =>
    ({ files: { 'train-images': file([trainCount, 2, 2]), 'train-labels': file([trainCount]), 'test-images': file([1, 2, 2]), 'test-labels': file([1]) } }) as MnistManifest;
  const raw = {
    'train-images': idxBytes([2, 2, 2], (i) => i), 'train-labels': idxBytes([2], (i) => 7 + i),
    'test-images': idxBytes([1, 2, 2], () => 255), 'test-labels': idxBytes([1], () => 3),
  };

  it('parses the four files into the train and test splits', () => {
    const m = assemble(manifest(2), raw);
    expect(m.train).toMatchObject({ name: 'train', count: 2, rows: 2, cols: 2 });
    expect(Array.from(m.train.images.unpack())).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(Array.from(m.train.labels)).toEqual([7, 8]);
    expect(Array.from(m.test.images.unpack())).toEqual([255, 255, 255, 255]);
    expect(Array.from(m.test.labels)).toEqual([3]);
  });

  it('says which split does not match the manifest', () => {
    const err = (() => {
      try {
        assemble(manifest(3), raw);
      } catch (e) {
        return e;
      }
    })() as MnistLoadError;
    expect(err).toBeInstanceOf(MnistLoadError);
    expect(err.kind).toBe('format');
    expect(err.message).toBe('MNIST train data is malformed: train-images is [2, 2, 2], the manifest says [3, 2, 2]');
    expect(() => assemble(manifest(2), { ...raw, 'test-labels': idxBytes([2], () => 1) })).toThrow('MNIST test data is malformed: test has 1 images but 2 labels');
  });
});

describe('joinShared', () => {
  const progress = (loadedBytes: number): MnistProgress => ({ stage: 'download', loadedBytes, totalBytes: 10, transferredBytes: loadedBytes });

  it('starts one load for a base, and a caller who joins late hears the progress so far at once', async () => {
    let starts = 0;
    let report!: (p: MnistProgress) => void;
    let finish!: (m: LoadedMnist) => void;
    const start = (_s: AbortSignal, onProgress: (p: MnistProgress) => void) => {
      starts++;
      report = onProgress;
      return new Promise<LoadedMnist>((r) => (finish = r));
    };
    const base = `${BASE}share-1/`;
    const early: number[] = [];
    const a = joinShared(base, { onProgress: (p) => early.push(p.loadedBytes) }, start);
    report(progress(4));
    const late: number[] = [];
    const b = joinShared(base, { onProgress: (p) => late.push(p.loadedBytes) }, start);
    report(progress(7));
    const data = {} as LoadedMnist;
    finish(data);
    expect(await a).toBe(data);
    expect(await b).toBe(data);
    expect(starts).toBe(1);
    expect(early).toEqual([4, 7]);
    expect(late).toEqual([4, 7]);
  });

  it('refuses a caller already stopped, and aborts the load when its only caller stops', async () => {
    const base = `${BASE}share-2/`;
    const stoppedAlready = new AbortController();
    stoppedAlready.abort();
    const never = () => new Promise<LoadedMnist>(() => {});
    await expect(joinShared(base, { signal: stoppedAlready.signal }, never)).rejects.toThrow('Loading MNIST was stopped.');
    let loadSignal!: AbortSignal;
    const ctrl = new AbortController();
    const p = joinShared(base, { signal: ctrl.signal }, (s) => ((loadSignal = s), never()));
    expect(loadSignal.aborted).toBe(false);
    ctrl.abort();
    await expect(p).rejects.toMatchObject({ kind: 'aborted' });
    expect(loadSignal.aborted).toBe(true);
  });
});

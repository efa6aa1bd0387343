// RandomState against NumPy's legacy RandomState (values printed by NumPy 2.4 and the shared reference).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NOTEBOOK_SPLIT, RandomState, epochOrder, notebookSplit } from '../../src/lib/random';
import { reference } from './conv-reference';

const perm = (reference as unknown as { permutation: PermRef }).permutation;
interface PermRef {
  seed: number; n: number; validation: number; first: number[]; last: number[];
  sha256Int32LE: string; validationSortedSha256Int32LE: string;
}

const sha = (a: Int32Array) => createHash('sha256').update(new Uint8Array(Int32Array.from(a).buffer)).digest('hex');
const range = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

describe('RandomState (MT19937, NumPy legacy seeding)', () => {
  it('gives NumPy\'s raw 32-bit stream for seed 0 (randint(0, 2**32, dtype=uint64))', () => {
    const r = new RandomState(0);
    expect(Array.from({ length: 5 }, () => r.nextUint32())).toEqual([2357136044, 2546248239, 3071714933, 3626093760, 2588848963]);
  });

  it('gives NumPy\'s random_sample for seed 12345', () => {
    const r = new RandomState(12345);
    expect([r.randomSample(), r.randomSample(), r.randomSample()]).toEqual([0.9296160928171479, 0.3163755545817859, 0.18391881167709445]);
  });

  it('permutation(60000) with seed 0 matches the NumPy reference exactly', () => {
    const p = new RandomState(perm.seed).permutation(perm.n);
    expect(p.length).toBe(perm.n);
    expect(Array.from(p.subarray(0, perm.first.length))).toEqual(perm.first);
    expect(Array.from(p.subarray(perm.n - perm.last.length))).toEqual(perm.last);
    expect(sha(p)).toBe(perm.sha256Int32LE);
  });

  it('matches NumPy for array seeds (init_by_array), the largest seed, and shuffle', () => {
    expect(Array.from(new RandomState([7, 3]).permutation(10))).toEqual([7, 4, 1, 6, 8, 3, 5, 2, 9, 0]);
    expect(Array.from(new RandomState(2 ** 32 - 1).permutation(20))).toEqual([11, 17, 19, 15, 1, 5, 8, 16, 13, 18, 14, 9, 10, 6, 0, 4, 7, 12, 2, 3]);
    expect(Array.from(new RandomState(new Array(700).fill(1)).permutation(12))).toEqual([0, 10, 9, 8, 6, 3, 2, 11, 5, 7, 1, 4]);
    expect(new RandomState(5).shuffle([0, 1, 2, 3, 4, 5, 6])).toEqual([6, 2, 4, 1, 0, 5, 3]);
  });

  it('interval(max) stays within [0, max] and handles the edges', () => {
    const r = new RandomState(1);
    expect(r.interval(0)).toBe(0);
    for (const max of [1, 2, 3, 7, 8, 1000, 2 ** 31, 2 ** 32 - 1]) {
      for (let k = 0; k < 200; k++) {
        const v = r.interval(max);
        expect(Number.isInteger(v) && v >= 0 && v <= max).toBe(true);
      }
    }
  });

  it('rejects bad seeds and sizes with a RangeError that says why', () => {
    expect(() => new RandomState(-1)).toThrow(/seed must be an integer between 0 and 2\*\*32 - 1/);
    expect(() => new RandomState(1.5)).toThrow(RangeError);
    expect(() => new RandomState(2 ** 32)).toThrow(RangeError);
    expect(() => new RandomState([])).toThrow(/non-empty/);
    expect(() => new RandomState([1, -2])).toThrow(/seed\[1\]/);
    expect(() => new RandomState(0).permutation(-3)).toThrow(/permutation length/);
  });
});

describe('the notebook split', () => {
  const split = notebookSplit();

  it('is 58,976 train + the last 1,024 of RandomState(0).permutation(60000)', () => {
    expect(split.train.length).toBe(58976);
    expect(split.validation.length).toBe(NOTEBOOK_SPLIT.validation);
    expect(Array.from(split.validation.subarray(-perm.last.length))).toEqual(perm.last);
    expect(Array.from(split.train.subarray(0, perm.first.length))).toEqual(perm.first);
    const sortedVal = Int32Array.from(split.validation).sort();
    expect(sha(sortedVal)).toBe(perm.validationSortedSha256Int32LE);
  });

  it('is disjoint and covers 0..59999 exactly once', () => {
    const seen = new Uint8Array(60000);
    for (const i of split.train) seen[i]++;
    for (const i of split.validation) seen[i]++;
    expect(seen.every((c) => c === 1)).toBe(true);
    const val = new Set(split.validation);
    expect(split.train.some((i) => val.has(i))).toBe(false);
  });

  it('rejects a validation size that does not fit', () => {
    expect(() => notebookSplit(100, { validation: 101 })).toThrow(/validation size/);
  });
});

describe('epochOrder (seeded per-epoch shuffle)', () => {
  it('equals np.random.RandomState([seed, epoch]).permutation for 0..n-1', () => {
    const order = epochOrder(range(60000), 0, 1);
    expect(Array.from(order.subarray(0, 8))).toEqual([49028, 13561, 29070, 57508, 45142, 36096, 18021, 14065]);
    expect(sha(order)).toBe('76c204bbabda5485de2dd09c34f0412c5f349602e1b98df51239ba0c5f88a4ff');
  });

  it('is a reproducible permutation of its input, different per epoch, leaving the input alone', () => {
    const { train } = notebookSplit();
    const before = sha(train);
    const e0 = epochOrder(train, 42, 0);
    expect(sha(train)).toBe(before);
    expect(sha(epochOrder(train, 42, 0))).toBe(sha(e0));
    expect(sha(epochOrder(train, 42, 1))).not.toBe(sha(e0));
    expect(sha(Int32Array.from(e0).sort())).toBe(sha(Int32Array.from(train).sort()));
    expect(() => epochOrder(train, 42, -1)).toThrow(RangeError);
  });
});

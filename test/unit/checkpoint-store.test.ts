// The notebook's checkpoints in IndexedDB (an in-memory IndexedDB here): one record per run, under
// the run's own key, the latest first, and nothing else mistaken for a checkpoint.
import { describe, expect, it } from 'vitest';
import { IDBCursor, IDBDatabase, IDBFactory, IDBIndex, IDBObjectStore, IDBRequest, IDBTransaction } from 'fake-indexeddb';
import { CheckpointStore } from '../../src/lib/workshop/checkpoint-store';
import type { TrainCheckpoint } from '../../src/lib/workshop/protocol';

// idb (the store's library) checks values against the global IDB classes; `indexedDB` itself stays unset.
Object.assign(globalThis, { IDBCursor, IDBDatabase, IDBIndex, IDBObjectStore, IDBRequest, IDBTransaction });

const cp = (key: string, step: number, savedAt: string): TrainCheckpoint => ({
  key, cell: key.split('/')[0], label: key.split('/')[1], step, savedAt, stepsPerEpoch: 47, totalSteps: 940,
  weights: { format: 'lenet5-f32', version: 1, specs: [], data: new Float32Array([1, 2, 3]), info: { source: 'trained', steps: step, epochs: step / 47, savedAt } },
  config: { alpha: 0.1, epochs: 20 },
  history: { trainLosses: [2.3, 2.2], valLosses: [2.3], valSteps: [0] },
});

describe('CheckpointStore', () => {
  it('keeps each run under its own key and gives back the one asked for, and the latest', async () => {
    const store = new CheckpointStore(new IDBFactory());
    await store.save(cp('training/α = 0.1', 73, '2026-11-30T10:00:00Z'));
    await store.save(cp('lr-sweep/α = 1', 922, '2026-11-30T09:00:00Z'));
    await store.save(cp('training/α = 0.1', 120, '2026-11-30T11:00:00Z'));
    expect((await store.load('training/α = 0.1'))?.step).toBe(120);
    expect((await store.load('lr-sweep/α = 1'))?.step).toBe(922);
    expect(await store.load('nothing/here')).toBeUndefined();
    expect((await store.list()).map((c) => c.key)).toEqual(['training/α = 0.1', 'lr-sweep/α = 1']);
    expect((await store.latest())?.step).toBe(120);
    expect((await store.load('training/α = 0.1'))?.weights.data).toEqual(new Float32Array([1, 2, 3]));
    await store.clearAll();
    expect(await store.latest()).toBeUndefined();
  });

  it('rejects a write the browser refuses, and goes on working (vitest fails on any unobserved rejection)', async () => {
    const store = new CheckpointStore(new IDBFactory());
    const unclonable = { ...cp('training/α = 0.1', 5, '2026-11-30T10:00:00Z'), onProgress: () => {} };
    await expect(store.save(unclonable)).rejects.toThrow();
    await store.save(cp('training/α = 0.1', 6, '2026-11-30T10:00:00Z'));
    expect((await store.latest())?.step).toBe(6);
  });

  it('says plainly when the browser has no IndexedDB', async () => {
    const store = new CheckpointStore(undefined);
    expect(store.available).toBe(false);
    await expect(store.save(cp('training/α = 0.1', 1, '2026-11-30T10:00:00Z'))).rejects.toThrow(/offers no IndexedDB/);
  });
});

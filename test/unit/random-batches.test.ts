// The batcher: shapes, scaling, labels, the partial last batch, and no leaked tensors.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchCount, batches, toTensors, type ImageSource } from '../../src/lib/random';
import { PackedImages } from '../../src/lib/mnist';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** n tiny 28×28 images whose pixels all equal (i * 37) % 256, labelled i % 10. */
function fakeSource(n: number): ImageSource {
  const images = new Uint8Array(n * 784);
  for (let i = 0; i < n; i++) images.fill((i * 37) % 256, i * 784, (i + 1) * 784);
  return { images: PackedImages.pack(images, 784), labels: Uint8Array.from({ length: n }, (_, i) => i % 10), rows: 28, cols: 28 };
}

describe('batches', () => {
  const source = fakeSource(200);
  const order = Int32Array.from({ length: 150 }, (_, k) => 199 - k);

  it('yields [64,28,28,1] batches and a partial last batch, with matching one-hot labels', () => {
    const seen: { shape: number[]; ys: number[]; first: number; label: number; index: number }[] = [];
    for (const b of batches(tf, source, order)) {
      const first = tf.tidy(() => tf.slice(b.xs, [0, 0, 0, 0], [1, 1, 1, 1]).dataSync()[0]);
      seen.push({ shape: b.xs.shape, ys: b.ys.shape, first, label: b.labels[0], index: b.index });
      expect(b.xs.dtype).toBe('float32');
      expect(Array.from(tf.tidy(() => tf.argMax(b.ys, 1).dataSync()))).toEqual(Array.from(b.labels));
      expect(b.indices[0]).toBe(order[b.index * 64]);
    }
    expect(seen.map((s) => s.shape)).toEqual([[64, 28, 28, 1], [64, 28, 28, 1], [22, 28, 28, 1]]);
    expect(seen.map((s) => s.ys)).toEqual([[64, 10], [64, 10], [22, 10]]);
    expect(seen[1].first).toBeCloseTo(((order[64] * 37) % 256) / 255, 6);
    expect(seen[1].label).toBe(order[64] % 10);
    expect(batchCount(order.length)).toBe(3);
    expect(batchCount(58976)).toBe(922);
  });

  it('keeps pixels in [0, 1] and gives int32 labels when oneHot is false', () => {
    const { xs, ys } = toTensors(tf, source, [3, 7, 6], { oneHot: false });
    expect(ys.dtype).toBe('int32');
    expect(Array.from(ys.dataSync())).toEqual([3, 7, 6]);
    expect(tf.tidy(() => tf.max(xs).dataSync()[0])).toBeLessThanOrEqual(1);
    expect(tf.tidy(() => tf.min(xs).dataSync()[0])).toBeGreaterThanOrEqual(0);
    tf.dispose([xs, ys]);
  });

  it('leaves tf.memory() unchanged after a full pass and after breaking out early', () => {
    const before = tf.memory().numTensors;
    let n = 0;
    for (const b of batches(tf, source, order, { batchSize: 32 })) n += b.labels.length;
    expect(n).toBe(150);
    expect(tf.memory().numTensors).toBe(before);
    for (const b of batches(tf, source, order)) {
      if (b.index === 1) break;
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(() => {
      for (const b of batches(tf, source, order)) if (b.index === 0) throw new Error('stop');
    }).toThrow('stop');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bad indices and batch sizes without leaking', () => {
    const before = tf.memory().numTensors;
    expect(() => [...batches(tf, source, [0, 200])]).toThrow(/image index 200/);
    expect(() => [...batches(tf, source, [0], { batchSize: 0 })]).toThrow(/batchSize/);
    expect(tf.memory().numTensors).toBe(before);
  });
});

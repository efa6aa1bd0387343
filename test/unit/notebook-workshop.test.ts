import { describe, expect, it, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { Dataset, DataLoader, ImageList, lossPlotSpec, mean, makeWorkshopHelpers } from '../../src/lib/notebook/workshop-helpers';
import { useTf, Linear, seeded } from '../../src/lib/torchlike';
import type { WorkshopHost } from '../../src/lib/workshop/host';
import { PackedImages, type MnistSplit } from '../../src/lib/mnist';
import type { Output } from '../../src/lib/notebook/protocol';
import { imagesOutput, valueOutput } from '../../src/lib/notebook/display';

/** 10 tiny 2×2 "digits": image i has every pixel = 10·i, label i. */
const split: MnistSplit = {
  name: 'train', count: 10, rows: 2, cols: 2,
  images: PackedImages.pack(Uint8Array.from({ length: 40 }, (_, p) => Math.floor(p / 4) * 10), 4),
  labels: Uint8Array.from({ length: 10 }, (_, i) => i),
};

beforeAll(async () => {
  await tf.setBackend('cpu');
  useTf(tf);
});

/** The helpers with a sink that records outputs (no host needed for these). */
const helpersFor = (sink: Parameters<typeof makeWorkshopHelpers>[0]['sink']) =>
  makeWorkshopHelpers({ sink, host: {} as WorkshopHost, run: () => ({ cell: 'c', resume: false }), yieldToMessages: async () => {}, runs: new Set() });

describe('workshop helpers for cells', () => {
  it('Dataset exposes count, size, plain-number labels and the pixel range', () => {
    const d = new Dataset(split);
    expect([d.count, d.rows, d.cols, d.length]).toEqual([10, 2, 2, 10]);
    expect(d.labels.slice(0, 3).map((l) => `Label: ${l}`)).toEqual(['Label: 0', 'Label: 1', 'Label: 2']);
    expect(d.min()).toBe(0);
    expect(d.max()).toBeCloseTo(90 / 255);
  });

  it('ImageList slices without copying and scales to [0, 1]', () => {
    const imgs = new Dataset(split).images.slice(3, 5);
    expect(imgs).toBeInstanceOf(ImageList);
    expect(imgs.length).toBe(2);
    expect(Array.from(imgs.at(1))).toEqual([40 / 255, 40 / 255, 40 / 255, 40 / 255].map((v) => Math.fround(v)));
    const t = imgs.toTensor();
    expect(t.shape).toEqual([2, 2, 2, 1]);
    t.dispose();
  });

  it('DataLoader yields [images, int32 labels] batches over its indices, reshuffling each pass, freeing each batch', () => {
    const before = tf.memory().numTensors;
    const loader = new DataLoader(new Dataset(split), { batchSize: 4, indices: [9, 8, 7, 6, 5], shuffle: true });
    expect(loader.length).toBe(2);
    const pass = () => {
      const labels: number[] = [];
      for (const [xs, ys] of loader) {
        expect(xs.shape.slice(1)).toEqual([2, 2, 1]);
        expect(ys.dtype).toBe('int32');
        labels.push(...ys.dataSync());
      }
      return labels;
    };
    const a = pass();
    const b = pass();
    expect([...a].sort()).toEqual([5, 6, 7, 8, 9]);
    expect([...b].sort()).toEqual([5, 6, 7, 8, 9]);
    expect(a).not.toEqual(b); // seeded reshuffle per pass (RandomState([0, pass]))
    expect(tf.memory().numTensors).toBe(before);
  });

  it('an unshuffled loader keeps order; bad batch sizes are refused', () => {
    const loader = new DataLoader(new Dataset(split), { batchSize: 3 });
    const it = loader[Symbol.iterator]();
    const first = it.next().value!;
    expect(Array.from(first[1].dataSync())).toEqual([0, 1, 2]);
    it.return(undefined);
    expect(first[0].isDisposed).toBe(true);
    expect(() => new DataLoader(new Dataset(split), { batchSize: 0 })).toThrow(/batchSize/);
    expect(() => new DataLoader(new Dataset(split), { fraction: 0 })).toThrow(/fraction/);
    // fraction: the notebook's epochScale; seek: where a resumed run continues.
    const short = new DataLoader(new Dataset(split), { batchSize: 2, fraction: 0.5 });
    expect(short.length).toBe(3);
    short.seek(4); // pass 1, batch 1
    const seen: number[][] = [];
    for (const [, y] of short) seen.push(Array.from(y.dataSync()));
    expect(seen).toEqual([[2, 3], [4, 5]]);
  });

  it('a real tfjs tensor displays its dtype, shape and values as print() does, and draws as images', () => {
    const t = tf.tensor2d([[1, 2], [3, 4]], [2, 2], 'int32');
    expect(valueOutput(t)).toEqual({ kind: 'tensor', dtype: 'int32', shape: [2, 2], text: '[[1, 2],\n [3, 4]]' });
    const imgs = tf.tensor4d(new Float32Array(8).fill(0.5), [2, 2, 2, 1]);
    const out = imagesOutput(imgs);
    expect(out.kind === 'images' && out.images.map((i) => [i.width, i.height, i.pixels[0]])).toEqual([[2, 2, 128], [2, 2, 128]]);
    tf.dispose([t, imgs]);
  });

  it('mean and the loss figure spec', () => {
    expect(mean([1, 2, 3])).toBe(2);
    expect(mean([])).toBeNaN();
    const spec = lossPlotSpec({ title: 'α=0.1', lossTrainList: [2, 1.5, 1], lossValidationList: [2.1], validationSteps: [0], yDomain: [0, 5] });
    expect(spec.title).toBe('α=0.1');
    expect((spec.y as { domain: number[] }).domain).toEqual([0, 5]);
    const rows = spec.marks[0].data as { series: string }[];
    expect(rows.filter((r) => r.series === 'Train')).toHaveLength(3);
    expect(rows.filter((r) => r.series === 'Validation')).toHaveLength(1);
    expect(() => structuredClone(spec)).not.toThrow();
  });

  it('showImages, printMath and predict send outputs to the cell', async () => {
    const outputs: Output[] = [];
    const sink = { add: (o: Output) => (outputs.push(o), `d${outputs.length}`), update: () => {}, remove: () => {}, signal: () => new AbortController().signal };
    const h = helpersFor(sink);
    const d = new Dataset(split);
    h.showImages(d.images.slice(0, 3), { columns: 3, titles: ['a', 'b', 'c'], colors: ['black', 'red', 'black'] });
    h.printMath('N=$$10$$');
    expect(outputs[0]).toMatchObject({ kind: 'images', columns: 3 });
    expect(outputs[0].kind === 'images' && outputs[0].images.map((i) => [i.caption, !!i.wrong])).toEqual([['a', false], ['b', true], ['c', false]]);
    expect(outputs[1]).toEqual({ kind: 'mathtext', text: 'N=$$10$$' });
    // A one-layer network whose argmax is fixed by its bias: every image → class 7.
    const net = seeded(0, () => new Linear({ inFeatures: 4, outFeatures: 10 }));
    net.weight.assign(tf.zeros([4, 10]));
    net.bias.assign(tf.cast(tf.reshape(tf.oneHot(tf.tensor1d([7], 'int32'), 10), [10]), 'float32'));
    expect(await h.predict(net, d.images.slice(0, 4))).toEqual([7, 7, 7, 7]);
    await expect(h.predict({} as never, d.images.slice(0, 1))).rejects.toThrow(/net must be a network/);
  });
});

// The batcher's one pixel buffer on the wasm backend (which copies a tensor's values into its heap at
// once): a batch made later never changes one made before, and on the cpu backend (which keeps the
// array it is given) every batch has its own array.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTf, type TF } from '../../src/lib/tfjs/backends';
import { toTensors, type ImageSource } from '../../src/lib/random';
import { PackedImages } from '../../src/lib/mnist';

let tf: TF;
beforeAll(async () => {
  tf = await loadTf({ backends: ['wasm', 'cpu'] });
});

const source: ImageSource = {
  images: PackedImages.pack(Uint8Array.from({ length: 4 * 784 }, (_, i) => Math.floor(i / 784) * 50), 784),
  labels: Uint8Array.from([0, 1, 2, 3]),
  rows: 28,
  cols: 28,
};

describe.each(['wasm', 'cpu'])('toTensors on the %s backend', (backend) => {
  it('keeps each batch its own pixels while later batches are made', async () => {
    expect(await tf.setBackend(backend)).toBe(true);
    const a = toTensors(tf, source, [1, 2], { oneHot: false });
    const b = toTensors(tf, source, [3, 0], { oneHot: false });
    const firstPixel = (t: typeof a.xs) => Array.from(tf.tidy(() => tf.reshape(t, [2, 784]).slice([0, 0], [2, 1]).dataSync()));
    expect(firstPixel(a.xs).map((v) => Math.round(v * 255))).toEqual([50, 100]);
    expect(firstPixel(b.xs).map((v) => Math.round(v * 255))).toEqual([150, 0]);
    tf.dispose([a.xs, a.ys, b.xs, b.ys]);
  });
});

// Evaluation of a trained LeNet-5: test misclassification rate, class probabilities for given
// images, and the C1/C3 feature maps of one image (channels first, as the lecture draws them).
import type * as tfc from '@tensorflow/tfjs-core';
import type { PackedImages } from '../mnist/packed-images';
import { forward, forwardAll, type LeNetModel } from './model';

export interface Evaluation {
  /** Misclassification rate: mistakes / total. */
  testError: number;
  mistakes: number;
  total: number;
  /** Predicted class of every image. */
  predictions: Uint8Array;
}

/**
 * Classify packed 28×28 images (one label each) in chunks; no tensor outlives a chunk. A chunk
 * of 250 keeps the wasm heap, which never shrinks, about 30 MB smaller than 1,000 would, at the same speed.
 */
export async function evaluate(model: LeNetModel, images: PackedImages, labels: Uint8Array, chunk = 250): Promise<Evaluation> {
  const { tf } = model;
  const total = labels.length;
  if (images.size !== 784 || images.count !== total) throw new RangeError(`evaluate: ${images.count} images of ${images.size} pixels are not ${total} 28×28 images`);
  const predictions = new Uint8Array(total);
  const pixels = new Float32Array(chunk * 784);
  for (let start = 0; start < total; start += chunk) {
    const n = Math.min(chunk, total - start);
    for (let k = 0; k < n; k++) images.scaleTo(start + k, pixels, k * 784);
    const cls = tf.tidy(() => tf.argMax(forward(model, tf.tensor4d(pixels.subarray(0, n * 784), [n, 28, 28, 1])), 1));
    predictions.set(await cls.data(), start);
    cls.dispose();
  }
  let mistakes = 0;
  for (let i = 0; i < total; i++) if (predictions[i] !== labels[i]) mistakes++;
  return { testError: mistakes / total, mistakes, total, predictions };
}

function checkImages(images: Float32Array, n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`predict: n must be a positive integer, got ${n}`);
  if (images.length !== n * 784) throw new RangeError(`predict: expected ${n * 784} pixels (${n} × 28 × 28), got ${images.length}`);
  for (let i = 0; i < images.length; i++)
    if (!(images[i] >= 0 && images[i] <= 1)) throw new RangeError(`predict: pixel ${i} is ${images[i]}, expected a value in [0, 1]`);
}

/** Softmax probabilities [n × 10] and the most likely class of each of `n` images in [0,1]. */
export async function predict(model: LeNetModel, images: Float32Array, n: number): Promise<{ classes: number[]; probabilities: Float32Array }> {
  checkImages(images, n);
  const { tf } = model;
  const probs = tf.tidy(() => tf.softmax(forward(model, tf.tensor4d(images, [n, 28, 28, 1]))));
  const probabilities = (await probs.data()) as Float32Array;
  probs.dispose();
  const classes: number[] = [];
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < 10; c++) if (probabilities[i * 10 + c] > probabilities[i * 10 + best]) best = c;
    classes.push(best);
  }
  return { classes, probabilities };
}

export interface FeatureMap {
  channels: number;
  height: number;
  width: number;
  /** channels × height × width, channels first. */
  data: Float32Array;
}

/** C1 (6@28×28) and C3 (16@10×10) activations after ReLU for one image in [0,1]. */
export async function featureMaps(model: LeNetModel, image: Float32Array): Promise<{ c1: FeatureMap; c3: FeatureMap }> {
  checkImages(image, 1);
  const { tf } = model;
  const [c1, c3] = tf.tidy(() => {
    const a = forwardAll(model, tf.tensor4d(image, [1, 28, 28, 1]));
    return [tf.transpose(a.c1, [0, 3, 1, 2]), tf.transpose(a.c3, [0, 3, 1, 2])] as tfc.Tensor4D[];
  });
  const out = {
    c1: { channels: 6, height: 28, width: 28, data: (await c1.data()) as Float32Array },
    c3: { channels: 16, height: 10, width: 10, data: (await c3.data()) as Float32Array },
  };
  tf.dispose([c1, c3]);
  return out;
}

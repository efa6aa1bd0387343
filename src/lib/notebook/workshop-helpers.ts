/**
 * The workshop's helpers, available in every cell (the notebook's torchvision / DataLoader /
 * matplotlib parts, ported): loadMnist, RandomState, DataLoader, mean, showImages, printMath,
 * plotLosses, predict. Data and randomness come from src/lib/mnist and src/lib/random; tfjs is
 * the kernel's (imported by the setup cell). Runs in the kernel worker; no DOM.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { loadMnist as loadMnistFiles, pixelRange, type MnistSplit } from '../mnist';
import { RandomState, epochOrder, toTensors, batchCount } from '../random';
import type { OutputSink } from './builtins';
import type { Output, PlotSpec } from './protocol';
import { imagesOutput } from './display';
import { isAxes, type Axes } from './subplots';
import { formatLoss } from '../workshop/format';

type TF = typeof tfc;

/** A list of images (indices into one MNIST split) that slices without copying pixels. */
export class ImageList {
  constructor(
    readonly split: MnistSplit,
    readonly indices: Int32Array,
  ) {}
  get length(): number {
    return this.indices.length;
  }
  slice(start?: number, end?: number): ImageList {
    return new ImageList(this.split, this.indices.slice(start, end));
  }
  /** Image k as float32 [rows × cols] in [0, 1]. */
  at(k: number): Float32Array {
    const size = this.split.rows * this.split.cols;
    const i = this.indices.at(k);
    if (i === undefined) throw new RangeError(`image ${k} is outside [0, ${this.length})`);
    return Float32Array.from(this.split.images.subarray(i * size, (i + 1) * size), (v) => v / 255);
  }
  /** float32 [N, rows, cols, 1] in [0, 1]; the caller disposes it. */
  toTensor(tf: TF): tfc.Tensor4D {
    const { xs, ys } = toTensors(tf, this.split, this.indices, { oneHot: false });
    ys.dispose();
    return xs;
  }
}

/** One split of MNIST as the notebook's torchvision dataset. */
export class Dataset {
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
  /** All images, in order; `images.slice(0, 20)` is the first twenty. */
  readonly images: ImageList;
  /** Labels as plain numbers (so `labels.map(...)` can build strings). */
  readonly labels: number[];
  constructor(readonly split: MnistSplit) {
    this.count = split.count;
    this.rows = split.rows;
    this.cols = split.cols;
    this.images = new ImageList(split, Int32Array.from({ length: split.count }, (_, i) => i));
    this.labels = Array.from(split.labels);
  }
  get length(): number {
    return this.count;
  }
  /** Smallest / largest pixel value after scaling to [0, 1]. */
  min(): number {
    return pixelRange(this.split).min;
  }
  max(): number {
    return pixelRange(this.split).max;
  }
}

export interface DataLoaderOptions {
  batchSize?: number;
  /** Which images (default: all, in order): the notebook's SubsetRandomSampler indices. */
  indices?: ArrayLike<number>;
  /** Reshuffle every pass, as SubsetRandomSampler does (seeded; pass k uses RandomState([seed, k])). */
  shuffle?: boolean;
  seed?: number;
}

/**
 * Iterating yields [images float32 [B, 28, 28, 1], labels int32 [B]] per batch. The caller owns
 * (and disposes) each batch's tensors, as in the notebook's loop.
 */
export class DataLoader {
  readonly batchSize: number;
  readonly indices: Int32Array;
  private passes = 0;
  constructor(
    readonly dataset: Dataset,
    private readonly opts: DataLoaderOptions = {},
    private readonly tf: () => TF,
  ) {
    this.batchSize = opts.batchSize ?? 64;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${opts.batchSize}`);
    this.indices = opts.indices ? Int32Array.from(opts.indices) : Int32Array.from({ length: dataset.count }, (_, i) => i);
  }
  /** Number of batches per pass. */
  get length(): number {
    return batchCount(this.indices.length, this.batchSize);
  }
  *[Symbol.iterator](): Generator<[tfc.Tensor4D, tfc.Tensor1D]> {
    const tf = this.tf();
    const order = this.opts.shuffle ? epochOrder(this.indices, this.opts.seed ?? 0, this.passes++) : this.indices;
    for (let start = 0; start < order.length; start += this.batchSize) {
      const { xs, ys } = toTensors(tf, this.dataset.split, order.subarray(start, start + this.batchSize), { oneHot: false });
      yield [xs, ys as tfc.Tensor1D];
    }
  }
}

export interface PlotLossesOptions {
  title?: string;
  lossTrainList: number[];
  lossValidationList?: number[];
  validationSteps?: number[];
  yDomain?: [number, number];
  /** A panel from `subplots(…)` to draw into (the notebook's `ax`); without it, a figure of its own. */
  ax?: Axes;
}

interface LossRow {
  step: number;
  loss: number;
  series: 'Train' | 'Validation';
}

/** Mean over consecutive buckets so that at most `maxPoints` remain (x: the bucket's middle step). */
function bucketed(values: ArrayLike<number>, maxPoints: number): { step: number; loss: number }[] {
  const size = Math.max(1, Math.ceil(values.length / maxPoints));
  const out: { step: number; loss: number }[] = [];
  for (let start = 0; start < values.length; start += size) {
    const end = Math.min(values.length, start + size);
    let sum = 0;
    for (let i = start; i < end; i++) sum += values[i];
    out.push({ step: (start + end - 1) / 2, loss: sum / (end - start) });
  }
  return out;
}

/** The notebook's loss figure (train per step, validation every 100 steps) as a Plot spec. */
export function lossPlotSpec(o: PlotLossesOptions): PlotSpec {
  // Long runs (20 epochs = 18,440 steps) are bucketed so every redraw stays cheap.
  const rows: LossRow[] = bucketed(o.lossTrainList, 600).map((p) => ({ ...p, series: 'Train' }));
  (o.validationSteps ?? []).forEach((step, i) => rows.push({ step, loss: o.lossValidationList?.[i] ?? NaN, series: 'Validation' }));
  // The notebook's 0–5 unless every loss is far below it (a finished run reads better zoomed in).
  const top = Math.max(0, ...rows.map((r) => (Number.isFinite(r.loss) ? r.loss : 0)));
  const yMax = top === 0 ? 5 : Math.min(5, Math.max(0.5, Math.ceil(top * 1.1 * 2) / 2));
  return {
    title: o.title,
    width: 320,
    height: 240,
    grid: true,
    x: { label: 'Step' },
    y: { label: 'Loss', domain: o.yDomain ?? [0, yMax] },
    color: { legend: true, domain: ['Train', 'Validation'] },
    marks: [{ mark: 'line', data: rows, options: { x: 'step', y: 'loss', stroke: 'series', z: 'series', clip: true } }],
  };
}


export function mean(values: ArrayLike<number>): number {
  if (!values.length) return NaN;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

export interface ShowImagesOptions {
  columns?: number;
  titles?: ArrayLike<string>;
  /** 'red' highlights a title (e.g. a wrong prediction); anything else is the normal colour. */
  colors?: ArrayLike<string>;
}

export function makeWorkshopHelpers(sink: OutputSink, getTf: () => TF) {
  const loadMnist = async (split: 'train' | 'test') => {
    if (split !== 'train' && split !== 'test') throw new RangeError(`loadMnist: split must be 'train' or 'test', got ${JSON.stringify(split)}`);
    const bar = sink.add({ kind: 'progress', value: 0, max: 1, label: 'MNIST: starting…' });
    const mnist = await loadMnistFiles({
      onProgress: (p) =>
        sink.update(bar, {
          kind: 'progress',
          value: p.loadedBytes,
          max: Math.max(1, p.totalBytes),
          label: `MNIST: ${p.stage}${p.totalBytes ? ` ${(p.loadedBytes / 1e6).toFixed(1)} / ${(p.totalBytes / 1e6).toFixed(1)} MB` : ''}`,
        }),
    });
    sink.update(bar, { kind: 'progress', value: 1, max: 1, label: `MNIST ${split}: ${mnist[split].count.toLocaleString('en-US')} images${mnist.info.fromCache ? ' (from the browser cache)' : ''}` });
    return new Dataset(mnist[split]);
  };

  const showImages = (images: ImageList | Parameters<typeof imagesOutput>[0], opts: ShowImagesOptions = {}) => {
    const source = images instanceof ImageList ? Array.from({ length: images.length }, (_, k) => ({ pixels: images.at(k), width: images.split.cols, height: images.split.rows })) : images;
    const n = images instanceof ImageList ? images.length : Array.isArray(images) ? images.length : 0;
    const out: Output = imagesOutput(source, {
      columns: opts.columns,
      captions: opts.titles ? Array.from({ length: n }, (_, i) => String(opts.titles![i] ?? '')) : undefined,
      wrong: opts.colors ? Array.from({ length: n }, (_, i) => opts.colors![i] === 'red') : undefined,
    });
    sink.add(out);
  };

  const printMath = (text: string) => void sink.add({ kind: 'mathtext', text: String(text) });

  const plotLosses = (o: PlotLossesOptions) => {
    if (o.ax !== undefined) {
      if (!isAxes(o.ax)) throw new TypeError('plotLosses(): ax must be one of the panels subplots() returned, e.g. axisList[0]');
      const ax = o.ax;
      // A panel is about a third of the text column wide: drawn at that size, its labels stay legible.
      const panel = (p: PlotLossesOptions) => ({ ...lossPlotSpec(p), width: 240, height: 220 });
      ax.plot(panel(o));
      return { update: (next: PlotLossesOptions) => ax.plot(panel(next)) };
    }
    const id = sink.add({ kind: 'plot', specs: [lossPlotSpec(o)] });
    return { update: (next: PlotLossesOptions) => sink.update(id, { kind: 'plot', specs: [lossPlotSpec(next)] }) };
  };

  /** Predicted digit (argmax of the network's output) for each image. */
  const predict = async (net: { predict(x: tfc.Tensor): tfc.Tensor | tfc.Tensor[] }, images: ImageList): Promise<number[]> => {
    const tf = getTf();
    const xs = images.toTensor(tf);
    const classes = tf.tidy(() => tf.argMax(net.predict(xs) as tfc.Tensor, 1));
    const out = Array.from(await classes.data());
    tf.dispose([xs, classes]);
    return out;
  };

  const dataLoader = class extends DataLoader {
    constructor(dataset: Dataset, opts: DataLoaderOptions = {}) {
      super(dataset, opts, getTf);
    }
  };

  /**
   * A progress line for a training loop: `const bar = trainingProgress(total, label, curves)`, then
   * `await bar.step(loss)` after each step. The await also lets Stop reach the loop. With `curves`
   * (the loop's own loss arrays, read as they grow) a live loss figure streams while it trains and
   * goes away when the last step is done (the cell then draws its final figure).
   */
  const trainingProgress = (total: number, label = 'Training', curves?: PlotLossesOptions) => {
    const started = performance.now();
    let done = 0;
    let last = -Infinity; // the first step always reports, however soon after the worker started
    const id = sink.add({ kind: 'progress', value: 0, max: Math.max(1, total), label: `${label}: starting…` });
    const live = curves ? sink.add({ kind: 'plot', specs: [lossPlotSpec({ ...curves, title: `${label} (live)` })] }) : undefined;
    return {
      async step(loss: number, images = 64) {
        done++;
        const now = performance.now();
        if (now - last < 200 && done < total) return;
        last = now;
        const rate = (done * images) / Math.max(1e-3, (now - started) / 1000);
        sink.update(id, { kind: 'progress', value: Math.min(done, total), max: Math.max(1, total), label: `${label}: step ${done} / ${total} · loss ${formatLoss(loss)} · ${Math.round(rate)} img/s` });
        if (live && curves) {
          if (done >= total) sink.remove(live);
          else sink.update(live, { kind: 'plot', specs: [lossPlotSpec({ ...curves, title: `${label} (live)` })] });
        }
        // A macrotask, so a pending Stop message is handled before the next step.
        await new Promise((r) => setTimeout(r, 0));
        sink.signal().throwIfAborted();
      },
    };
  };

  return { loadMnist, RandomState, DataLoader: dataLoader, mean, showImages, printMath, plotLosses, predict, trainingProgress };
}

/**
 * The workshop's names in every cell: the notebook's torchvision / torch.nn / DataLoader / matplotlib
 * parts, as the course's library provides them (src/lib/torchlike: Module, Conv2d, MaxPool2d, Linear,
 * CrossEntropyLoss, SGD, backward, noGrad, Dataset, DataLoader; src/lib/lenet: LeNet5), plus
 * loadMnist, showImages, printMath, plotLosses, predict, trainingRun and currentModel. Data, model
 * and training loop are the ones every view on the page uses (one host). Runs in the notebook's
 * worker; no DOM.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { RandomState } from '../random';
import { MnistLoadError } from '../mnist';
import type { Output, OutputSink } from './protocol';
import { imagesOutput, outputHandle } from './display';
import { isAxes } from './subplots';
import { lossPlotSpec, type PlotLossesOptions } from './loss-plot';
import { LeNet5, LENET5_LAYERS } from '../lenet/lenet5';
import { Conv2d, CrossEntropyLoss, DataLoader, Dataset, ImageList, Linear, MaxPool2d, Module, SGD, backward, manualSeed, mean, noGrad } from '../torchlike';
import { startTrainingRun, type RunHost, type TrainingRun, type TrainingRunOptions } from './training-run';
import type { WorkshopHost } from '../workshop/host';
import { sweepVerdict, type SweepRun } from '../workshop/sweep';

export { Dataset, DataLoader, ImageList, mean };
export { lossPlotSpec, type PlotLossesOptions };

export interface ShowImagesOptions {
  columns?: number;
  titles?: ArrayLike<string>;
  /** 'red' highlights a title (e.g. a wrong prediction); anything else is the normal colour. */
  colors?: ArrayLike<string>;
}

/** What the helpers need from the worker: the host, the running cell, and Pause/Stop. */
export interface HelperContext {
  sink: OutputSink;
  host: WorkshopHost;
  /** The id of the running cell, and whether the student asked it to resume its saved runs. */
  run(): { cell: string; resume: boolean };
  yieldToMessages(): Promise<void>;
  /** The training runs of the running cell; the worker ends them when the cell ends. */
  runs: Set<TrainingRun>;
}

export function makeWorkshopHelpers(ctx: HelperContext) {
  const { sink, host } = ctx;

  const loadMnist = async (split: 'train' | 'test') => {
    if (split !== 'train' && split !== 'test') throw new RangeError(`loadMnist: split must be 'train' or 'test', got ${JSON.stringify(split)}`);
    const bar = sink.add({ kind: 'progress', value: 0, max: 1, label: 'MNIST: starting…' });
    const mnist = await host.loadMnist({
      signal: sink.signal(),
      onProgress: (p) =>
        sink.update(bar, {
          kind: 'progress',
          value: p.loadedBytes,
          max: Math.max(1, p.totalBytes),
          label: `MNIST: ${p.stage}${p.totalBytes ? ` ${(p.loadedBytes / 1e6).toFixed(1)} / ${(p.totalBytes / 1e6).toFixed(1)} MB` : ''}`,
        }),
    }).catch((e: unknown) => {
      sink.remove(bar);
      // A stopped load is the Stop button's; any other failure says how to try again.
      if (e instanceof MnistLoadError && e.kind !== 'aborted') throw new MnistLoadError(`MNIST could not be loaded. ${e.message} Run this cell again to retry.`, e.kind);
      throw e;
    });
    const from = mnist.info.fromCache ? ' (from the browser cache)' : mnist.info.transferredBytes ? ' (downloaded and verified)' : '';
    sink.update(bar, { kind: 'progress', value: 1, max: 1, label: `MNIST ${split}: ${mnist[split].count.toLocaleString('en-US')} images${from}` });
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
      return outputHandle({ update: (next: PlotLossesOptions) => ax.plot(panel(next)) });
    }
    const id = sink.add({ kind: 'plot', specs: [lossPlotSpec(o)] });
    return outputHandle({ update: (next: PlotLossesOptions) => sink.update(id, { kind: 'plot', specs: [lossPlotSpec(next)] }) });
  };

  /** Predicted digit (argmax of the network's output) for each image. */
  const predict = async (net: Module, images: ImageList): Promise<number[]> => {
    if (!(net instanceof Module)) throw new TypeError('predict(net, images): net must be a network such as new LeNet5()');
    const tf = net.tf;
    const xs = images.toTensor();
    const classes = tf.tidy(() => tf.argMax(net.forward(xs), 1));
    const out = Array.from(await classes.data());
    tf.dispose([xs, classes]);
    return out;
  };

  const runHost = (): RunHost => {
    const { cell, resume } = ctx.run();
    return {
      sink, cell, resume,
      paused: () => host.pause.paused,
      untilContinued: () => host.pause.untilContinued(),
      yieldToMessages: ctx.yieldToMessages,
      store: host.store,
      adopt: (net, info) => host.adopt(net, info, 'notebook'),
      backend: () => host.backend,
    };
  };

  /**
   * `const run = await trainingRun({ net, alpha, nEpoch, dataloaderTrain2, lossTrainList, … })`, then
   * `await run.stepDone()` after each step: the live view, Pause/Stop, checkpoints and resuming.
   */
  const trainingRun = async (opts: TrainingRunOptions) => {
    const run = await startTrainingRun(runHost(), opts);
    ctx.runs.add(run);
    return run;
  };

  /** The page's current model: what the notebook last trained, a saved run after a reload, or loaded weights. */
  const currentModel = async (): Promise<Module> => {
    await host.ensureTf();
    await host.restoreSaved();
    const current = host.current;
    if (!current) throw new Error('No model yet: run the training cell (or the learning-rate sweep), or load the reference weights with “Skip ahead”.');
    const what = current.origin === 'reference' ? 'the reference weights' : current.origin === 'file' ? 'the weights loaded from a file' : current.info.label ? `the ${current.info.cell ?? 'notebook'} cell's run at ${current.info.label}` : 'the last trained model';
    sink.add({ kind: 'text', text: `net is ${what}: ${current.info.steps.toLocaleString('en-US')} training steps${current.origin === 'saved' ? ', restored from this browser' : ''}.` });
    return current.net;
  };

  /** The sweep's verdict in words, from the three runs' loss lists. */
  const printSweepVerdict = (runs: SweepRun[]) => void sink.add({ kind: 'text', text: sweepVerdict(runs).text });

  return {
    loadMnist, RandomState, Dataset, DataLoader, mean, showImages, printMath, plotLosses, predict,
    LeNet5, LENET5_LAYERS, Module, Conv2d, MaxPool2d, Linear, CrossEntropyLoss, SGD, backward, noGrad, manualSeed,
    trainingRun, currentModel, printSweepVerdict,
  };
}

export type Tensor = tfc.Tensor;

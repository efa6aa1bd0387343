/**
 * The helpers every cell can call (documented in src/lib/notebook/README.md):
 *   display(v), print(...v), math(tex), html(s), plot(spec | spec[]), images(src, opts),
 *   progress(value, max, label), sleep(ms), subplots(nRows, nCols)
 * Each output helper returns a handle whose update(…) replaces that output in place.
 * `post` sends an output for the cell that is running (see notebook-runtime.ts).
 */
import type { Output, OutputSink, PlotSpec } from './protocol';

import {
  imagesOutput,
  outputHandle,
  plotOutput,
  progressOutput,
  textOutput,
  valueOutput,
  type ImagesOptions,
  type ImagesSource,
} from './display';
import { makeSubplots } from './subplots';


export interface Handle<A extends unknown[]> {
  update(...args: A): void;
}

function handle<A extends unknown[]>(sink: OutputSink, make: (...args: A) => Output, args: A): Handle<A> {
  const id = sink.add(make(...args));
  return outputHandle({ update: (...next: A) => sink.update(id, make(...next)) });
}

export function makeBuiltins(sink: OutputSink) {
  const display = (value: unknown) => handle(sink, valueOutput, [value]);
  const print = (...values: unknown[]) => void sink.add(textOutput(values));
  const math = (tex: string, opts: { display?: boolean } = {}) =>
    handle(sink, (t: string) => ({ kind: 'math', tex: String(t), display: opts.display ?? true }), [tex]);
  const html = (markup: string) => handle(sink, (m: string) => ({ kind: 'html', html: String(m) }), [markup]);
  const plot = (spec: PlotSpec | PlotSpec[]) => handle(sink, plotOutput, [spec]);
  const images = (source: ImagesSource, opts?: ImagesOptions) => handle(sink, imagesOutput, [source, opts]);
  const progress = (value: number, max = 1, label = '') => handle(sink, progressOutput, [value, max, label]);
  /** Resolves after `ms`; rejects at once when Stop is pressed. */
  const sleep = (ms: number) =>
    new Promise<void>((resolve, reject) => {
      const signal = sink.signal();
      if (signal.aborted) return reject(signal.reason);
      const t = setTimeout(() => {
        signal.removeEventListener('abort', stop);
        resolve();
      }, ms);
      const stop = () => {
        clearTimeout(t);
        reject(signal.reason);
      };
      signal.addEventListener('abort', stop, { once: true });
    });
  const subplots = makeSubplots(sink);
  return { display, print, math, html, plot, images, progress, sleep, subplots };
}

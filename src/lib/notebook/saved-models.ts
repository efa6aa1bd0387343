/**
 * `saveModel(net, name)` / `loadSavedModel(name)`: a trained tf.LayersModel kept in the browser
 * (tfjs's `indexeddb://` handler, which works in the kernel worker), so a student who reloads the
 * page gets their network back without training again. Models live under the
 * `indexeddb://cnn-course-notebook/` prefix in tfjs's own database ("tensorflowjs"), apart from the
 * training panel's checkpoints (database "cnn-course-workshop", see src/lib/workshop/checkpoint-store.ts).
 */
import type * as tfc from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { OutputSink } from './builtins';
import { formatValue } from './display';

export const SAVED_MODEL_PREFIX = 'indexeddb://cnn-course-notebook/';
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** The tfjs URL a notebook model is saved under; throws a clear message for a bad name. */
export function savedModelUrl(name: unknown): string {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new RangeError(`model name must be 1–64 letters, digits, '-', '_' or '.' (starting with a letter or digit), got ${formatValue(name)}`);
  }
  return SAVED_MODEL_PREFIX + name;
}

/** The notebook's model names among tfjs's saved-model URLs (other tfjs models are left out), sorted. */
export function savedModelNames(urls: Iterable<string>): string[] {
  return [...urls].filter((u) => u.startsWith(SAVED_MODEL_PREFIX)).map((u) => u.slice(SAVED_MODEL_PREFIX.length)).sort();
}

/** "at 12:03, 26 Nov 2026" in the student's local time. */
export function formatSavedAt(date: Date): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) return 'at an unknown time';
  const pad = (n: number) => String(n).padStart(2, '0');
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][date.getMonth()];
  return `at ${pad(date.getHours())}:${pad(date.getMinutes())}, ${date.getDate()} ${month} ${date.getFullYear()}`;
}

type TF = typeof tfc & { loadLayersModel(url: string): Promise<LayersModel> };

function isLayersModel(v: unknown): v is LayersModel {
  return !!v && typeof v === 'object' && typeof (v as LayersModel).save === 'function' && typeof (v as LayersModel).predict === 'function';
}

export function makeSavedModels(sink: OutputSink, getTf: () => typeof tfc) {
  const tfOf = () => getTf() as TF;

  /**
   * Saves `net` (architecture and weights) in this browser under `name`, replacing an older one.
   * When the browser refuses to store it, says so below the cell (a warning, not an error), so a
   * finished training run is not reported as failed: the model is still in memory.
   */
  const saveModel = async (net: LayersModel, name: string): Promise<void> => {
    const url = savedModelUrl(name);
    if (!isLayersModel(net)) throw new TypeError(`saveModel(net, name): net must be a tf model (such as LeNet5()), got ${formatValue(net)}`);
    tfOf(); // a clear message if tfjs is not loaded yet
    let result;
    try {
      result = await net.save(url);
    } catch (e) {
      const why = `${(e as Error).message ?? e}`;
      sink.add({ kind: 'text', stream: 'stderr', text: `Model '${name}' was not saved: this browser refused to store it (${why}); private windows and full storage can do that. It stays usable until you reload the page.` });
      return;
    }
    const kb = Math.round((result.modelArtifactsInfo.weightDataBytes ?? 0) / 1024);
    sink.add({ kind: 'text', text: `Saved model '${name}' in this browser (${kb} KB of weights). After a page reload, get it back with: const net = await loadSavedModel('${name}');` });
  };

  /** The model saved under `name`; throws a message naming the saved ones when there is none. */
  const loadSavedModel = async (name: string): Promise<LayersModel> => {
    const url = savedModelUrl(name);
    const tf = tfOf();
    const saved = await tf.io.listModels();
    const info = saved[url];
    if (!info) {
      const names = savedModelNames(Object.keys(saved));
      const others = names.length ? ` Saved here: ${names.map((n) => `'${n}'`).join(', ')}.` : '';
      throw new Error(`No model named '${name}' is saved in this browser yet: train it first (the training cell ends with saveModel(net, '${name}')).${others}`);
    }
    const net = await tf.loadLayersModel(url);
    sink.add({ kind: 'text', text: `Loaded model '${name}', saved ${formatSavedAt(new Date(info.dateSaved))} (${net.countParams().toLocaleString('en-US')} parameters).` });
    return net;
  };

  return { saveModel, loadSavedModel };
}

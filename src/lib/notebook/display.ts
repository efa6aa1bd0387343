/**
 * Turns values from cell code into serialisable outputs (see protocol.ts). Pure: runs in the
 * notebook's worker and in unit tests.
 */
import type { GrayImage, Output, PlotSpec } from './protocol';

/** The parts of a tfjs tensor this module reads (duck-typed, so tfjs need not be loaded). */
export interface TensorLike {
  shape: number[];
  dtype: string;
  size: number;
  dataSync(): ArrayLike<number>;
  toString(verbose?: boolean): string;
}

export function isTensor(v: unknown): v is TensorLike {
  const t = v as TensorLike | null;
  return !!t && typeof t === 'object' && Array.isArray(t.shape) && typeof t.dtype === 'string' && typeof t.dataSync === 'function';
}

/** A readable one-value summary, like a REPL's: strings quoted when `quote`, long things cut. */
export function formatValue(v: unknown, quote = true, depth = 0, seen = new Set<unknown>()): string {
  if (typeof v === 'string') return quote ? JSON.stringify(v) : v;
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (v === undefined || v === null || typeof v === 'boolean' || typeof v === 'symbol') return String(v);
  if (typeof v === 'function') return `[Function ${v.name || '(anonymous)'}]`;
  if (isTensor(v)) return `Tensor ${v.dtype} [${v.shape.join(', ')}]`;
  if (v instanceof Error) return `${v.name}: ${v.message}`;
  if (seen.has(v)) return '[Circular]';
  if (depth > 2) return Array.isArray(v) ? '[Array]' : '[Object]';
  seen.add(v);
  try {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      const arr = v as unknown as ArrayLike<number>;
      const shown = Array.from({ length: Math.min(arr.length, 20) }, (_, i) => formatValue(arr[i]));
      return `${v.constructor.name}(${arr.length}) [${shown.join(', ')}${arr.length > 20 ? ', …' : ''}]`;
    }
    if (Array.isArray(v)) {
      const shown = v.slice(0, 20).map((x) => formatValue(x, true, depth + 1, seen));
      return `[${shown.join(', ')}${v.length > 20 ? `, … ${v.length - 20} more` : ''}]`;
    }
    if (v instanceof Map) return `Map(${v.size}) {${[...v].slice(0, 20).map(([a, b]) => `${formatValue(a, true, depth + 1, seen)} => ${formatValue(b, true, depth + 1, seen)}`).join(', ')}}`;
    if (v instanceof Set) return `Set(${v.size}) {${[...v].slice(0, 20).map((x) => formatValue(x, true, depth + 1, seen)).join(', ')}}`;
    if (v instanceof Promise) return 'Promise { … }';
    const entries = Object.entries(v as object);
    const name = (v as object).constructor && (v as object).constructor !== Object ? `${(v as object).constructor.name} ` : '';
    const body = entries.slice(0, 30).map(([k, x]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${formatValue(x, true, depth + 1, seen)}`);
    return `${name}{${body.length ? ` ${body.join(', ')}${entries.length > 30 ? ', …' : ''} ` : ''}}`;
  } finally {
    seen.delete(v);
  }
}

/** A tensor as tfjs's `print` shows it: dtype, shape and the (summarised) values. */
export function tensorOutput(t: TensorLike): Output {
  // toString() starts with a "Tensor" line; the rest is tfjs's own summarised value layout.
  const values = t.toString().split('\n').slice(1).join('\n').replace(/^ {4}/gm, '');
  return { kind: 'tensor', dtype: t.dtype, shape: [...t.shape], text: values };
}

const HANDLE = Symbol('output handle');

/** The handle an output helper returns (`update(…)` redraws that output); branded so it is not shown as a value. */
export function outputHandle<T extends object>(handle: T): T {
  return Object.defineProperty(handle, HANDLE, { value: true });
}

/** A cell ending in `plotLosses(…)` or `plot(…)` shows that output, not `{ update: [Function update] }`. */
export const isOutputHandle = (v: unknown): boolean => typeof v === 'object' && v !== null && HANDLE in v;

/** What the value of a cell's last expression (or `display(v)`) shows as. */
export function valueOutput(v: unknown): Output {
  if (isTensor(v)) return tensorOutput(v);
  return { kind: 'value', text: formatValue(v) };
}

/** console.log / print: strings unquoted, values separated by spaces. */
export function textOutput(values: unknown[], stream: 'stdout' | 'stderr' = 'stdout'): Output {
  return { kind: 'text', text: values.map((v) => formatValue(v, false)).join(' '), stream };
}

export interface ImagesOptions {
  /** One caption per image (e.g. "Label: 5"). */
  captions?: string[];
  /** Marks images whose caption should show as wrong (e.g. a misclassified digit). */
  wrong?: boolean[];
  /** Images per row; default min(count, 5), like the notebook's 4×5 grids. */
  columns?: number;
  /** Image size when `source` is a flat array of several images. */
  width?: number;
  height?: number;
}

/** Accepts [N,H,W], [N,H,W,1], [H,W] or [H,W,1] tensors, or an array of {pixels,width,height} / 2-D arrays. */
export type ImagesSource = TensorLike | ArrayLike<number>[] | { pixels: ArrayLike<number>; width: number; height: number }[] | number[][][];

function toGray(values: ArrayLike<number>, offset: number, size: number, scale: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(size);
  for (let i = 0; i < size; i++) out[i] = Math.round(values[offset + i] * scale);
  return out;
}

/** Values in [0, 1] are scaled to 0..255; anything with a value above 1 is taken as 0..255. */
function scaleOf(values: ArrayLike<number>, from = 0, to = values.length): number {
  for (let i = from; i < to; i++) if (values[i] > 1) return 1;
  return 255;
}

export function imagesOutput(source: ImagesSource, opts: ImagesOptions = {}): Output {
  let images: GrayImage[];
  if (isTensor(source)) {
    const shape = source.shape.at(-1) === 1 && source.shape.length >= 3 ? source.shape.slice(0, -1) : source.shape;
    if (shape.length !== 2 && shape.length !== 3) {
      throw new RangeError(`images(): expected a tensor of shape [N, H, W], [N, H, W, 1] or [H, W], got [${source.shape.join(', ')}]`);
    }
    const [n, h, w] = shape.length === 3 ? shape : [1, ...shape];
    const values = source.dataSync();
    const scale = scaleOf(values);
    images = Array.from({ length: n }, (_, i) => ({ width: w, height: h, pixels: toGray(values, i * h * w, h * w, scale) }));
  } else if (Array.isArray(source)) {
    images = source.map((item, i) => {
      if (item && typeof item === 'object' && 'pixels' in item) {
        const { pixels, width, height } = item as { pixels: ArrayLike<number>; width: number; height: number };
        if (pixels.length !== width * height) throw new RangeError(`images(): image ${i} has ${pixels.length} pixels, expected ${width}×${height}`);
        return { width, height, pixels: toGray(pixels, 0, pixels.length, scaleOf(pixels)) };
      }
      if (Array.isArray(item) && Array.isArray(item[0])) {
        const rows = item as number[][];
        const flat = rows.flat();
        return { width: rows[0].length, height: rows.length, pixels: toGray(flat, 0, flat.length, scaleOf(flat)) };
      }
      const flat = item as ArrayLike<number>;
      const width = opts.width ?? Math.round(Math.sqrt(flat.length));
      const height = opts.height ?? Math.round(flat.length / width);
      if (width * height !== flat.length) throw new RangeError(`images(): image ${i} has ${flat.length} values; pass { width, height }`);
      return { width, height, pixels: toGray(flat, 0, flat.length, scaleOf(flat)) };
    });
  } else {
    throw new TypeError('images(): pass a tensor [N, H, W] or an array of images');
  }
  images.forEach((img, i) => {
    if (opts.captions?.[i] !== undefined) img.caption = String(opts.captions[i]);
    if (opts.wrong?.[i]) img.wrong = true;
  });
  const columns = Math.max(1, Math.floor(opts.columns ?? Math.min(images.length, 5)));
  return { kind: 'images', images, columns };
}

/** Checks a plot spec (or several, drawn side by side) before it is sent to the page. */
export function plotOutput(spec: PlotSpec | PlotSpec[]): Output {
  const specs = Array.isArray(spec) ? spec : [spec];
  specs.forEach((s, i) => {
    if (!s || !Array.isArray(s.marks)) throw new TypeError(`plot(): figure ${i + 1} needs a "marks" array of { mark, data, options }`);
    s.marks.forEach((m, j) => {
      if (!m || typeof m.mark !== 'string') throw new TypeError(`plot(): mark ${j + 1} of figure ${i + 1} needs a "mark" name such as "line"`);
    });
  });
  // structuredClone drops functions with an error; check here so the message names plot().
  try {
    structuredClone(specs);
  } catch {
    throw new TypeError('plot(): the spec must be plain data (field names instead of functions)');
  }
  return { kind: 'plot', specs };
}

export function progressOutput(value: number, max = 1, label = ''): Output {
  if (!(max > 0)) throw new RangeError(`progress(): max must be positive, got ${max}`);
  return { kind: 'progress', value: Math.min(Math.max(Number(value) || 0, 0), max), max, label: String(label) };
}

/** What the data-inspection widget shows, computed from the loaded data (no DOM). */
import type { Mnist, MnistSplit } from './dataset';
import type { MnistLoadInfo, MnistProgress } from './load';
import { mnistPreview, type MnistPreview } from './preview';
import { grayToRgba } from '../image/gray';

export interface InspectionFact {
  /** The notebook's printed line, before the value. */
  label: string;
  /** The value as TeX (rendered with KaTeX when available) and as plain text. */
  tex: string;
  text: string;
}

/** The notebook's four printed facts: N train, N test, image size, pixel range. */
export function inspectionFacts(mnist: Mnist): InspectionFact[] {
  return previewFacts(mnistPreview(mnist, 0));
}

/** The same four facts from a preview (what the inspector's worker sends to the page). */
export function previewFacts(p: MnistPreview): InspectionFact[] {
  const { min, max } = p.train.pixelRange;
  const size = `${p.train.rows}x${p.train.cols}`;
  const range = `[${min.toFixed(1)}, ${max.toFixed(1)}]`;
  return [
    { label: 'Number of rows in the train dataset:', tex: `N=${p.train.count}`, text: `N=${p.train.count}` },
    { label: 'Number of rows in the test dataset:', tex: `N=${p.test.count}`, text: `N=${p.test.count}` },
    { label: 'Image size:', tex: `${p.train.rows}\\times${p.train.cols}`, text: size },
    { label: "Pixel's value range:", tex: `[${min.toFixed(1)}, ${max.toFixed(1)}]`, text: range },
  ];
}

/** Image i as RGBA bytes (gray: 0 black, 255 white, as matplotlib's gray colormap shows MNIST). */
export function imageRgba(split: MnistSplit, i: number): Uint8ClampedArray<ArrayBuffer> {
  if (!Number.isInteger(i) || i < 0 || i >= split.count) throw new RangeError(`image index ${i} is outside [0, ${split.count})`);
  const size = split.rows * split.cols;
  return grayToRgba(split.images.subarray(i * size, (i + 1) * size), { max: 255 });
}

export function formatMB(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** One status line for a progress event. */
export function progressText(p: MnistProgress): string {
  if (p.stage === 'manifest') return 'Looking up the MNIST files…';
  if (p.stage === 'ready') return 'MNIST is ready.';
  const pct = p.totalBytes ? Math.floor((100 * p.loadedBytes) / p.totalBytes) : 0;
  const head = p.transferredBytes > 0 ? 'Downloading MNIST' : 'Reading MNIST from the browser cache';
  const file = p.stage === 'verify' && p.file ? `, checked ${p.file}` : '';
  return `${head}: ${formatMB(p.loadedBytes)} of ${formatMB(p.totalBytes)} (${pct}%)${file}`;
}

/** The line shown once the data is ready. */
export function readyText(mnist: { train: { count: number }; test: { count: number } }, info: MnistLoadInfo): string {
  const images = (mnist.train.count + mnist.test.count).toLocaleString('en-US');
  const secs = (info.ms / 1000).toFixed(1);
  return info.fromCache
    ? `Ready: ${images} images from your browser's cache in ${secs} s (nothing downloaded).`
    : `Ready: ${images} images, ${formatMB(info.transferredBytes)} downloaded and verified in ${secs} s${info.cached ? '; kept for your next visit' : ''}.`;
}

// Output length and parameter counts of a convolution layer, as the lecture defines them.
import { checkInt, checkPair, fail } from './validate';

export interface SizeOptions {
  padding?: number;
  stride?: number;
  dilation?: number;
}

/**
 * ⌊(n + 2p − d(k−1) − 1)/s⌋ + 1, the raw formula value: it is below 1 when the kernel does not fit
 * (the conv and pool functions throw in that case; this one lets a widget show the formula).
 */
export function outputSize(n: number, k: number, opts: SizeOptions = {}): number {
  const fn = 'outputSize';
  checkInt(fn, 'n', n, 1);
  checkInt(fn, 'k', k, 1);
  const p = checkInt(fn, 'padding', opts.padding ?? 0, 0);
  const s = checkInt(fn, 'stride', opts.stride ?? 1, 1);
  const d = checkInt(fn, 'dilation', opts.dilation ?? 1, 1);
  return Math.floor((n + 2 * p - d * (k - 1) - 1) / s) + 1;
}

/** The span of a dilated kernel: d(k−1)+1 input samples. */
export function receptiveSpan(k: number, dilation = 1): number {
  return dilation * (k - 1) + 1;
}

/**
 * Output length for fn, or a RangeError (naming `kernelArg`) when the dilated kernel is longer than
 * the padded input.
 */
export function fittedOutputSize(
  fn: string,
  kernelArg: string,
  n: number,
  k: number,
  p: number,
  s: number,
  d: number,
): number {
  const span = receptiveSpan(k, d);
  if (span > n + 2 * p) {
    const spanText = d > 1 ? `spans ${span} samples (size ${k}, dilation ${d})` : `has size ${k}`;
    fail(fn, kernelArg, `does not fit: it ${spanText} but the padded input has only ${n + 2 * p} (length ${n} + 2·padding ${p})`);
  }
  return Math.floor((n + 2 * p - span) / s) + 1;
}

export interface ParamCountOptions {
  inChannels: number;
  outChannels: number;
  kernelSize: number | [number, number];
  bias?: boolean;
}

/** C_in·C_out·K (+C_out with bias); K is kh·kw for a 2D kernel. */
export function convParamCount({ inChannels, outChannels, kernelSize, bias = true }: ParamCountOptions): number {
  const fn = 'convParamCount';
  const cin = checkInt(fn, 'inChannels', inChannels, 1);
  const cout = checkInt(fn, 'outChannels', outChannels, 1);
  const [kh, kw] = Array.isArray(kernelSize) ? checkPair(fn, 'kernelSize', kernelSize, 1) : [checkInt(fn, 'kernelSize', kernelSize, 1), 1];
  if (typeof bias !== 'boolean') fail(fn, 'bias', `must be true or false, got ${String(bias)}`);
  return cin * cout * kh * kw + (bias ? cout : 0);
}

/** A fully connected layer: N_in·N_out weights (+N_out biases). */
export function denseParamCount(inFeatures: number, outFeatures: number, bias = true): number {
  const fn = 'denseParamCount';
  checkInt(fn, 'inFeatures', inFeatures, 1);
  checkInt(fn, 'outFeatures', outFeatures, 1);
  return inFeatures * outFeatures + (bias ? outFeatures : 0);
}

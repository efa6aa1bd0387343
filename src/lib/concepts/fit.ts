// Why settings that are each fine do not work together, in the course's words. The math core throws a
// RangeError naming its arguments ("conv1d: w does not fit…", a public contract); the widgets check the
// same conditions first and say it the way the lecture does.
import { receptiveSpan } from '../conv';

/** The (dilated) kernel must fit in the (padded) input: d(K−1)+1 ≤ N + 2p. */
export function kernelFitProblem(n: number, k: number, padding = 0, dilation = 1): string | null {
  const span = receptiveSpan(k, dilation);
  const padded = n + 2 * padding;
  if (span <= padded) return null;
  const kernel = dilation > 1
    ? `its K = ${k} weights at dilation d = ${dilation} span d(K−1)+1 = ${dilation}·(${k}−1)+1 = ${span} samples`
    : `it has K = ${k} weights`;
  const input = padding > 0 ? `the padded input has only N + 2p = ${n} + 2·${padding} = ${padded}` : `the input has only N = ${n}`;
  return `The kernel does not fit in the ${padding > 0 ? 'padded ' : ''}input: ${kernel}, but ${input}.`;
}

/** One kernel row per input channel. */
export function channelsProblem(inputChannels: number, kernelRows: number): string | null {
  if (inputChannels === kernelRows) return null;
  return `Give one kernel line per input channel: x has ${inputChannels} channel${inputChannels === 1 ? '' : 's'} but w has ${kernelRows} line${kernelRows === 1 ? '' : 's'}.`;
}

/** Max pooling: padding at most half the window (as PyTorch), and the window fits in the padded input. */
export function poolProblem(n: number, size: number, padding: number): string | null {
  if (2 * padding > size) {
    return `Padding p may be at most half the pool size (⌊${size}/2⌋ = ${Math.floor(size / 2)}), got ${padding}: more would let a window hold nothing but padding.`;
  }
  if (size > n + 2 * padding) {
    const input = padding > 0 ? `the padded input has only N + 2p = ${n} + 2·${padding} = ${n + 2 * padding}` : `the input has only N = ${n}`;
    return `The pooling window does not fit: its size is ${size} but ${input}.`;
  }
  return null;
}

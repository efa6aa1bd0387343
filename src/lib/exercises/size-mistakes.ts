// The usual ways to get the output length ⌊(n + 2p − d(k−1) − 1)/s⌋ + 1 wrong, each with what it
// tells the student. Every value comes from the math core, so a mistake that happens to give the
// right length for these settings is left out.
import { outputSize, receptiveSpan } from '../conv';

const ORDINAL: Record<number, string> = { 2: 'second', 3: 'third' };

export interface SizeSettings {
  n: number;
  k: number;
  padding?: number;
  stride?: number;
  dilation?: number;
}

/** The right output length, and the typical wrong ones → what each one tells (as `mistakes` props). */
export function sizeMistakes(set: SizeSettings, words = { window: 'kernel' }): Record<string, string> {
  const { n, k } = set;
  const p = set.padding ?? 0;
  const s = set.stride ?? 1;
  const d = set.dilation ?? 1;
  const right = outputSize(n, k, { padding: p, stride: s, dilation: d });
  const span = receptiveSpan(k, d);
  const inner = n + 2 * p - span;
  const w = words.window;
  const candidates: [number, string][] = [];
  if (d > 1) {
    candidates.push([outputSize(n, k, { padding: p, stride: s }), `this is the length without dilation: the ${w} spans d(k−1)+1 = ${span} samples, not k = ${k}.`]);
    candidates.push([Math.floor((n + 2 * p - d * k) / s) + 1, `the ${w} spans d(k−1)+1 = ${span} samples, not d·k = ${d * k}: k taps have k−1 gaps between them.`]);
  }
  if (p > 0) {
    candidates.push([outputSize(n, k, { stride: s, dilation: d }), `this is the length without padding: the padded input has n + 2p = ${n + 2 * p} samples.`]);
    candidates.push([Math.floor((n + p - span) / s) + 1, `padding adds p zeros at each end, so the padded input has n + 2p = ${n + 2 * p} samples, not n + p = ${n + p}.`]);
  }
  if (s > 1) {
    candidates.push([outputSize(n, k, { padding: p, dilation: d }), `this is the length with stride 1: with stride s = ${s} only every ${ORDINAL[s] ?? `${s}th`} window is kept.`]);
    candidates.push([Math.ceil(inner / s) + 1, `round down, not up: a last window that would run past the end of the input is not computed.`]);
    candidates.push([inner / s + 1, `the output length is a whole number: round (n + 2p − d(k−1) − 1)/s down before adding 1.`]);
    candidates.push([Math.floor(n / s), `dividing the length by the stride forgets the ${w}: count the positions where the whole ${w} fits.`]);
  }
  candidates.push([Math.floor(inner / s), `off by one: the first window counts too, which is the +1 in the formula.`]);
  candidates.push([Math.floor(inner / s) + 2, `off by one: the last window must end inside the ${p > 0 ? 'padded ' : ''}input.`]);
  const out: Record<string, string> = {};
  for (const [value, say] of candidates) {
    const key = String(value);
    if (value !== right && !(key in out)) out[key] = say;
  }
  return out;
}

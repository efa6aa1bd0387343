/** The learning-rate sweep: the notebook's α list, and what its curves say. */
import type { LossHistory } from './loss-series';
import { lastValidation } from './loss-series';
import { formatAlpha } from './format';

export const SWEEP_ALPHAS = [1, 0.1, 0.01] as const;

export interface SweepOutcome { alpha: number; history: LossHistory; finished: boolean }

/** Mean of the first `k` finite train losses (the starting level, ≈ ln 10 ≈ 2.3 for a fresh net). */
function startLevel(h: LossHistory, k = 20): number {
  const v = h.train.filter(Number.isFinite).slice(0, k);
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN;
}

/** Mean of the last `k` train losses; NaN if any of them diverged. */
function endLevel(h: LossHistory, k = 50): number {
  const v = h.train.slice(-k);
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN;
}

export interface SweepVerdict {
  /** The α with the lowest final validation loss among the runs that learned, if any. */
  best?: number;
  /** α values whose loss did not fall (too high a rate or diverged). */
  stuck: number[];
  text: string;
}

/**
 * Reads the sweep the way the notebook's text does: a run "learned" if its train loss fell clearly
 * below where it started; among those, the lowest final validation loss wins.
 */
export function sweepVerdict(outcomes: readonly SweepOutcome[]): SweepVerdict {
  const stuck: number[] = [];
  let best: { alpha: number; val: number } | undefined;
  for (const o of outcomes) {
    const start = startLevel(o.history);
    const end = endLevel(o.history);
    const learned = Number.isFinite(end) && Number.isFinite(start) && end < 0.7 * start;
    if (!learned) {
      stuck.push(o.alpha);
      continue;
    }
    const val = lastValidation(o.history) ?? end;
    if (!best || val < best.val) best = { alpha: o.alpha, val };
  }
  const parts: string[] = [];
  if (stuck.length) {
    parts.push(`The loss did not fall for α = ${stuck.map(formatAlpha).join(', ')}.`);
  }
  if (best) {
    parts.push(`α = ${formatAlpha(best.alpha)} reached the lowest validation loss (${best.val.toFixed(3)}), so it is the one to train with.`);
  } else {
    parts.push('None of the runs has learned yet; run longer to compare them.');
  }
  return { best: best?.alpha, stuck, text: parts.join(' ') };
}

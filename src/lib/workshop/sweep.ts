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

export type RunShape = 'diverged' | 'flat' | 'slow' | 'learned';

/** How a run's train loss moved: compared with where it started (≈ ln 10 ≈ 2.3 for a fresh net). */
export function runShape(h: LossHistory): RunShape {
  const start = startLevel(h);
  const end = endLevel(h);
  if (!Number.isFinite(end) || !Number.isFinite(start)) return 'diverged';
  if (end >= 0.97 * start) return 'flat';
  if (end >= 0.7 * start) return 'slow';
  return 'learned';
}

export interface SweepVerdict {
  /** The α with the lowest final validation loss among the runs that learned, if any. */
  best?: number;
  /** α values whose loss did not clearly fall (flat, diverged or too slow). */
  stuck: number[];
  text: string;
}

const SHAPE_TEXT: Record<Exclude<RunShape, 'learned'>, string> = {
  diverged: 'the loss diverged (NaN)',
  flat: 'the loss did not improve at all',
  slow: 'the loss barely fell within the run',
};

/**
 * Reads the sweep the way the notebook's text does: a run learned if its train loss fell clearly
 * below where it started; among those the lowest final validation loss wins; a rate above the
 * winner that did not learn is too high, one below it too low (too slow).
 */
export function sweepVerdict(outcomes: readonly SweepOutcome[]): SweepVerdict {
  const stuck: number[] = [];
  let best: { alpha: number; val: number } | undefined;
  const shapes = outcomes.map((o) => runShape(o.history));
  outcomes.forEach((o, i) => {
    if (shapes[i] !== 'learned') {
      stuck.push(o.alpha);
      return;
    }
    const val = lastValidation(o.history) ?? endLevel(o.history);
    if (!best || val < best.val) best = { alpha: o.alpha, val };
  });
  const parts: string[] = [];
  outcomes.forEach((o, i) => {
    const shape = shapes[i];
    if (shape === 'learned') return;
    const why = best === undefined ? '' : o.alpha > best.alpha ? ' (too high a rate)' : ' (too low a rate: too slow)';
    parts.push(`α = ${formatAlpha(o.alpha)}: ${SHAPE_TEXT[shape]}${why}.`);
  });
  if (best) {
    parts.push(`α = ${formatAlpha(best.alpha)} reached the lowest validation loss (${best.val.toFixed(3)}), so it is the one to train with.`);
  } else {
    parts.push('None of the runs has learned yet; run longer to compare them.');
  }
  return { best: best?.alpha, stuck, text: parts.join(' ') };
}

/** The learning-rate sweep: the notebook's α list, and what its curves say. */
import { formatAlpha } from './format';

export const SWEEP_ALPHAS = [1, 0.1, 0.01] as const;

/** One run of the sweep, as the notebook's train() returns it. */
export interface SweepRun {
  alpha: number;
  lossTrainList: number[];
  lossValidationList: number[];
}

export type RunShape = 'diverged' | 'flat' | 'slow' | 'learned';

/** ln 10: the loss of an untrained net that spreads its bets evenly over the ten digits. */
const CHANCE_LOSS = Math.log(10);

/** Mean of the last `k` train losses (NaN if there are none or any diverged). */
function endOfTrain(losses: number[], k = 50): number {
  const v = losses.slice(-k);
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN;
}

/** Where the run started and ended: the first and last validation loss (the train loss when there is none). */
export function startAndEnd(run: SweepRun): { start: number; end: number } {
  const v = run.lossValidationList;
  const start = v.length > 1 && Number.isFinite(v[0]) ? v[0] : CHANCE_LOSS;
  const end = v.length > 1 ? v[v.length - 1] : endOfTrain(run.lossTrainList);
  return { start, end };
}

/**
 * How a run's loss moved from where it started (≈ ln 10 for a fresh net; the validation loss, so the
 * train loss's early spikes at a high rate do not count): it diverged, stayed flat, fell a little, or
 * learned (at least halved).
 */
export function runShape(run: SweepRun): RunShape {
  const { start, end } = startAndEnd(run);
  if (!Number.isFinite(end) || run.lossTrainList.some((l) => !Number.isFinite(l))) return 'diverged';
  if (start - end < 0.01) return 'flat';
  if (end > 0.5 * start) return 'slow';
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
  slow: 'the loss fell only a little within the run',
};

/**
 * Reads the sweep the way the notebook's text does: among the runs that learned, the lowest final
 * validation loss wins; a rate above the winner that did not learn is too high, one below it too low.
 */
export function sweepVerdict(runs: readonly SweepRun[]): SweepVerdict {
  const stuck: number[] = [];
  let best: { alpha: number; val: number } | undefined;
  const shapes = runs.map(runShape);
  runs.forEach((r, i) => {
    if (shapes[i] !== 'learned') {
      stuck.push(r.alpha);
      return;
    }
    const { end } = startAndEnd(r);
    if (!best || end < best.val) best = { alpha: r.alpha, val: end };
  });
  const parts: string[] = [];
  runs.forEach((r, i) => {
    const shape = shapes[i];
    if (shape === 'learned') return;
    const why = best === undefined ? '' : r.alpha > best.alpha ? ' (too high a rate)' : ' (too low a rate: too slow)';
    parts.push(`α = ${formatAlpha(r.alpha)}: ${SHAPE_TEXT[shape]}${why}.`);
  });
  if (best) parts.push(`α = ${formatAlpha(best.alpha)} reached the lowest validation loss (${best.val.toFixed(3)}), so it is the one to train with.`);
  else parts.push('None of the runs has learned yet; run longer to compare them.');
  return { best: best?.alpha, stuck, text: parts.join(' ') };
}

/**
 * Loss curves as the notebook keeps them (train loss per step, validation loss every 100 steps) and
 * their shaping for the live charts. Long runs are bucketed so a redraw stays cheap.
 */
export interface ValidationPoint { step: number; loss: number }
export interface LossHistory { train: number[]; validation: ValidationPoint[] }

export function emptyHistory(): LossHistory {
  return { train: [], validation: [] };
}

/** Appends train losses that start at `fromStep` (0-based); gaps or overlaps are resolved by step. */
export function appendTrain(history: LossHistory, fromStep: number, losses: ArrayLike<number>): void {
  if (!Number.isInteger(fromStep) || fromStep < 0) throw new RangeError(`fromStep must be a non-negative integer, got ${fromStep}`);
  if (fromStep > history.train.length) {
    // Steps we never heard about (e.g. dropped messages) stay as gaps rather than shifting the curve.
    for (let i = history.train.length; i < fromStep; i++) history.train.push(NaN);
  }
  for (let i = 0; i < losses.length; i++) history.train[fromStep + i] = losses[i];
}

export function appendValidation(history: LossHistory, point: ValidationPoint): void {
  const v = history.validation;
  const last = v[v.length - 1];
  if (last && last.step === point.step) v[v.length - 1] = point;
  else if (!last || last.step < point.step) v.push(point);
  else {
    const at = v.findIndex((p) => p.step >= point.step);
    if (v[at].step === point.step) v[at] = point;
    else v.splice(at, 0, point);
  }
}

/**
 * Mean over consecutive buckets so that at most `maxPoints` remain; x is the bucket's middle step.
 * A bucket holding a NaN/∞ (a diverged step) becomes NaN, which Plot draws as a gap.
 */
export function bucketMeans(values: ArrayLike<number>, maxPoints: number, stepOffset = 0): ValidationPoint[] {
  if (!(maxPoints >= 1)) throw new RangeError(`maxPoints must be ≥ 1, got ${maxPoints}`);
  const n = values.length;
  const size = Math.max(1, Math.ceil(n / maxPoints));
  const out: ValidationPoint[] = [];
  for (let start = 0; start < n; start += size) {
    const end = Math.min(n, start + size);
    let sum = 0;
    for (let i = start; i < end; i++) sum += values[i];
    const mean = sum / (end - start);
    out.push({ step: stepOffset + (size === 1 ? start : (start + end - 1) / 2), loss: Number.isFinite(mean) ? mean : NaN });
  }
  return out;
}

/** The two curves of one run for a chart: bucketed train losses and the validation points. */
export function chartSeries(history: LossHistory, maxPoints = 400): { train: ValidationPoint[]; validation: ValidationPoint[] } {
  return {
    train: bucketMeans(history.train, maxPoints),
    validation: history.validation.map((p) => ({ step: p.step, loss: Number.isFinite(p.loss) ? p.loss : NaN })),
  };
}

/** Last finite validation loss, or undefined. */
export function lastValidation(history: LossHistory): number | undefined {
  for (let i = history.validation.length - 1; i >= 0; i--) {
    if (Number.isFinite(history.validation[i].loss)) return history.validation[i].loss;
  }
  return undefined;
}

/** From the worker's TrainHistory (the notebook's three lists) to a LossHistory. */
export function fromTrainHistory(h: { trainLosses: number[]; valLosses: number[]; valSteps: number[] }): LossHistory {
  if (h.valLosses.length !== h.valSteps.length) {
    throw new RangeError(`valLosses (${h.valLosses.length}) and valSteps (${h.valSteps.length}) differ in length`);
  }
  return {
    train: h.trainLosses.slice(),
    validation: h.valSteps.map((step, i) => ({ step, loss: h.valLosses[i] })),
  };
}

/**
 * Loss curves for the live training view: the train loss of every step, bucketed so a redraw of a
 * long run (18,440 steps) stays cheap.
 */
export interface ValidationPoint { step: number; loss: number }

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

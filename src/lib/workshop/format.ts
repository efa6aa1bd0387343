/** Human-readable durations, rates and rates of error for the workshop's progress lines. */

/** 3725 → "1 h 02 min", 125 → "2 min 05 s", 9.4 → "9 s". Negative or non-finite → "—". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  const h = Math.floor(m / 60);
  return `${h} h ${String(m % 60).padStart(2, '0')} min`;
}

/** 1234.5 → "1,235 img/s"; a rate of 0 or unknown → "—". */
export function formatRate(imagesPerSecond: number): string {
  if (!Number.isFinite(imagesPerSecond) || imagesPerSecond <= 0) return '—';
  return `${Math.round(imagesPerSecond).toLocaleString('en-US')} img/s`;
}

/** A loss value with 4 significant digits; NaN/∞ (a diverged run) say so. */
export function formatLoss(loss: number | undefined): string {
  if (loss === undefined) return '—';
  if (Number.isNaN(loss)) return 'NaN (diverged)';
  if (!Number.isFinite(loss)) return '∞ (diverged)';
  return loss.toPrecision(4);
}

/** 0.0091 → "0.91%". */
export function formatPercent(fraction: number, digits = 2): string {
  if (!Number.isFinite(fraction)) return '—';
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** Learning rates as the notebook prints them with '{:g}': 1, 0.1, 0.01. */
export function formatAlpha(alpha: number): string {
  return String(Number(alpha.toPrecision(6)));
}

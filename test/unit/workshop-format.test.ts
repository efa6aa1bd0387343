import { describe, expect, it } from 'vitest';
import { formatAlpha, formatDuration, formatLoss, formatPercent, formatRate } from '../../src/lib/workshop/format';

describe('format', () => {
  it('formats durations', () => {
    expect(formatDuration(9.4)).toBe('9 s');
    expect(formatDuration(125)).toBe('2 min 05 s');
    expect(formatDuration(3725)).toBe('1 h 02 min');
    expect(formatDuration(NaN)).toBe('—');
    expect(formatDuration(-1)).toBe('—');
  });
  it('formats rates, losses, percents and learning rates', () => {
    expect(formatRate(1234.5)).toBe('1,235 img/s');
    expect(formatRate(0)).toBe('—');
    expect(formatLoss(2.302585)).toBe('2.303');
    expect(formatLoss(NaN)).toBe('NaN (diverged)');
    expect(formatLoss(undefined)).toBe('—');
    expect(formatPercent(0.0091)).toBe('0.91%');
    expect([1, 0.1, 0.01].map(formatAlpha)).toEqual(['1', '0.1', '0.01']);
  });
});

import { describe, expect, it } from 'vitest';
import { alphaTex, formatAlpha, formatDuration, formatLoss, formatPercent, formatRate } from '../../src/lib/workshop/format';
import { EtaEstimator } from '../../src/lib/workshop/eta';
import { testRiskTex, twoSignificant } from '../../src/lib/workshop/risk-tex';
import { parseEpochs, parseRunParams, parseStepLimit, totalSteps } from '../../src/lib/workshop/run-params';
import katex from 'katex';

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
    expect([1, 0.1, 0.01].map(alphaTex)).toEqual(['10^{0}', '10^{-1}', '10^{-2}']);
    expect(alphaTex(0.05)).toBe('0.05');
  });
});

describe('EtaEstimator', () => {
  it('estimates from the recent rate, ignoring a slow start outside the window', () => {
    const eta = new EtaEstimator(10_000);
    eta.add(0, 0);
    eta.add(1, 5_000); // a slow first step (compilation)
    for (let t = 6_000; t <= 30_000; t += 1_000) eta.add(1 + (t - 5_000) / 100, t); // 10 steps/s after that
    expect(eta.stepsPerSecond()).toBeCloseTo(10, 6);
    const last = 1 + 25_000 / 100;
    expect(eta.secondsLeft(last + 100)).toBeCloseTo(10, 6);
    expect(eta.secondsLeft(0)).toBe(0);
  });
  it('is unknown before two samples and resets when the step goes back', () => {
    const eta = new EtaEstimator();
    expect(eta.secondsLeft(100)).toBeNaN();
    eta.add(10, 1000);
    eta.add(20, 2000);
    eta.add(0, 3000); // a new run
    expect(eta.stepsPerSecond()).toBeNaN();
  });
});

describe('test risk TeX', () => {
  it('shows the count and the notebook’s two significant digits, and KaTeX accepts it', () => {
    const tex = testRiskTex(91, 10_000);
    expect(tex).toContain(String.raw`\frac{91}{10{,}000}`);
    expect(tex.endsWith('= 0.0091')).toBe(true);
    expect(() => katex.renderToString(tex, { throwOnError: true })).not.toThrow();
    expect(twoSignificant(0.0123)).toBe('0.012');
    expect(twoSignificant(0)).toBe('0');
    expect(() => testRiskTex(11, 10)).toThrow(RangeError);
  });
});

describe('run params', () => {
  it('reads test overrides from the URL and ignores bad ones', () => {
    expect(parseRunParams('?train-steps=150&sweep-steps=100&epochs=2')).toEqual({ epochs: 2, trainSteps: 150, sweepSteps: 100 });
    expect(parseRunParams('')).toEqual({ epochs: 20, trainSteps: undefined, sweepSteps: undefined });
    expect(parseRunParams('?train-steps=-3&epochs=1.5')).toEqual({ epochs: 20, trainSteps: undefined, sweepSteps: undefined });
  });
  it('validates the form fields with messages', () => {
    expect(parseEpochs('20')).toEqual({ ok: true, value: 20 });
    const bad = parseEpochs('abc');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toContain('abc');
    expect(parseEpochs('0').ok).toBe(false);
    expect(parseStepLimit('')).toEqual({ ok: true, value: undefined });
    expect(parseStepLimit('150')).toEqual({ ok: true, value: 150 });
    expect(parseStepLimit('1.5').ok).toBe(false);
  });
  it('counts steps as the notebook’s DataLoader does (922 per epoch)', () => {
    expect(totalSteps(1)).toBe(922);
    expect(totalSteps(20)).toBe(18_440);
    expect(totalSteps(20, 58_976, 64, 150)).toBe(150);
  });
});

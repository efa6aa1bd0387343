import { describe, expect, it } from 'vitest';
import { formatScaling } from '../../src/lib/tfjs/profile-scaling';
import type { ProfileRow } from '../../src/lib/tfjs/step-profile';

const row = (what: string, ms: number): ProfileRow => ({ phase: 'forward', what, ms, kernels: {} });

describe('formatScaling', () => {
  it('puts each part at 1 and N threads side by side, with speedup and efficiency', () => {
    const text = formatScaling([
      { threads: 2, rows: [row('C1', 0.5), row('S2', 0.3)], stepMs: 2 },
      { threads: 1, rows: [row('C1', 1), row('S2', 0.3)], stepMs: 3 },
    ]);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/part\s+1 thr ms\s+2 thr ms\s+speedup\s+eff/);
    expect(lines[1]).toMatch(/^forward C1\s+1\.00\s+0\.50\s+2\.00×\s+100%$/);
    expect(lines[2]).toMatch(/^forward S2\s+0\.30\s+0\.30\s+1\.00×\s+50%$/);
    expect(lines[3]).toMatch(/^step\s+3\.00\s+2\.00\s+1\.50×\s+75%$/);
  });

  it('says what it needs without a 1-thread profile', () => {
    expect(formatScaling([{ threads: 2, rows: [], stepMs: 1 }])).toMatch(/needs a 1-thread profile/);
  });
});

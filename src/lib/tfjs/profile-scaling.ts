// How each part of a training step scales with threads: the bench's --profile rows at 1 thread and
// at more, side by side, with the speedup and the parallel efficiency (speedup ÷ threads). Pure.
import type { ProfileRow } from './step-profile';

export interface ThreadProfile {
  threads: number;
  rows: ProfileRow[];
  stepMs: number;
}

/** The table: one line per part (phase and layer), then the whole step. Needs a 1-thread profile. */
export function formatScaling(profiles: ThreadProfile[]): string {
  const base = profiles.find((p) => p.threads === 1);
  const others = profiles.filter((p) => p.threads > 1).sort((a, b) => a.threads - b.threads);
  if (!base || !others.length) return 'scaling: needs a 1-thread profile and one with more threads (--threads 1,2)';
  const cols = others.map((p) => `${`${p.threads} thr ms`.padStart(9)} ${'speedup'.padStart(7)} ${'eff'.padStart(5)}`).join(' ');
  const lines = [`${'part'.padEnd(22)} ${'1 thr ms'.padStart(8)} ${cols}`];
  const cell = (t1: number, tn: number, n: number) => {
    const speedup = tn > 0 ? t1 / tn : NaN;
    return `${tn.toFixed(2).padStart(9)} ${`${speedup.toFixed(2)}×`.padStart(7)} ${`${Math.round((100 * speedup) / n)}%`.padStart(5)}`;
  };
  const id = (r: ProfileRow) => `${r.phase} ${r.what}`;
  for (const r of base.rows) {
    const at = others.map((p) => p.rows.find((o) => id(o) === id(r))?.ms ?? NaN);
    lines.push(`${id(r).padEnd(22)} ${r.ms.toFixed(2).padStart(8)} ${at.map((ms, i) => cell(r.ms, ms, others[i].threads)).join(' ')}`);
  }
  lines.push(`${'step'.padEnd(22)} ${base.stepMs.toFixed(2).padStart(8)} ${others.map((p) => cell(base.stepMs, p.stepMs, p.threads)).join(' ')}`);
  return lines.join('\n');
}

// The benches' reading of /proc: a process's parent and CPU time, its PSS, and a browser's tree.
import { describe, expect, it } from 'vitest';
import { descendants, parsePssKb, parseStat, processTree } from '../../scripts/proc-tree.mjs';

describe('proc-tree', () => {
  it('reads ppid and CPU seconds after the last parenthesis of the command name', () => {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime …
    const stat = '4242 (Web Content (x) y) S 17 4242 4242 0 -1 4194560 100 0 0 0 250 75 0 0 20 0 12 0';
    expect(parseStat(stat)).toEqual({ ppid: 17, cpuSeconds: 3.25 });
  });

  it('reads the Pss line of smaps_rollup in kB, and 0 without one', () => {
    const rollup = '55d0-7ffc ---p 00000000 00:00 0 [rollup]\nRss:              412340 kB\nPss:              301122 kB\nPss_Anon:         250000 kB\n';
    expect(parsePssKb(rollup)).toBe(301122);
    expect(parsePssKb('Rss: 5 kB\n')).toBe(0);
    expect(parsePssKb(rollup, 'Pss_Anon')).toBe(250000);
  });

  it('finds every process below the root, at any depth, and nothing beside it', () => {
    const parents = new Map([[1, 0], [10, 1], [11, 10], [12, 10], [13, 11], [14, 13], [20, 1], [21, 20]]);
    expect([...descendants(parents, 10)].map(Number).sort((a, b) => a - b)).toEqual([10, 11, 12, 13, 14]);
    expect(descendants(parents, 99)).toEqual([]);
  });

  // /proc is Linux's: elsewhere the test is reported skipped, not passed.
  it.runIf(process.platform === 'linux')('reads this test process from /proc, with its PSS', () => {
    const [self] = processTree(process.pid, { pss: true });
    expect(self.pid).toBe(process.pid);
    expect(self.pssKb).toBeGreaterThan(1000);
    expect(self.cpuSeconds).toBeGreaterThan(0);
  });
});

// A browser's process tree from Linux's /proc, for the benches: the browser's pid and every process
// below it (renderers, GPU, utility, zygotes), with the CPU time and the proportional set size of each.
// The parsing is pure (unit-tested in test/unit/proc-tree.test.ts); `processTree` and `treePss` read /proc.
import { readdirSync, readFileSync } from 'node:fs';

const TICK = 100; // USER_HZ on Linux

/**
 * One /proc/<pid>/stat line → its parent and CPU seconds (user + system). The command name, in
 * parentheses, may itself hold spaces and parentheses: the fields start after the last ')'.
 * @param {string} stat
 */
export function parseStat(stat) {
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(f[1]), cpuSeconds: (Number(f[11]) + Number(f[12])) / TICK };
}

/**
 * The proportional set size in kB from /proc/<pid>/smaps_rollup (shared pages count once in all,
 * split between the processes that share them), or 0 when the line is missing. `field` 'Pss_Anon'
 * or 'Pss_Shmem' reads the heap's and shared memory's part: without 'Pss_File', the libraries'
 * pages, whose share changes whenever another program maps the same files.
 * @param {string} rollup
 */
export function parsePssKb(rollup, field = 'Pss') {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(rollup);
  return m ? Number(m[1]) : 0;
}

/**
 * The pids of `root` and of every process below it, given each process's parent.
 * @param {Map<number, number>} parents pid → ppid
 * @param {number} root
 */
export function descendants(parents, root) {
  const children = new Map();
  for (const [pid, ppid] of parents) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const out = [];
  const stack = parents.has(root) ? [root] : [];
  while (stack.length) {
    const pid = stack.pop();
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

/**
 * The processes of the tree under `rootPid` now: pid, CPU seconds so far and, with `pss`, PSS in kB
 * (all of it, and its anonymous + shared-memory part) and the Chromium process type (`--type=renderer`, …; 'browser' for the root). A process that ends
 * meanwhile is left out.
 * @param {number} rootPid
 * @param {{ pss?: boolean }} [opts]
 */
export function processTree(rootPid, opts = {}) {
  const stats = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      stats.set(Number(d), parseStat(readFileSync(`/proc/${d}/stat`, 'utf8')));
    } catch {
      // the process ended meanwhile
    }
  }
  const parents = new Map([...stats].map(([pid, s]) => [pid, s.ppid]));
  const out = [];
  for (const pid of descendants(parents, rootPid)) {
    const entry = { pid, cpuSeconds: stats.get(pid).cpuSeconds, pssKb: 0, anonKb: 0, type: '' };
    if (opts.pss) {
      try {
        const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
        entry.pssKb = parsePssKb(rollup);
        entry.anonKb = parsePssKb(rollup, 'Pss_Anon') + parsePssKb(rollup, 'Pss_Shmem');
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        entry.type = /--type=([\w-]+)/.exec(cmd)?.[1] ?? (pid === rootPid ? 'browser' : 'other');
      } catch {
        continue; // ended meanwhile
      }
    }
    out.push(entry);
  }
  return out;
}

/**
 * The PSS now of rootPid's tree: the total, the anonymous and shared part (Pss_Anon + Pss_Shmem) and
 * the total per process type, in kB.
 * @param {number} rootPid
 */
export function treePss(rootPid) {
  const byType = /** @type {Record<string, number>} */ ({});
  let total = 0;
  let anon = 0;
  for (const p of processTree(rootPid, { pss: true })) {
    total += p.pssKb;
    anon += p.anonKb;
    byType[p.type] = (byType[p.type] ?? 0) + p.pssKb;
  }
  return { total, anon, byType };
}

// "Last updated" of a source file from git, at build time (Node). A build from a tarball without .git,
// or without git at all, gets undefined and the page simply shows no date.
import { execFileSync } from 'node:child_process';

export function lastCommitDate(file: string, cwd: string = process.cwd()): string | undefined {
  try {
    const out = execFileSync('git', ['log', '-1', '--format=%cI', '--', file], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 10_000,
    }).trim();
    return out || undefined;
  } catch {
    return undefined;
  }
}

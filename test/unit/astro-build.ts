// One `astro build` of a throw-away copy of the site (the build tests' own), with the site's node_modules.
import { execFile } from 'node:child_process';
import { join } from 'node:path';

// Vitest puts its own import.meta.env values (BASE_URL = "/", MODE …) in process.env; the build must not see them.
const { BASE_URL: _b, MODE: _m, DEV: _d, PROD: _p, SSR: _s, ...env } = process.env;

/** Builds the site copy in `work` into `work/dist`, with astro from `root`; the exit code and all output. */
export function astroBuild(root: string, work: string, timeout: number): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [join(root, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', join(work, 'dist')],
      { cwd: work, env: { ...env, FORCE_COLOR: '0', NO_COLOR: '1' }, timeout },
      (err, stdout, stderr) => done({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, output: stdout + stderr }),
    );
  });
}

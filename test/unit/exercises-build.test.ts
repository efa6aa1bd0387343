// Builds a throw-away copy of the site whose lecture has an <Exercise> with a wrong prop, and checks
// that `astro build` fails naming the MDX file, the exercise and the prop — what an instructor sees.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'cnn-exercise-props-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function copyProject(content: Record<string, string>) {
  for (const f of ['astro.config.mjs', 'package.json', 'tsconfig.json']) cpSync(join(root, f), join(work, f));
  for (const d of ['src', 'public']) cpSync(join(root, d), join(work, d), { recursive: true });
  mkdirSync(join(work, 'node_modules'));
  for (const name of readdirSync(join(root, 'node_modules'))) {
    if (name === '.astro' || name === '.vite') continue;
    symlinkSync(join(root, 'node_modules', name), join(work, 'node_modules', name));
  }
  for (const [path, text] of Object.entries(content)) {
    mkdirSync(join(work, path, '..'), { recursive: true });
    writeFileSync(join(work, path), text);
  }
}

// Vitest puts its own import.meta.env values (BASE_URL = "/", MODE …) in process.env; the build must not see them.
const { BASE_URL: _b, MODE: _m, DEV: _d, PROD: _p, SSR: _s, ...env } = process.env;

function build(): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [join(root, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', join(work, 'dist')],
      { cwd: work, env: { ...env, FORCE_COLOR: '0', NO_COLOR: '1' }, timeout: 150_000 },
      (err, stdout, stderr) => done({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, output: stdout + stderr }),
    );
  });
}

const page = (exercise: string) => `---\nnumber: 99\ntitle: Broken exercise\nkind: lecture\nsummary: A test page.\n---\n\n## Section\n\n${exercise}\n`;

describe('<Exercise> props at build time', () => {
  it('a wrong prop fails the build naming the file, the exercise and the prop', async () => {
    copyProject({
      'content/lectures/99-broken.mdx': page('<Exercise id="bad-answer" title="Typo" answer="five">\n\nHow many?\n\n<Hint>\n\nCount.\n\n</Hint>\n\n<Solution>\n\nFive.\n\n</Solution>\n\n</Exercise>'),
      'content/workshops/99-ok.mdx': '---\nnumber: 99\ntitle: Fine\nkind: workshop\nsummary: ok\n---\n\nText.\n',
    });
    const { code, output } = await build();
    expect(code).not.toBe(0);
    expect(output).toContain('content/lectures/99-broken.mdx: <Exercise id="bad-answer">: prop "answer" must be a finite number, got "five"');
  }, 180_000);
});

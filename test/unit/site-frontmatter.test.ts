// Builds a throw-away copy of the site whose content has a bad frontmatter field, and checks that
// `astro build` fails with a message naming the file — what an instructor sees after a typo.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'cnn-frontmatter-'));

function copyProject(content: Record<string, string>) {
  for (const f of ['astro.config.mjs', 'package.json', 'tsconfig.json']) cpSync(join(root, f), join(work, f));
  for (const d of ['src', 'public']) cpSync(join(root, d), join(work, d), { recursive: true });
  // Own node_modules folder of links, so Astro's cache (node_modules/.astro) stays separate.
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

function build(): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [join(root, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', join(work, 'dist')],
      { cwd: work, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' }, timeout: 120_000 },
      (err, stdout, stderr) => done({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, output: stdout + stderr }),
    );
  });
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('content frontmatter', () => {
  it('fails the build naming the file when a required field is missing or wrong', async () => {
    copyProject({
      'content/lectures/99-broken.mdx': '---\nnumber: "ninety-nine"\ntitle: Broken\nkind: lecture\n---\n\nText.\n',
      'content/workshops/10-ok.mdx': '---\nnumber: 10\ntitle: Fine\nkind: workshop\nsummary: ok\n---\n\nText.\n',
    });
    const { code, output } = await build();
    expect(code).not.toBe(0);
    expect(output).toMatch(/99-broken/);
    expect(output).toMatch(/number/);
    expect(output).toMatch(/summary/);
  }, 150_000);
});

// One real `astro build` of a throw-away copy of the site, as an instructor meets it: the page `npm run new`
// writes builds and is at once in the contents and in prev/next, and a page holding every example of the
// authoring reference renders; then a mistake fails the build (before any page renders) naming the file,
// the line, the component and the prop.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { astroBuild } from './astro-build';
import { COMPONENTS } from '../../src/lib/authoring/components';

const root = resolve(__dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'cnn-authoring-'));

beforeAll(() => {
  for (const f of ['astro.config.mjs', 'package.json', 'tsconfig.json']) cpSync(join(root, f), join(work, f));
  for (const d of ['src', 'public', 'scripts', 'content']) cpSync(join(root, d), join(work, d), { recursive: true });
  // Own node_modules folder of links, so Astro's cache (node_modules/.astro) stays separate.
  mkdirSync(join(work, 'node_modules'));
  for (const name of readdirSync(join(root, 'node_modules'))) {
    if (name === '.astro' || name === '.vite') continue;
    symlinkSync(join(root, 'node_modules', name), join(work, 'node_modules', name));
  }
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const build = () => astroBuild(root, work, 230_000);

/** Every example of the authoring page, one after another (Hint and Solution live in the exercises). */
const allExamples = COMPONENTS.filter((c) => c.name !== 'Hint' && c.name !== 'Solution')
  .flatMap((c) => c.examples.map((e) => e.mdx))
  .join('\n\n');

describe('an instructor\'s new page, in a real build', () => {
  it('`npm run new` writes a page that builds, in the contents and in prev/next at once; every example renders', async () => {
    const made = spawnSync(process.execPath, [join(work, 'scripts/new-page.mjs'), 'lecture', '11', 'Recurrent networks'], { cwd: work, encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    writeFileSync(join(work, 'content/lectures/98-examples.mdx'), `---\nnumber: 98\ntitle: Every example\nkind: lecture\nsummary: The authoring page's examples.\n---\n\n## Examples\n\n${allExamples}\n`);
    const { code, output } = await build();
    expect(output).not.toMatch(/\[ERROR\]/);
    expect(code).toBe(0);
    const page = readFileSync(join(work, 'dist/lectures/11-recurrent-networks/index.html'), 'utf8');
    expect(page).toContain('<h1>Recurrent networks</h1>');
    expect(page).toContain('id="fig-lecture-11-stride"'); // the widget
    expect(page).toContain('data-exercise="lecture-11-output-size"'); // the exercise
    expect(page).toMatch(/data-cell="lecture-11-first-cell"/); // the cell…
    expect(page).toContain('PyTorch (the original notebook)'); // …with its original
    expect(page).toMatch(/class="katex-display"/); // the math
    expect(page).toMatch(/rel="prev" href="\/cnn-course\/workshops\/10-lenet5\/"/);
    const workshop = readFileSync(join(work, 'dist/workshops/10-lenet5/index.html'), 'utf8');
    expect(workshop).toMatch(/rel="next" href="\/cnn-course\/lectures\/11-recurrent-networks\/"/);
    const home = readFileSync(join(work, 'dist/index.html'), 'utf8');
    expect(home).toContain('href="/cnn-course/lectures/11-recurrent-networks/"');
    const examples = readFileSync(join(work, 'dist/lectures/98-examples/index.html'), 'utf8');
    expect(examples.match(/<concept-1d /g)).toHaveLength(10);
    expect(examples.match(/data-exercise="/g)).toHaveLength(4);
    expect(examples.match(/<nb-cell/g)?.length).toBe(COMPONENTS.find((c) => c.name === 'NotebookCell')!.examples.length);
  }, 240_000);

  it('a mistake fails the build naming the file, the line, the component and the prop', async () => {
    rmSync(join(work, 'content/lectures/98-examples.mdx'));
    const file = join(work, 'content/lectures/11-recurrent-networks.mdx');
    const text = readFileSync(file, 'utf8').replace('stride={2} caption=', 'stride={1.5} caption=');
    writeFileSync(file, text);
    const line = text.split('\n').findIndex((l) => l.includes('stride={1.5}')) + 1;
    const { code, output } = await build();
    expect(code).not.toBe(0);
    expect(output).toContain(`content/lectures/11-recurrent-networks.mdx:${line}:1: <Stride>: prop "stride": Stride s must be a whole number from 1 to 8, got 1.5`);
    expect(output).toMatch(new RegExp(`Location:\\s+\\S*content/lectures/11-recurrent-networks\\.mdx:${line}:1`)); // and Astro's own pointer
  }, 240_000);
});

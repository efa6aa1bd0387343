// Builds a throw-away copy of the site with exercises written the way an instructor writes them: a few
// lines of MDX build into working exercises, and a wrong prop fails `astro build` naming the MDX file,
// the line, the exercise and the prop.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { astroBuild } from './astro-build';

const root = resolve(__dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'cnn-exercise-props-'));

beforeAll(() => {
  for (const f of ['astro.config.mjs', 'package.json', 'tsconfig.json']) cpSync(join(root, f), join(work, f));
  for (const d of ['src', 'public']) cpSync(join(root, d), join(work, d), { recursive: true });
  // Own node_modules folder of links, so Astro's cache (node_modules/.astro) stays separate.
  mkdirSync(join(work, 'node_modules'));
  for (const name of readdirSync(join(root, 'node_modules'))) {
    if (name === '.astro' || name === '.vite') continue;
    symlinkSync(join(root, 'node_modules', name), join(work, 'node_modules', name));
  }
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Replaces the content folder with one lecture holding `exercises`, and one workshop. */
function setContent(exercises: string) {
  rmSync(join(work, 'content'), { recursive: true, force: true });
  mkdirSync(join(work, 'content/lectures'), { recursive: true });
  mkdirSync(join(work, 'content/workshops'), { recursive: true });
  writeFileSync(join(work, 'content/lectures/99-test.mdx'), `---\nnumber: 99\ntitle: Test lecture\nkind: lecture\nsummary: A test page.\n---\n\n## Section\n\n${exercises}\n`);
  writeFileSync(join(work, 'content/workshops/99-ok.mdx'), '---\nnumber: 99\ntitle: Fine\nkind: workshop\nsummary: ok\n---\n\nText.\n');
}

const build = () => astroBuild(root, work, 170_000);

const help = '<Hint>\n\nCount.\n\n</Hint>\n\n<Solution>\n\nThe answer.\n\n</Solution>';
const exercise = (props: string, prompt = 'How many?') => `<Exercise ${props}>\n\n${prompt}\n\n${help}\n\n</Exercise>`;

describe('<Exercise> in an instructor\'s MDX', () => {
  it('a few lines of MDX make a number, a choice and a code exercise', async () => {
    setContent([
      exercise('id="pad" title="Keep the length" answer={2} mistakes={{ "4": "both ends together." }}', 'Which padding keeps the length for $k=5$?'),
      exercise('id="pick" title="Pick" choices={["$K=2$", "$K=3$"]} answer="$K=3$"'),
      exercise('id="pool" title="Pool" check="max-pool"', 'Write it.\n\n```ts\nfunction maxPool(x, size, stride = size) {\n  return [];\n}\n```'),
    ].join('\n\n'));
    const { code, output } = await build();
    expect(output).not.toMatch(/\[ERROR\]/);
    expect(code).toBe(0);
    const html = readFileSync(join(work, 'dist/lectures/99-test/index.html'), 'utf8');
    expect([...html.matchAll(/data-exercise="([^"]+)"/g)].map((m) => m[1])).toEqual(['pad', 'pick', 'pool']);
    expect(html).toContain('data-page="lectures/99-test/"');
    expect(html).toContain('Which padding keeps the length for');
    expect(html).toMatch(/class="katex"/);
    expect(html).toContain('data-ex-solution');
    expect(html).toContain('Lecture 99: 3 exercises'); // the table of contents' count before the script fills it
  }, 180_000);

  it('a wrong prop fails the build naming the file, the exercise and the prop', async () => {
    setContent(exercise('id="bad-answer" title="Typo" answer="five"'));
    const { code, output } = await build();
    expect(code).not.toBe(0);
    expect(output).toContain('content/lectures/99-test.mdx:10:1: <Exercise id="bad-answer">: prop "answer" must be a finite number, got "five"'); // file:line, as the page is parsed
  }, 180_000);
});

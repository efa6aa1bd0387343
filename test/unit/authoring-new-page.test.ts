// `npm run new`: the file name, the refusals and the starting page (src/lib/authoring/new-page.ts), and the
// script itself run into a temporary project folder.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileNumber, newPage, pageTemplate, readArgs, slugify } from '../../src/lib/authoring/new-page';
import { courseOrder, neighbours, type CourseItem } from '../../src/lib/site/course';

const root = resolve(__dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'cnn-new-page-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The frontmatter fields of a page (flat YAML: numbers, words and double-quoted strings). */
function frontmatter(text: string): Record<string, string | number> {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!m) throw new Error('no frontmatter');
  const out: Record<string, string | number> = {};
  for (const line of m[1].split('\n')) {
    const [, key, raw] = /^(\w+): (.*)$/.exec(line)!;
    out[key] = /^\d+$/.test(raw) ? Number(raw) : raw.startsWith('"') ? JSON.parse(raw) : raw;
  }
  return out;
}

describe('npm run new (the pure part)', () => {
  it('makes a file name from the number and the title', () => {
    expect(slugify('Recurrent networks')).toBe('recurrent-networks');
    expect(slugify('  Attention: is all you need?! ')).toBe('attention-is-all-you-need');
    expect(slugify('Réseaux récurrents')).toBe('reseaux-recurrents');
    expect(fileNumber('10-cnn.mdx')).toBe(10);
    expect(fileNumber('notes.mdx')).toBeNull();
    const page = newPage('lecture', 11, 'Recurrent networks', ['10-cnn.mdx']);
    expect(page).toMatchObject({ ok: true, file: 'content/lectures/11-recurrent-networks.mdx' });
  });

  it('refuses a number or a file that already exists, and bad arguments, saying why', () => {
    expect(newPage('lecture', 10, 'Something else', ['10-cnn.mdx'])).toEqual({
      ok: false,
      message: 'lecture 10 already exists: content/lectures/10-cnn.mdx; choose another number (nothing was written)',
    });
    expect(newPage('workshop', 10, 'LeNet5', ['10-lenet5.mdx'])).toEqual({
      ok: false,
      message: 'content/workshops/10-lenet5.mdx already exists; choose another title or number (nothing was written)',
    });
    expect(readArgs(['lecture', '11'])).toMatchObject({ ok: false, message: expect.stringMatching(/^expected 3 arguments, got 2\. usage: npm run new/) });
    expect(readArgs(['talk', '11', 'X'])).toMatchObject({ ok: false, message: expect.stringMatching(/^the kind must be "lecture" or "workshop", got "talk"/) });
    expect(readArgs(['lecture', '1.5', 'X'])).toMatchObject({ ok: false, message: expect.stringMatching(/^the number must be a whole number/) });
    expect(readArgs(['lecture', '11', '!!'])).toMatchObject({ ok: false, message: expect.stringMatching(/^the title needs at least one letter/) });
    expect(readArgs(['workshop', '11', ' RNNs '])).toEqual({ ok: true, kind: 'workshop', number: 11, title: 'RNNs' });
  });

  it('writes valid frontmatter and one example of each kind of block, with where to read more', () => {
    const text = pageTemplate('lecture', 11, 'Recurrent "networks": a start');
    expect(frontmatter(text)).toEqual({
      number: 11,
      title: 'Recurrent "networks": a start',
      kind: 'lecture',
      summary: 'Replace with one sentence on what lecture 11 covers (the contents page and search show it).',
    });
    expect(text).toMatch(/^\$\$\n[\s\S]+?\n\$\$$/m); // display math
    expect(text).toMatch(/^<Stride id="fig-lecture-11-stride" .* \/>$/m); // a widget
    expect(text).toMatch(/<Exercise id="lecture-11-output-size" title="[^"]+" answer=\{4\}>[\s\S]*<Hint>[\s\S]*<Solution>[\s\S]*<\/Exercise>/);
    expect(text).toMatch(/^```ts cell id=lecture-11-first-cell\n[\s\S]*?^```\n```python original\n/m); // a cell and its original
    expect(text).toContain('/cnn-course/authoring/');
    expect(text).toContain('src/lib/notebook/README.md');
  });

  it('a new page takes its place in the course order and in prev/next at once', () => {
    const item = (kind: CourseItem['kind'], slug: string, text: string): CourseItem => {
      const fm = frontmatter(text);
      return { kind, slug, number: fm.number as number, title: fm.title as string, summary: fm.summary as string };
    };
    const items = [
      item('lecture', '10-cnn', readFileSync(join(root, 'content/lectures/10-cnn.mdx'), 'utf8')),
      item('workshop', '10-lenet5', readFileSync(join(root, 'content/workshops/10-lenet5.mdx'), 'utf8')),
      item('lecture', '11-recurrent-networks', pageTemplate('lecture', 11, 'Recurrent networks')),
    ];
    expect(courseOrder(items).map((i) => i.slug)).toEqual(['10-cnn', '10-lenet5', '11-recurrent-networks']);
    expect(neighbours(items, 'lecture', '11-recurrent-networks').prev?.slug).toBe('10-lenet5');
    expect(neighbours(items, 'workshop', '10-lenet5').next?.slug).toBe('11-recurrent-networks');
  });
});

describe('npm run new (the script)', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [join(root, 'scripts/new-page.mjs'), '--root', work, ...args], { encoding: 'utf8' });

  it('writes the page, then refuses the same number and the same file without touching them', () => {
    mkdirSync(join(work, 'content/lectures'), { recursive: true });
    cpSync(join(root, 'content/lectures/10-cnn.mdx'), join(work, 'content/lectures/10-cnn.mdx'));
    const ok = run('lecture', '11', 'Recurrent networks');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('wrote content/lectures/11-recurrent-networks.mdx');
    const file = join(work, 'content/lectures/11-recurrent-networks.mdx');
    expect(readFileSync(file, 'utf8')).toBe(pageTemplate('lecture', 11, 'Recurrent networks'));

    const again = run('lecture', '11', 'Another title');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('npm run new: lecture 11 already exists: content/lectures/11-recurrent-networks.mdx');
    const old = run('lecture', '10', 'CNN');
    expect(old.status).toBe(1);
    expect(old.stderr).toContain('content/lectures/10-cnn.mdx already exists');
    expect(readdirSync(join(work, 'content/lectures')).sort()).toEqual(['10-cnn.mdx', '11-recurrent-networks.mdx']);

    const workshop = run('workshop', '11', 'Training an RNN');
    expect(workshop.status).toBe(0);
    expect(readdirSync(join(work, 'content/workshops'))).toEqual(['11-training-an-rnn.mdx']);
    expect(run('lecture', 'eleven', 'X').status).toBe(2);
  });

  it('is what `npm run new` runs', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.new).toBe('node scripts/new-page.mjs');
  });
});

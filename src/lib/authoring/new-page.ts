// `npm run new -- lecture 11 "Recurrent networks"`: the file name and the starting MDX of a new course
// page. Pure (no file system): scripts/new-page.mjs reads the folder, asks here, and writes the file.
// No imports, so Node runs this file as it is (type stripping) from the script.

export type PageKind = 'lecture' | 'workshop';
export const PAGE_KINDS: readonly PageKind[] = ['lecture', 'workshop'];

export type NewPage = { ok: true; file: string; text: string } | { ok: false; message: string };

const USAGE = 'usage: npm run new -- lecture|workshop NUMBER "Title"   (e.g. npm run new -- lecture 11 "Recurrent networks")';

/** "Recurrent networks" → "recurrent-networks": lower-case ASCII letters and digits joined by "-". */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** The number a course file starts with ("10-cnn.mdx" → 10), or null. */
export function fileNumber(name: string): number | null {
  const m = /^(\d+)-.*\.mdx$/.exec(name);
  return m ? Number(m[1]) : null;
}

/** Reads the command line (kind, number, title); a message that says what is wrong otherwise. */
export function readArgs(args: readonly string[]): { ok: true; kind: PageKind; number: number; title: string } | { ok: false; message: string } {
  if (args.length !== 3) return { ok: false, message: `expected 3 arguments, got ${args.length}. ${USAGE}` };
  const [kind, num, title] = args;
  if (!(PAGE_KINDS as readonly string[]).includes(kind)) return { ok: false, message: `the kind must be "lecture" or "workshop", got "${kind}". ${USAGE}` };
  if (!/^\d{1,3}$/.test(num)) return { ok: false, message: `the number must be a whole number from 0 to 999, got "${num}". ${USAGE}` };
  if (title.trim() === '' || !slugify(title)) return { ok: false, message: `the title needs at least one letter or digit, got "${title}". ${USAGE}` };
  return { ok: true, kind: kind as PageKind, number: Number(num), title: title.trim() };
}

/**
 * The new page's path (relative to the project) and text, or why it cannot be written. `existing` is
 * the list of file names already in content/{kind}s/: a page with the same number, or the same file,
 * is refused (the number orders the course, so two pages with one number would be ambiguous).
 */
export function newPage(kind: PageKind, number: number, title: string, existing: readonly string[]): NewPage {
  const name = `${number}-${slugify(title)}.mdx`;
  const file = `content/${kind}s/${name}`;
  if (existing.includes(name)) return { ok: false, message: `${file} already exists; choose another title or number (nothing was written)` };
  const taken = existing.find((n) => fileNumber(n) === number);
  if (taken) return { ok: false, message: `${kind} ${number} already exists: content/${kind}s/${taken}; choose another number (nothing was written)` };
  return { ok: true, file, text: pageTemplate(kind, number, title) };
}

/** YAML's double-quoted form of a string (a title may hold ":" or "#"). */
const yamlString = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** The starting MDX: frontmatter, then one example of each kind of block, each with where to read more. */
export function pageTemplate(kind: PageKind, number: number, title: string): string {
  const ex = `${kind}-${number}-output-size`;
  const cell = `${kind}-${number}-first-cell`;
  return `---
number: ${number}
title: ${yamlString(title)}
kind: ${kind}
summary: ${yamlString(`Replace with one sentence on what ${kind} ${number} covers (the contents page and search show it).`)}
---

{/*
  A new ${kind}, written by \`npm run new\`. It builds as it is: \`npm run dev\` shows it with hot reload at
  /cnn-course/${kind}s/${number}-${slugify(title)}/, and it is already in the contents and in prev/next.
  Every component, its props and a snippet to copy: the authoring page, /cnn-course/authoring/
  (run \`npm run dev\` and open it). The frontmatter fields: src/content.config.ts.
  Replace each example below with your own, or delete it.
*/}

## Introduction

{/* Math: $…$ inline and $$…$$ on their own lines, typeset by KaTeX at build time (remark-math). */}

The output of a 1D convolution has length $N_{\\text{out}} = \\left\\lfloor \\frac{N + 2p - d(K-1) - 1}{s} \\right\\rfloor + 1$:

$$
y[n] = \\sum_{m=0}^{K-1} x[n \\cdot s + m \\cdot d - p]\\, w[m] + b
$$

{/*
  A widget: every concept component is live with plain props, and a wrong prop fails the build naming
  this file, the line, the component and the prop. Tune a widget in the page, then use its
  "Copy as MDX" (in the ⋯ menu beside "Copy link") and paste the result here.
*/}

<Stride id="fig-${kind}-${number}-stride" x={[1, 3, 2, 0, -1, 2, 1, -2, 0]} w={[0.5, -1, 0.25]} stride={2} caption="Move the stride slider and watch the output shrink." />

{/*
  An exercise: a prompt, then at least one <Hint> and one <Solution> (hints before the solution). The
  answer kinds (a number, several numbers, choices, a code check) are on the authoring page; the id
  keys the student's progress, so keep it unique and stable.
*/}

<Exercise id="${ex}" title="The output length" answer={4}>

The widget above has $N=9$ inputs, a kernel of $K=3$ weights, no padding and stride $s=2$. How many outputs are there?

<Hint>

Use the formula above with $p=0$ and $d=1$.

</Hint>

<Solution>

$\\lfloor (9 - 2 - 1)/2 \\rfloor + 1 = 4$.

</Solution>

</Exercise>

{/*
  A runnable cell: a \`\`\`ts block whose info string starts with "cell" (options: id=NAME, hidden, autorun,
  readonly, optional; src/lib/notebook/README.md). A \`\`\`python original block right after it is the
  cell's PyTorch original, shown in a tab beside it.
*/}

\`\`\`ts cell id=${cell}
const x = [1, 3, 2, 0, -1, 2, 1, -2, 0];
const w = [0.5, -1, 0.25];
const y: number[] = [];
for (let n = 0; n * 2 + w.length <= x.length; n++) y.push(w.reduce((sum, wm, m) => sum + x[n * 2 + m] * wm, 0));
print(y); // display(value), print(…), math(tex), plot(spec): src/lib/notebook/README.md, "Helpers in every cell"
\`\`\`
\`\`\`python original
import torch
import torch.nn.functional as F

x = torch.tensor([[[1., 3, 2, 0, -1, 2, 1, -2, 0]]])
w = torch.tensor([[[0.5, -1, 0.25]]])
F.conv1d(x, w, stride=2)
\`\`\`
`;
}

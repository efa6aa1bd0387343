// Every mistake an author can make in a component, an exercise or a cell, and the message the build gives:
// the file, the line, the component and the prop. Compiled with the build's own remark plugins
// (authoring-compile.ts); authoring-build.test.ts shows that `astro build` prints the same.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPONENTS } from '../../src/lib/authoring/components';
import { pageTemplate } from '../../src/lib/authoring/new-page';
import { compileError } from './authoring-compile';

const F = 'content/lectures/99-test.mdx';
const help = '<Hint>\n\nCount.\n\n</Hint>\n\n<Solution>\n\nFour.\n\n</Solution>';
const exercise = (props: string, body = `How many?\n\n${help}`) => `<Exercise ${props}>\n\n${body}\n\n</Exercise>`;

/** [mistake, MDX (after two lines of text, so the mistake is on line 3 unless said), the whole message]. */
const MISTAKES: [string, string, string, number?][] = [
  // 1D concepts: the widget's own limits and messages (fields.ts)
  ['an unknown prop', '<Stride strde={3} />', '<Stride>: unknown prop "strde" (known props: x, w, padding, stride, dilation, caption, alt, id, title, autoplay)'],
  ['a number out of range', '<Stride stride={1.5} />', '<Stride>: prop "stride": Stride s must be a whole number from 1 to 8, got 1.5'],
  ['a list written as text', '<CrossCorrelation x="1, 2, 3" />', '<CrossCorrelation>: prop "x": Input x must be a list of numbers, got "1, 2, 3"'],
  ['a value not among the choices', '<ActivationFunction activation="softmax" />', '<ActivationFunction>: prop "activation": Activation φ must be one of relu, leakyRelu, sigmoid, tanh, linear, got "softmax"'],
  ['a shell prop of the wrong type', '<Padding caption={3} />', '<Padding>: prop "caption" must be a string, got 3'],
  ['props that do not work together', '<CrossCorrelation x={[1, 2]} w={[1, 2, 3]} />', '<CrossCorrelation>: these props do not work together: The kernel does not fit in the input: it has K = 3 weights, but the input has only N = 2.'],
  // 2D and LeNet-5
  ['an unknown 2D prop', '<Conv2dAnimation preset="dilation" speed={2} />', '<Conv2dAnimation>: unknown prop "speed" (known props: preset, input, kernel, padding, stride, dilation, caption, id, explorer)'],
  ['an unknown preset', '<Conv2dAnimation preset="same" />', '<Conv2dAnimation> prop "preset": unknown preset "same"; use one of no-padding-no-strides, arbitrary-padding-no-strides, same-padding-no-strides, full-padding-no-strides, no-padding-strides, padding-strides, padding-strides-odd, dilation'],
  ['a 2D kernel that does not fit', '<Conv2dExplorer input={3} kernel={5} />', '<Conv2dExplorer> prop "input/kernel/padding/stride/dilation": '],
  ['a digit that is not embedded', '<Conv2dExplorer digit={7} />', '<Conv2dExplorer>: prop "digit" must be a whole number from 0 to 4, got 7'],
  ['a flag written as text', '<LeNetArchitecture autoplay="no" />', '<LeNetArchitecture>: prop "autoplay" must be true or false, got "no"'],
  ['a required prop left out', '<FigureSlot caption="Figure 1" />', '<FigureSlot>: prop "alt" is missing (what the missing figure shows, for screen readers)'],
  // workshop views and text
  ['a workshop view prop out of range', '<MistakesGallery pageSize={0} />', '<MistakesGallery>: prop "pageSize" must be a whole number from 1 to 200, got 0'],
  ['a prop a workshop view does not have', '<WeightsStatus control />', '<WeightsStatus>: unknown prop "control" (known props: controls)'],
  ['a prop on a component that takes none', '<ConfusionMatrix size={10} />', '<ConfusionMatrix>: unknown prop "size" (it takes no props)'],
  ['a prop on <Hebrew>', '<Hebrew dir="rtl">\n\nשלום\n\n</Hebrew>', '<Hebrew>: unknown prop "dir" (it takes no props)'],
  // exercises
  ['an exercise without an answer', exercise('id="no-answer" title="How many?"'), '<Exercise id="no-answer">: prop "answer" is missing: give answer={…} (a number), parts={[…]}, choices={[…]} with answer, or check="…" (a code check), or define "no-answer" in src/lib/exercises'],
  ['an answer of the wrong type', exercise('id="typo" title="Typo" answer="five"'), '<Exercise id="typo">: prop "answer" must be a finite number, got "five"'],
  ['an unknown exercise prop', exercise('id="typo" title="Typo" answr={4}'), '<Exercise id="typo">: prop "answr" is not a prop of <Exercise> (known props: id, title, answer, tolerance, mistakes, parts, choices, check, label)'],
  ['an answer that is not one of the choices', exercise('id="pick" title="Pick" choices={["a", "b"]} answer="c"'), '<Exercise id="pick">: prop "answer" must be the text of the right option (or a list of them, when several are right), exactly as in choices; got "c"'],
  ['a code check that does not exist', exercise('id="code" title="Code" check="conv3d"', '```ts\nfunction f() {}\n```\n\n' + help), '<Exercise id="code">: prop "check" must name a check in src/lib/exercises/checks.ts'],
  ['a hint after the solution', exercise('id="late" title="Late" answer={4}', 'How many?\n\n<Solution>\n\nFour.\n\n</Solution>\n\n<Hint>\n\nCount.\n\n</Hint>'), '<Exercise id="late">: a <Hint> comes after the <Solution>; put the hints before the solution', 13],
  ['an exercise without a hint', exercise('id="bare" title="Bare" answer={4}', 'How many?\n\n<Solution>\n\nFour.\n\n</Solution>'), '<Exercise id="bare">: needs at least one <Hint>…</Hint> inside it, before the <Solution>'],
  ['an exercise without a solution', exercise('id="open" title="Open" answer={4}', 'How many?\n\n<Hint>\n\nCount.\n\n</Hint>'), '<Exercise id="open">: needs a <Solution>…</Solution> inside it, after the <Hint>s'],
  ['a code exercise without starter code', exercise('id="code" title="Code" check="max-pool"'), '<Exercise id="code">: a code exercise needs its starter code as a ```ts block in the prompt, before the <Hint>s'],
  ['a hint outside an exercise', '<Hint>\n\nCount.\n\n</Hint>', '<Hint> must be inside an <Exercise>'],
  // notebook cells
  ['a cell option that does not exist', '```ts cell id=a hiden\nprint(1)\n```', 'unknown cell option "hiden" (use id=NAME, hidden, autorun, readonly, optional) (in a ```ts cell block)'],
  ['a cell id that is not a name', '```ts cell id=1st\nprint(1)\n```', 'cell id "1st" must start with a letter and use only letters, digits, - and _ (in a ```ts cell block)'],
  ['two cells with one id', '```ts cell id=a\nprint(1)\n```\n\n```ts cell id=a\nprint(2)\n```', 'two notebook cells have the id "a"; ids must be unique on a page', 7],
  ['a python original block without its cell', 'Some text.\n\n```python original\nx = 1\n```', 'a ```python original block must come right after the ```ts cell block it belongs to (nothing in between)', 5],
  ['an option after python original', '```ts cell id=a\nprint(1)\n```\n```python original hidden\nx = 1\n```', 'unknown option "hidden" after ```python original (it takes none)', 6],
];

describe('authoring mistakes fail the build naming the file, the line, the component and the prop', () => {
  it.each(MISTAKES)('%s', async (_what, mdx, message, line = 3) => {
    const err = await compileError(`# A page\n\n${mdx}\n`, F);
    expect(err, 'the build should fail').not.toBeNull();
    expect(err!.message.startsWith(`${F}:${line}:1: ${message}`), err!.message).toBe(true);
    expect(err!.line).toBe(line);
  });

  it('leaves props written as code (not plain values) to the component', async () => {
    expect(await compileError('export const xs = [1, 2, 3];\n\n<Stride x={xs} stride={2} />\n')).toBeNull();
  });
});

describe('what the build accepts', () => {
  const root = resolve(__dirname, '../..');
  it.each(['content/lectures/10-cnn.mdx', 'content/workshops/10-lenet5.mdx'])('the course page %s', async (path) => {
    expect(await compileError(readFileSync(join(root, path), 'utf8'), path)).toBeNull();
  });

  it('every example on the authoring page', async () => {
    const examples = COMPONENTS.flatMap((c) => c.examples.map((e) => [c.name, e.mdx] as const));
    expect(examples.length).toBeGreaterThan(30);
    for (const [name, mdx] of examples) {
      // Hint and Solution live in an exercise.
      const page = name === 'Hint' || name === 'Solution' ? exercise('id="wrap" title="Wrap" answer={1}', `Q\n\n${name === 'Hint' ? `${mdx}\n\n<Solution>\n\nS\n\n</Solution>` : `<Hint>\n\nH\n\n</Hint>\n\n${mdx}`}`) : mdx;
      expect(await compileError(`# Example\n\n${page}\n`), `${name}: ${mdx}`).toBeNull();
    }
  });

  it('the page `npm run new` writes (lecture and workshop)', async () => {
    expect(await compileError(pageTemplate('lecture', 11, 'Recurrent networks'), 'content/lectures/11-recurrent-networks.mdx')).toBeNull();
    expect(await compileError(pageTemplate('workshop', 11, 'An RNN'), 'content/workshops/11-an-rnn.mdx')).toBeNull();
  });
});

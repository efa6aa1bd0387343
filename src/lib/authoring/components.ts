// Every component an MDX page may use (src/components/mdx.ts), described once: its props (type, limits,
// default, meaning), the check of what an author writes, and a minimal example. The build-time check
// (remark-check.ts) and the authoring page (/authoring/) both read this, so the page cannot drift from
// what the build accepts. Concepts are described by their own definitions (ConceptDef.props, fields.ts).
import { ACTIVATION_NAMES } from '../conv/activation';
import type { ConceptDef, PropType } from '../concepts/concept-types';
import { concepts1d } from '../concepts/registry';
import { SHELL_DOCS, SHELL_PROPS, stateFromProps } from '../concepts/props';
import { LIMITS } from '../concepts/conv2d-geometry';
import { animationFromProps, CONV2D_TABLE } from '../concepts/conv2d-presets';
import { explorerStateFromProps, type ExplorerProps } from '../concepts/conv2d-explorer-props';
import { MNIST_DIGITS } from '../concepts/conv2d-digits';
import { CODE_CHECKS } from '../exercises/checks';
import { exerciseFromProps } from '../exercises/spec';
import { COURSE_EXERCISES } from '../exercises/registry';
import { CELL_OPTIONS } from '../notebook/meta';
import { jsxElement, jsxValue } from './mdx-snippet';

export type Group = 'Text and figures' | '1D concepts' | '2D concepts and LeNet-5' | 'Workshop views' | 'Exercises' | 'Notebook cells';
export const GROUPS: readonly Group[] = ['Text and figures', '1D concepts', '2D concepts and LeNet-5', 'Workshop views', 'Exercises', 'Notebook cells'];

export interface PropDoc {
  name: string;
  /** As the table shows it: "number[]", "integer", "string"… */
  type: string;
  /** "1 to 8", "1–16 numbers", "—" */
  limits: string;
  /** The value when the prop is left out, as MDX writes it, or a word ("none", "required"). */
  default: string;
  /** One line: what the prop does. */
  doc: string;
  required?: boolean;
  /** Why `v` cannot be this prop's value, or null (types the component's own check does not cover). */
  problem?: (v: unknown) => string | null;
}

export interface Example {
  /** What the example shows, when a component has several ("a number answer"). */
  title?: string;
  mdx: string;
  /** An exercise example's parts, which the authoring page also renders live (its MDX is made from them). */
  exercise?: ExerciseExample;
}

export interface ExerciseExample {
  props: Record<string, unknown>;
  prompt: string;
  hint: string;
  solution: string;
  /** A code exercise's starter code (a ```ts block in the prompt). */
  starter?: string;
}

/** An <Exercise> example: the MDX an author writes, made from the parts the page renders live. */
function exerciseExample(title: string, props: Record<string, unknown>, prompt: string, hint: string, solution: string, starter?: string): Example {
  const open = jsxElement('Exercise', Object.entries(props)).replace(/ \/>$/, '>');
  const code = starter ? `\n\n\`\`\`ts\n${starter}\n\`\`\`` : '';
  const mdx = `${open}\n\n${prompt}${code}\n\n<Hint>\n\n${hint}\n\n</Hint>\n\n<Solution>\n\n${solution}\n\n</Solution>\n\n</Exercise>`;
  return { title, mdx, exercise: { props, prompt, hint, solution, starter } };
}

export interface ComponentDoc {
  name: string;
  group: Group;
  summary: string;
  props: PropDoc[];
  examples: Example[];
  /** The props the authoring page draws it with: its defaults, plus what it requires. */
  live: Record<string, unknown>;
  /** Checks the props an author wrote (all literal); throws an Error whose message names the component and the prop. */
  check?: (props: Record<string, unknown>, where: string) => void;
  /** The 1D concept behind it (Copy as MDX, the props table). */
  concept?: ConceptDef;
  /** Its `check` refuses unknown props itself, in its own words (concepts, Exercise). */
  checksUnknownProps?: boolean;
  /** Written by a remark plugin, not by hand (NotebookCell, NotebookBar): the checker leaves it alone. */
  generated?: boolean;
}

const dash = '—';
const signed = (n: number) => String(n).replace('-', '−');

/** The type and limits of a concept prop, in words. */
export function propTypeText(t: PropType): { type: string; limits: string } {
  switch (t.type) {
    case 'vector':
      return { type: 'number[]', limits: `${t.minLength ?? 1}–${t.maxLength} numbers${t.min !== undefined ? `, each ${signed(t.min)} to ${signed(t.max ?? Infinity)}` : ''}` };
    case 'rows':
      return { type: 'number[][]', limits: `1–${t.maxRows} lines of 1–${t.maxLength} numbers, all the same length` };
    case 'int':
      return { type: 'integer', limits: `${signed(t.min)} to ${signed(t.max)}` };
    case 'number':
      return { type: 'number', limits: `${signed(t.min)} to ${signed(t.max)}` };
    case 'boolean':
      return { type: 'boolean', limits: dash };
    case 'enum':
      return { type: 'string', limits: t.values.map((v) => `"${v}"`).join(' | ') };
  }
}

function conceptDoc(def: ConceptDef, summary: string, examples: string[]): ComponentDoc {
  const defaults = def.defaults();
  const props: PropDoc[] = Object.entries(def.props).map(([name, t]) => {
    if (!t.doc) throw new Error(`${def.component}: prop "${name}" has no doc (src/lib/concepts/${def.id}.ts)`);
    return { name, ...propTypeText(t), default: jsxValue(defaults[name]), doc: t.doc };
  });
  for (const name of SHELL_PROPS) {
    const s = SHELL_DOCS[name];
    props.push({ name, type: s.type, limits: dash, default: s.default, doc: s.doc });
  }
  return {
    name: def.component,
    group: '1D concepts',
    summary,
    props,
    examples: examples.map((mdx) => ({ mdx })),
    live: {},
    concept: def,
    checksUnknownProps: true,
    check: (p) => void stateFromProps(def, p),
  };
}

// ——— simple prop types of the other components ———
const str = (name: string, doc: string, def = 'none', required = false): PropDoc => ({
  name, type: 'string', limits: required ? 'not empty' : dash, default: required ? 'required' : def, doc, required,
  problem: (v) => (typeof v === 'string' && (!required || v.trim() !== '') ? null : `must be ${required ? 'a text that is not empty' : 'a text'} ("…"), got ${JSON.stringify(v)}`),
});
const bool = (name: string, doc: string, def: boolean): PropDoc => ({
  name, type: 'boolean', limits: dash, default: String(def), doc,
  problem: (v) => (typeof v === 'boolean' ? null : `must be true or false, got ${JSON.stringify(v)}`),
});
const int = (name: string, doc: string, min: number, max: number, def: string): PropDoc => ({
  name, type: 'integer', limits: `${min} to ${max}`, default: def, doc,
  problem: (v) => (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? null : `must be a whole number from ${min} to ${max}, got ${JSON.stringify(v)}`),
});
const other = (name: string, type: string, limits: string, def: string, doc: string): PropDoc => ({ name, type, limits, default: def, doc });

const size = (name: keyof typeof LIMITS, doc: string, def: string): PropDoc =>
  other(name, 'number | [rows, cols]', `${LIMITS[name].min} to ${LIMITS[name].max}`, def, doc);
const presetIds = CONV2D_TABLE.map((p) => `"${p.id}"`).join(' | ');
const digitDoc = `start on an embedded MNIST test digit (${MNIST_DIGITS.map((d) => d.label).join(', ')})`;

const ACTIVATIONS = ACTIVATION_NAMES.map((a) => `"${a}"`).join(', ');

export const COMPONENTS: readonly ComponentDoc[] = [
  // ——— text and figures ———
  {
    name: 'Hebrew',
    group: 'Text and figures',
    summary: 'Right-to-left Hebrew prose; formulas inside stay left to right. Leave a blank line after the opening tag so the text is Markdown.',
    props: [],
    examples: [{ mdx: '<Hebrew>\n\nרשת קונבולוציה היא רשת feed-forward, והנוסחה $y=\\sigma(z)$ נשארת משמאל לימין.\n\n</Hebrew>' }],
    live: {},
  },
  {
    name: 'FigureSlot',
    group: 'Text and figures',
    summary: 'A captioned place for a figure that has no interactive diagram yet.',
    props: [str('caption', 'the caption shown under the empty figure', undefined, true), str('alt', 'what the missing figure shows, for screen readers', undefined, true), str('id', "the figure's id and anchor")],
    examples: [{ mdx: '<FigureSlot caption="Figure 3: an RNN unrolled in time" alt="Three copies of one cell, each passing its state to the next." />' }],
    live: { caption: 'A figure to come', alt: 'An empty figure.' },
  },
  // ——— 1D concepts ———
  conceptDoc(concepts1d['cross-correlation'], 'Concept 1: the kernel slides over the input; each output is a weighted sum (and the flipped-kernel convolution beside it).', [
    '<CrossCorrelation id="fig-xcorr" x={[0, 0, 1, 3, 2]} w={[0.5, -1, 0.25]} showConvolution caption="Try a kernel of your own." />',
  ]),
  conceptDoc(concepts1d['fc-vs-conv'], 'Concept 2: the same sizes as a fully connected and as a convolutional layer, and their parameter counts.', ['<FcVsConv inputs={8} kernelSize={3} />']),
  conceptDoc(concepts1d['bias-activation'], 'Concept 3: a bias, then an activation, after the cross-correlation.', ['<BiasActivation b={-0.5} activation="tanh" />']),
  conceptDoc(concepts1d['activation-function'], `Concept 4: an activation function's curve with sample points (${ACTIVATIONS}).`, ['<ActivationFunction activation="sigmoid" z={[-4, -1, 0, 1, 4]} />']),
  conceptDoc(concepts1d['multi-in'], 'Concept 5: several input channels, one kernel row each, summed into one output.', [
    '<MultiChannelInput x={[[1, 2, 3, 4], [0, 1, 0, 1], [2, 2, 1, 1]]} w={[[1, -1], [0.5, 0.5], [0, 1]]} b={0} />',
  ]),
  conceptDoc(concepts1d['multi-out'], 'Concept 6: several output channels, one kernel each; the parameter count C_in·C_out·K + C_out.', ['<MultiChannelOutput inChannels={1} outChannels={4} kernelSize={5} length={10} />']),
  conceptDoc(concepts1d.padding, 'Concept 7: padding (with stride and dilation beside it); its slider comes first.', ['<Padding x={[1, 3, 2, 0, -1]} padding={2} />']),
  conceptDoc(concepts1d.stride, 'Concept 8: stride (with padding and dilation beside it); its slider comes first.', ['<Stride x={[1, 3, 2, 0, -1, 2, 1, -2, 0]} w={[0.5, -1, 0.25]} stride={3} />']),
  conceptDoc(concepts1d.dilation, 'Concept 9: dilation (with padding and stride beside it); its slider comes first.', ['<Dilation x={[1, 3, 2, 0, -1, 2, 1, -2, 0]} dilation={3} autoplay={false} />']),
  conceptDoc(concepts1d['max-pool'], 'Max pooling: the largest value in each window (padding with −∞).', ['<MaxPool size={3} stride={2} />']),
  // ——— 2D ———
  {
    name: 'Conv2dTable',
    group: '2D concepts and LeNet-5',
    summary: "The lecture's table of eight 2D convolutions (after conv_arithmetic), each animated, with the explorer below.",
    props: [str('id', 'the table\'s id; figures get {id}-{preset}, the explorer {id}-explorer', '"conv2d-table"'), str('caption', 'the caption under the table'), bool('explorer', 'draw the explorer below, with an "Explore these settings" button on each figure', true)],
    examples: [{ mdx: '<Conv2dTable id="table-2d" explorer={false} caption="Eight ways to slide a 3×3 kernel." />' }],
    live: { id: 'authoring-conv2d-table', explorer: false },
  },
  {
    name: 'Conv2dAnimation',
    group: '2D concepts and LeNet-5',
    summary: 'One animated 2D convolution, steppable: a preset of the table, or your own sizes.',
    props: [
      other('preset', 'string', presetIds, 'none (then input and kernel are required)', "start from one of the table's configurations"),
      size('input', 'the input size', 'the preset\'s'),
      size('kernel', 'the kernel size', 'the preset\'s'),
      size('padding', 'zeros around the input', 'the preset\'s, else 0'),
      size('stride', 'how far the window moves', 'the preset\'s, else 1'),
      size('dilation', 'the spacing of the kernel taps', 'the preset\'s, else 1'),
      other('caption', 'string | string[]', dash, "the preset's caption, else one built from the settings", 'the caption (an array gives one line each)'),
      str('id', 'the figure\'s id; with one it gets a Copy link button'),
      str('explorer', 'the id of a Conv2dExplorer on the page: adds an "Explore these settings" button'),
    ],
    examples: [{ mdx: '<Conv2dAnimation preset="dilation" />' }, { mdx: '<Conv2dAnimation input={[5, 7]} kernel={3} padding={[1, 0]} stride={2} caption="A wide input" />' }],
    live: { preset: CONV2D_TABLE[0].id, id: 'authoring-conv2d-animation' },
    check: (p) => void animationFromProps(p),
  },
  {
    name: 'Conv2dExplorer',
    group: '2D concepts and LeNet-5',
    summary: 'Every 2D hyper-parameter editable per axis, on typed numbers or a real MNIST digit; output from tfjs checked against the math core.',
    props: [
      other('preset', 'string', presetIds, `"${CONV2D_TABLE[0].id}"`, 'the starting settings'),
      size('input', 'the input size (follows values or digit when given)', "the preset's"),
      size('kernel', 'the kernel size (follows weights when given)', "the preset's"),
      size('padding', 'zeros around the input', "the preset's"),
      size('stride', 'how far the window moves', "the preset's"),
      size('dilation', 'the spacing of the kernel taps', "the preset's"),
      other('values', 'number[][]', `at most ${LIMITS.input.max}×${LIMITS.input.max}, rectangular`, 'a pattern of 0…4', 'the input grid (sets the input size)'),
      other('weights', 'number[][]', `at most ${LIMITS.kernel.max}×${LIMITS.kernel.max}, rectangular`, 'a pattern kernel', 'the kernel grid (sets the kernel size)'),
      other('bias', 'number', 'a float32 value', '0', 'the bias added to every output'),
      int('digit', digitDoc, 0, MNIST_DIGITS.length - 1, 'none (numbers)'),
      str('id', "the explorer's id; links use it", '"conv2d-explorer"'),
      str('title', 'the heading above it', '"2D convolution explorer"'),
    ],
    examples: [{ mdx: '<Conv2dExplorer id="explore-edges" values={[[1, 2, 0], [0, 1, 3], [2, 2, 1]]} weights={[[1, 0], [0, -1]]} bias={0.5} />' }, { mdx: '<Conv2dExplorer id="explore-digit" digit={0} kernel={3} padding={1} />' }],
    live: { id: 'authoring-conv2d-explorer' },
    check: (p) => {
      const { id: _i, title: _t, ...rest } = p;
      explorerStateFromProps(rest as ExplorerProps);
    },
  },
  {
    name: 'LeNetArchitecture',
    group: '2D concepts and LeNet-5',
    summary: 'LeNet-5 layer by layer: tensor shapes and parameter counts, with the data flowing from the digit to the 10 scores.',
    props: [str('id', "the figure's id", '"lenet-architecture"'), str('caption', 'the caption', 'LeNet-5 and its parameter count'), bool('autoplay', 'play the flow when on screen (never with reduced motion)', true), int('digit', `draw an embedded MNIST digit (${MNIST_DIGITS.map((d) => d.label).join(', ')}) on the input layer`, 0, MNIST_DIGITS.length - 1, 'none')],
    examples: [{ mdx: '<LeNetArchitecture id="fig-lenet-arch" autoplay={false} caption="LeNet-5, layer by layer." />' }],
    live: { id: 'authoring-lenet', autoplay: false },
  },
  // ——— workshop views (they show the page's current model: see README, "The workshop") ———
  {
    name: 'WeightsStatus',
    group: 'Workshop views',
    summary: "Which model the page's views use now (the notebook's, a saved one, a file, the reference).",
    props: [bool('controls', "add download/upload of the weights and the offer to resume a saved training run", false)],
    examples: [{ mdx: '<WeightsStatus controls />' }],
    live: {},
  },
  {
    name: 'ReferenceWeights',
    group: 'Workshop views',
    summary: 'Skip ahead: loads the reference checkpoint (npm run train:reference) so the evaluation views work without training.',
    props: [str('meta', 'the model JSON, relative to the site', '"models/lenet5-reference/lenet5.json"'), str('weights', 'the weights file, relative to the site', '"models/lenet5-reference/lenet5.bin"')],
    examples: [{ mdx: '<ReferenceWeights />' }],
    live: {},
  },
  { name: 'ConfusionMatrix', group: 'Workshop views', summary: 'Which digits the current model mistakes for which: a 10×10 table of the test evaluation.', props: [], examples: [{ mdx: '<ConfusionMatrix />' }], live: {} },
  {
    name: 'MistakesGallery',
    group: 'Workshop views',
    summary: 'Every misclassified test digit, a page at a time: the label and what the model said.',
    props: [int('pageSize', 'digits per page', 1, 200, '40')],
    examples: [{ mdx: '<MistakesGallery pageSize={24} />' }],
    live: {},
  },
  { name: 'DrawDigit', group: 'Workshop views', summary: 'Draw a digit and watch the current model classify it live, with the probability of each class.', props: [], examples: [{ mdx: '<DrawDigit />' }], live: {} },
  { name: 'FeatureMaps', group: 'Workshop views', summary: "C1 and C3 activations of the current model for a test digit, a picked digit or the student's drawing.", props: [], examples: [{ mdx: '<FeatureMaps />' }], live: {} },
  // ——— exercises ———
  {
    name: 'Exercise',
    group: 'Exercises',
    summary: 'A prompt and an answer the page checks: a number, several numbers, choices, or code run against hidden inputs. Its children: the prompt, then at least one <Hint>, then one <Solution>.',
    props: [
      other('id', 'string', 'a-z, 0-9 and -, starting with a letter', 'required', "keys the student's progress: unique on the page, and keep it stable"),
      other('title', 'string', 'not empty', 'required', 'the exercise\'s short name'),
      other('answer', 'number | string | string[]', dash, 'none', 'the expected number; with choices, the right option (a list when several are right)'),
      other('tolerance', 'number', '≥ 0', '0 for a whole number, else 0.5% (at least 0.005)', 'how far from the answer still counts'),
      other('mistakes', '{ "value": "message" }', 'not the answer', 'none', 'what a typical wrong value (or option) tells the student'),
      other('label', 'string', dash, '"Your answer"', 'the label of a single number field (may hold $math$)'),
      other('parts', '{ label, answer, tolerance?, mistakes? }[]', 'at least 1', 'none', 'several number fields, each checked on its own'),
      other('choices', 'string[]', 'at least 2, all different', 'none', 'the options of a choice exercise (with answer)'),
      other('check', 'string', Object.keys(CODE_CHECKS).map((c) => `"${c}"`).join(' | '), 'none', 'a code exercise: the check in src/lib/exercises/checks.ts that runs the student\'s code'),
    ],
    examples: [
      exerciseExample('A number', { id: 'out-len', title: 'The output length', answer: 4, mistakes: { '5': 'That counts one window too many.' } },
        'How many outputs do $N=9$, $K=3$ and $s=2$ give?', '$\\lfloor (N-K)/s \\rfloor + 1$.', '$\\lfloor 6/2 \\rfloor + 1 = 4$.'),
      exerciseExample('Several numbers', { id: 'two-sizes', title: 'Two sizes', parts: [{ label: '$H_{out}$', answer: 26 }, { label: '$W_{out}$', answer: 24 }] },
        'A $28\\times 28$ input and a $3\\times 5$ kernel: what is the output size?', 'Each axis on its own: $n-k+1$.', '$26\\times 24$.'),
      exerciseExample('Choices', { id: 'pick-k', title: 'Which kernel keeps the length?', choices: ['$K=2$', '$K=3$'], answer: '$K=3$', mistakes: { '$K=2$': 'An even kernel cannot be centred.' } },
        'With padding $p=1$, which kernel keeps the length?', '$N + 2p - K + 1 = N$.', '$K = 2p + 1 = 3$.'),
      exerciseExample('Code', { id: 'pool-code', title: 'Write max pooling', check: 'max-pool' },
        'Complete `maxPool(x, size, stride)`: the largest value of each window.', 'One output per window start $0, s, 2s, \\dots$',
        'Slide the window by the stride and keep each window\'s maximum.',
        'function maxPool(x: number[], size: number, stride = size): number[] {\n  return [];\n}'),
    ],
    live: { id: 'authoring-example', title: 'The output length', answer: 4 },
    checksUnknownProps: true,
    check: (p, where) => void exerciseFromProps(p, where, COURSE_EXERCISES),
  },
  { name: 'Hint', group: 'Exercises', summary: 'One hint of an <Exercise>, folded until the student asks; hints open one at a time, before the solution.', props: [], examples: [{ mdx: '<Hint>\n\nCount the windows.\n\n</Hint>' }], live: {} },
  { name: 'Solution', group: 'Exercises', summary: 'The solution of an <Exercise>, folded; it comes after the hints.', props: [], examples: [{ mdx: '<Solution>\n\nFour windows.\n\n</Solution>' }], live: {} },
  // ——— notebook cells (written as fenced code; the remark plugin places the components) ———
  {
    name: 'NotebookCell',
    group: 'Notebook cells',
    summary: 'A runnable cell: a ```ts block whose info string starts with "cell", then options. A ```python original block right after it is its PyTorch original, in a tab.',
    props: CELL_OPTIONS.map((o) => ({ name: o.option, type: o.option.includes('=') ? 'word' : 'flag', limits: o.option.includes('=') ? 'letters, digits, - and _' : dash, default: o.option.includes('=') ? 'cell-{n}, by position' : 'off', doc: o.doc })),
    examples: [
      ...CELL_OPTIONS.map((o) => ({ title: o.option, mdx: `\`\`\`ts cell ${o.example}\nconst x = [1, 2, 3];\nprint(x.map((v) => v * 2));\n\`\`\`` })),
      { title: 'with its PyTorch original', mdx: '```ts cell id=double\nimport * as tf from \'@tensorflow/tfjs\';\nconst x = tf.tensor([1, 2, 3]);\ndisplay(x.mul(2));\n```\n```python original\nx = torch.tensor([1, 2, 3])\nx * 2\n```' },
    ],
    live: {},
    generated: true,
  },
  { name: 'NotebookBar', group: 'Notebook cells', summary: 'Run all, Stop, Restart and the status: placed before the first cell of a page by the remark plugin.', props: [], examples: [], live: {}, generated: true },
];

export const COMPONENT_BY_NAME: ReadonlyMap<string, ComponentDoc> = new Map(COMPONENTS.map((c) => [c.name, c]));

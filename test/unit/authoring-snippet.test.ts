// "Copy as MDX" (src/lib/authoring/mdx-snippet.ts): what a widget copies, read back by the MDX parser and
// the props check, is the widget's state; and the authoring page's tables come from the definitions.
import { createProcessor } from '@mdx-js/mdx';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMPONENTS, COMPONENT_BY_NAME, propTypeText } from '../../src/lib/authoring/components';
import { conceptMdx, jsxAttribute, jsxElement, jsxValue } from '../../src/lib/authoring/mdx-snippet';
import { elementProps, type JsxNode } from '../../src/lib/authoring/remark-check';
import { NOT_LITERAL } from '../../src/lib/authoring/literal';
import { concepts1d } from '../../src/lib/concepts/registry';
import { stateFromProps } from '../../src/lib/concepts/props';
import { tryBuild } from '../../src/lib/concepts/fields';
import { explorerMdx } from '../../src/lib/authoring/explorer-mdx';
import type { ExplorerState } from '../../src/lib/concepts/conv2d-explorer';
import { explorerStateFromProps, type ExplorerProps } from '../../src/lib/concepts/conv2d-explorer-props';
import { CONV2D_TABLE } from '../../src/lib/concepts/conv2d-presets';
import { mdxComponents } from './authoring-mdx-names';
import { stateOf } from './concepts-arbitrary';

/** The one element of an MDX snippet, as the build's parser reads it: its name and literal props. */
function parse(mdx: string): { name: string; props: Record<string, unknown> } {
  const tree = createProcessor().parse(mdx) as unknown as { children: JsxNode[] };
  const [node] = tree.children;
  expect(tree.children).toHaveLength(1);
  return { name: node.name!, props: elementProps(node)! };
}

describe('Copy as MDX', () => {
  it('writes only what differs from the defaults, as an author would', () => {
    const stride = concepts1d.stride;
    expect(conceptMdx(stride, stride.defaults())).toBe('<Stride />');
    expect(conceptMdx(stride, { ...stride.defaults(), x: [1, -2.5, 3], stride: 3 })).toBe('<Stride x={[1, -2.5, 3]} stride={3} />');
    const xc = concepts1d['cross-correlation'];
    expect(conceptMdx(xc, { ...xc.defaults(), showConvolution: true })).toBe('<CrossCorrelation showConvolution />');
    const act = concepts1d['activation-function'];
    expect(conceptMdx(act, { ...act.defaults(), activation: 'tanh' }, { id: 'fig-a' })).toBe('<ActivationFunction activation="tanh" id="fig-a" />');
    const multi = concepts1d['multi-in'];
    expect(conceptMdx(multi, { ...multi.defaults(), x: [[1, 2], [3, 4]], w: [[1], [2]] })).toBe('<MultiChannelInput x={[[1, 2], [3, 4]]} w={[[1], [2]]} />');
  });

  it('round-trips every concept: the parsed snippet gives the same state through stateFromProps', () => {
    for (const def of Object.values(concepts1d)) {
      fc.assert(
        fc.property(stateOf(def), (state) => {
          fc.pre(tryBuild(def, state).ok);
          const { name, props } = parse(conceptMdx(def, state));
          expect(name).toBe(def.component);
          expect(Object.values(props)).not.toContain(NOT_LITERAL);
          expect(stateFromProps(def, props)).toEqual(state);
        }),
        { numRuns: 40 },
      );
    }
  });

  it('writes values MDX reads back exactly', () => {
    expect(jsxValue(-0)).toBe('0');
    expect(jsxValue({ label: '$n$', answer: 3, 'a-b': [1] })).toBe('{ label: "$n$", answer: 3, "a-b": [1] }');
    expect(jsxAttribute('caption', 'say "hi"')).toBe('caption={"say \\"hi\\""}');
    expect(jsxElement('FigureSlot', [['caption', 'A {b}'], ['alt', 'x'], ['id', undefined]])).toBe('<FigureSlot caption={"A {b}"} alt="x" />');
    expect(parse(jsxElement('FigureSlot', [['caption', 'A {b} "c"'], ['alt', 'x']])).props).toEqual({ caption: 'A {b} "c"', alt: 'x' });
    expect(() => jsxValue(Infinity)).toThrow(RangeError);
  });
});

describe('Copy as MDX of the 2D explorer', () => {
  const same = (a: ExplorerState, b: ExplorerState) => {
    expect(b.settings).toEqual(a.settings);
    expect(b.source).toBe(a.source);
    expect(b.kernel).toEqual(a.kernel);
    expect(b.bias).toBe(a.bias);
    if (a.source === 'digit') expect(b.digit).toBe(a.digit);
    else expect(b.numbers).toEqual(a.numbers);
  };

  it('writes the grids and the settings that differ from the starting ones', () => {
    const s = explorerStateFromProps({ values: [[1, 2, 0], [0, 1, 3], [2, 2, 1]], weights: [[1, 0], [0, -1]], bias: 0.5, padding: [1, 0] });
    expect(explorerMdx(s)).toBe('<Conv2dExplorer values={[[1, 2, 0], [0, 1, 3], [2, 2, 1]]} weights={[[1, 0], [0, -1]]} padding={[1, 0]} bias={0.5} />');
    const d = explorerStateFromProps({ digit: 2, kernel: 3, stride: 2 });
    expect(explorerMdx(d)).toMatch(/^<Conv2dExplorer digit=\{2\} weights=\{\[\[.*\]\]\} stride=\{2\} \/>$/);
  });

  it('round-trips every preset of the table, on numbers and on a digit, through explorerStateFromProps', () => {
    let checked = 0;
    for (const p of CONV2D_TABLE) {
      for (const extra of [{}, { digit: 1 }, { bias: -1.25 }] as ExplorerProps[]) {
        let state: ExplorerState;
        try {
          state = explorerStateFromProps({ preset: p.id, ...extra });
        } catch {
          continue; // a preset whose kernel does not fit a digit's 28×28 with these settings is not a state
        }
        const { name, props } = parse(explorerMdx(state));
        expect(name).toBe('Conv2dExplorer');
        same(state, explorerStateFromProps(props as ExplorerProps));
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(2 * CONV2D_TABLE.length);
  });
});

describe('the authoring page is made from the definitions', () => {
  it('describes every component of src/components/mdx.ts, and nothing else', () => {
    expect(COMPONENTS.map((c) => c.name).sort()).toEqual([...mdxComponents].sort());
  });

  it('gives each prop a type, limits, a default and a meaning; each component an example', () => {
    for (const c of COMPONENTS) {
      if (c.name !== 'NotebookBar') expect(c.examples.length, c.name).toBeGreaterThan(0);
      for (const p of c.props) for (const k of ['name', 'type', 'limits', 'default', 'doc'] as const) expect(p[k], `${c.name}.${p.name}.${k}`).toMatch(/\S/);
    }
    // A concept's table is its definition: the limits a student meets typing a value.
    const stride = COMPONENT_BY_NAME.get('Stride')!;
    expect(stride.props.find((p) => p.name === 'stride')).toEqual({ name: 'stride', type: 'integer', limits: '1 to 8', default: '2', doc: 'how far the window moves per output (s)' });
    expect(propTypeText(concepts1d['activation-function'].props.z)).toEqual({ type: 'number[]', limits: '1–12 numbers, each −50 to 50' });
    expect(COMPONENT_BY_NAME.get('NotebookCell')!.props.map((p) => p.name)).toEqual(['id=NAME', 'hidden', 'autorun', 'readonly', 'optional']);
    expect(COMPONENT_BY_NAME.get('Exercise')!.examples.map((e) => e.title)).toEqual(['A number', 'Several numbers', 'Choices', 'Code']);
  });
});

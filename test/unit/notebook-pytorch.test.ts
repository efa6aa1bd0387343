// The PyTorch original beside each cell (issue 10, item 4): pairing ```python original blocks with
// their cells in the remark plugin, the build errors, and the remembered tab choice.
import { describe, expect, it } from 'vitest';
import type { Root } from 'mdast';
import { isOriginalBlock } from '../../src/lib/notebook/pytorch-original';
import { CODE_TAB_KEY, readCodeTab, saveCodeTab, tabForKey } from '../../src/lib/notebook/code-tab-choice';
import { runPlugin } from './notebook-pytorch-mdx';

const attrs = (n: any) => Object.fromEntries(n.attributes.map((a: any) => [a.name, a.value]));
const named = (tree: Root, name: string) => (tree.children as any[]).filter((n) => n.name === name);

describe('```python original blocks', () => {
  it('recognises the info string and nothing else', () => {
    expect(isOriginalBlock('python', 'original')).toBe(true);
    expect(isOriginalBlock('py', ' original ')).toBe(true);
    expect(isOriginalBlock('python', null)).toBe(false);
    expect(isOriginalBlock('python', 'title="x"')).toBe(false);
    expect(isOriginalBlock('ts', 'original')).toBe(false);
    expect(() => isOriginalBlock('python', 'original hidden')).toThrow(/unknown option "hidden"/);
  });

  it('moves each block into the cell before it, as the python slot, and gives every cell tabs', () => {
    const { tree } = runPlugin(
      ['```ts cell id=a', 'let a = 1', '```', '```python original', 'a = 1', '```', '', 'Text.', '', '```ts cell id=b', 'a', '```', '', '```python', 'print(1)', '```'].join('\n'),
    );
    const kids = tree.children as any[];
    expect(kids.map((k) => k.name ?? k.type)).toEqual(['NotebookBar', 'NotebookCell', 'paragraph', 'NotebookCell', 'code']);
    const [a, b] = named(tree, 'NotebookCell');
    expect(attrs(a)).toMatchObject({ id: 'a', index: '1', original: null });
    expect(a.children).toHaveLength(2);
    expect(a.children[0]).toMatchObject({ type: 'code', lang: 'ts', value: 'let a = 1' });
    expect(a.children[1]).toMatchObject({ type: 'mdxJsxFlowElement', name: 'div', attributes: [{ name: 'slot', value: 'python' }] });
    expect(a.children[1].children[0]).toMatchObject({ type: 'code', lang: 'python', meta: null, value: 'a = 1' });
    // A cell with no original still gets the tabs (its PyTorch tab says so); plain Python stays static.
    expect(attrs(b)).toMatchObject({ id: 'b', index: '2', original: null });
    expect(b.children).toHaveLength(1);
    expect(kids[4]).toMatchObject({ type: 'code', lang: 'python', meta: null });
  });

  it('adds no tabs on a page without originals', () => {
    const { tree, notebook } = runPlugin('```ts cell id=a\n1\n```\n');
    expect(attrs(named(tree, 'NotebookCell')[0])).not.toHaveProperty('original');
    expect(notebook).toBeUndefined();
  });

  it('fails the build on a block with no cell right before it, naming the file', () => {
    const orphan = (src: string) => () => runPlugin(src);
    const message = /content\/workshops\/page\.mdx:\d+:\d+: a ```python original block must come right after the ```ts cell block/;
    expect(orphan('```python original\nx = 1\n```\n')).toThrow(message);
    expect(orphan('```ts cell id=a\n1\n```\n\nSome text.\n\n```python original\nx = 1\n```\n')).toThrow(message);
    expect(orphan('```ts\nnot a cell\n```\n```python original\nx = 1\n```\n')).toThrow(message);
    expect(orphan('```ts cell id=a\n1\n```\n```python original hidden\nx = 1\n```\n')).toThrow(/page\.mdx:\d+:\d+: unknown option "hidden"/);
  });

  it('fails the build on a second block for one cell, naming the cell and the file', () => {
    const src = '```ts cell id=a\n1\n```\n```python original\nx = 1\n```\n```python original\nx = 2\n```\n';
    expect(() => runPlugin(src)).toThrow(/content\/workshops\/page\.mdx:\d+:\d+: a second ```python original block for the cell "a"/);
  });
});

describe('the remembered tab', () => {
  const memory = () => {
    const m = new Map<string, string>();
    return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
  };
  it('is TypeScript until the student picks PyTorch, and survives in storage', () => {
    const s = memory();
    expect(readCodeTab(s)).toBe('ts');
    expect(saveCodeTab(s, 'python')).toBe(true);
    expect(s.m.get(CODE_TAB_KEY)).toBe('python');
    expect(readCodeTab(s)).toBe('python');
    s.m.set(CODE_TAB_KEY, 'rust');
    expect(readCodeTab(s)).toBe('ts');
  });
  it('falls back to TypeScript when storage is refused', () => {
    const refusing = { getItem: () => { throw new Error('SecurityError'); }, setItem: () => { throw new Error('QuotaExceeded'); } };
    expect(readCodeTab(refusing)).toBe('ts');
    expect(saveCodeTab(refusing, 'python')).toBe(false);
    expect(readCodeTab(null)).toBe('ts');
    expect(saveCodeTab(null, 'ts')).toBe(false);
  });
  it('moves with the arrow keys, Home and End, wrapping around', () => {
    expect(tabForKey('ArrowRight', 0, 2)).toBe(1);
    expect(tabForKey('ArrowRight', 1, 2)).toBe(0);
    expect(tabForKey('ArrowLeft', 0, 2)).toBe(1);
    expect(tabForKey('Home', 1, 2)).toBe(0);
    expect(tabForKey('End', 0, 2)).toBe(1);
    expect(tabForKey('Enter', 0, 2)).toBeNull();
    expect(tabForKey('ArrowDown', 0, 2)).toBeNull();
  });
});

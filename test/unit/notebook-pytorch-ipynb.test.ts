// The original notebook as a .ipynb (issue 10, item 4): built from the MDX by the remark plugin
// and ipynb.ts, checked against nbformat 4.5's rules, and the workshop's Python checked against the
// seed's cells (with the seed's typos fixed).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ipynbText, multilineSource, toIpynb, type Ipynb } from '../../src/lib/notebook/ipynb';
import { mdxBody, runPlugin } from './notebook-pytorch-mdx';

/**
 * What nbformat.v4.5.schema.json requires of a notebook with markdown and code cells (no npm
 * package ships the schema): the four top-level keys and no others, nbformat 4 / minor ≥ 5,
 * kernelspec and language_info, and per cell its required keys, no unknown keys, an id matching
 * ^[a-zA-Z0-9-_]+$ (1–64 characters, unique), a multiline-string source, outputs and execution_count.
 */
function nbformatProblems(nb: any): string[] {
  const problems: string[] = [];
  const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  const multiline = (v: unknown) => typeof v === 'string' || (Array.isArray(v) && v.every((s) => typeof s === 'string'));
  if (!isObject(nb)) return ['not an object'];
  const top = Object.keys(nb).sort().join(',');
  if (top !== 'cells,metadata,nbformat,nbformat_minor') problems.push(`top-level keys ${top}`);
  if (nb.nbformat !== 4) problems.push('nbformat is not 4');
  if (!Number.isInteger(nb.nbformat_minor) || nb.nbformat_minor < 5) problems.push('nbformat_minor < 5 (cell ids need 4.5)');
  const ks = nb.metadata?.kernelspec;
  if (!isObject(ks) || typeof ks.name !== 'string' || typeof ks.display_name !== 'string') problems.push('metadata.kernelspec needs name and display_name');
  if (typeof nb.metadata?.language_info?.name !== 'string') problems.push('metadata.language_info needs name');
  if (!Array.isArray(nb.cells)) return [...problems, 'cells is not an array'];
  const ids = new Set<string>();
  const allowed: Record<string, string[]> = {
    markdown: ['attachments', 'cell_type', 'id', 'metadata', 'source'],
    code: ['cell_type', 'execution_count', 'id', 'metadata', 'outputs', 'source'],
  };
  const required: Record<string, string[]> = {
    markdown: ['cell_type', 'id', 'metadata', 'source'],
    code: ['cell_type', 'execution_count', 'id', 'metadata', 'outputs', 'source'],
  };
  nb.cells.forEach((cell: any, i: number) => {
    const kind = cell?.cell_type;
    if (!allowed[kind]) return problems.push(`cell ${i}: cell_type ${kind}`);
    for (const k of required[kind]) if (!(k in cell)) problems.push(`cell ${i}: missing ${k}`);
    for (const k of Object.keys(cell)) if (!allowed[kind].includes(k)) problems.push(`cell ${i}: unknown key ${k}`);
    if (typeof cell.id !== 'string' || !/^[a-zA-Z0-9-_]{1,64}$/.test(cell.id)) problems.push(`cell ${i}: bad id ${cell.id}`);
    else if (ids.has(cell.id)) problems.push(`cell ${i}: duplicate id ${cell.id}`);
    ids.add(cell.id);
    if (!isObject(cell.metadata)) problems.push(`cell ${i}: metadata is not an object`);
    if (!multiline(cell.source)) problems.push(`cell ${i}: source is not a multiline string`);
    if (kind === 'code') {
      if (!Array.isArray(cell.outputs)) problems.push(`cell ${i}: outputs is not an array`);
      if (!(cell.execution_count === null || (Number.isInteger(cell.execution_count) && cell.execution_count >= 0))) problems.push(`cell ${i}: bad execution_count`);
    }
  });
  return problems;
}

const SAMPLE = `import { withBase } from '../../src/lib/url/with-base';

<p class="nb-download"><a href={withBase('x.ipynb')} download>Download the original notebook (.ipynb)</a>: for Jupyter.</p>

## Softmax

The output is $\\hat{p}_k$, with a <Term name="x">note</Term> inline:

$$
\\hat{p}_k=\\frac{e^{z_k}}{\\sum_j e^{z_j}}
$$

<LeNetArchitecture id="fig" caption="LeNet-5 reading a digit." />

<LrSweep />

<Hebrew>
שלום $x$
</Hebrew>

### Code

\`\`\`ts cell id=model
const net = LeNet5();
\`\`\`
\`\`\`python original
net = LeNet5()
\`\`\`

\`\`\`ts cell id=browser-only
await saveModel(net, 'x');
\`\`\`

\`\`\`bash
pip install torch
\`\`\`

{/* a comment */}
`;

describe('the notebook built from the MDX', () => {
  const { notebook } = runPlugin(SAMPLE);
  const cells = notebook!;

  it('has prose as markdown split at sections, and each original as a code cell in place', () => {
    expect(cells.map((c) => `${c.kind}:${c.id}`)).toEqual(['markdown:md-1', 'markdown:md-2', 'code:model', 'markdown:md-3']);
    const [softmax, code, python, after] = cells;
    expect(softmax.source.startsWith('## Softmax\n\nThe output is $\\hat{p}_k$, with a note inline:\n\n$$\n\\hat{p}_k=\\frac{e^{z_k}}')).toBe(true);
    expect(code.source).toBe('### Code');
    expect(python.source).toBe('net = LeNet5()');
    // The TypeScript cells are left out; a static code block is prose.
    expect(after.source).toBe('```bash\npip install torch\n```');
  });

  it('leaves out imports, expressions and widgets, notes a captioned figure and keeps wrapped prose', () => {
    const md = cells.filter((c) => c.kind === 'markdown').map((c) => c.source).join('\n');
    expect(md).toContain('*Figure on the course page: LeNet-5 reading a digit.*');
    expect(md).toContain('שלום $x$');
    for (const gone of ['import', 'withBase', 'Download the original notebook', 'LrSweep', '<', 'a comment', 'saveModel', 'const net']) {
      expect(md).not.toContain(gone);
    }
  });

  it('writes valid nbformat 4.5 with a title cell, Python metadata and empty outputs', () => {
    const nb = toIpynb(cells, { title: 'LeNet-5 on MNIST', pageUrl: 'https://example.org/cnn-course/workshops/x/' });
    expect(nbformatProblems(nb)).toEqual([]);
    expect(nb.cells[0]).toMatchObject({ cell_type: 'markdown', id: 'title' });
    expect((nb.cells[0].source as string[]).join('')).toContain('https://example.org/cnn-course/workshops/x/');
    expect(nb.metadata).toMatchObject({ kernelspec: { name: 'python3', language: 'python' }, language_info: { name: 'python' } });
    expect(nb.cells[3]).toEqual({ cell_type: 'code', execution_count: null, id: 'model', metadata: {}, outputs: [], source: ['net = LeNet5()'] });
    const text = ipynbText(nb);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(nb);
  });

  it('the nbformat check catches what Jupyter would refuse', () => {
    const nb = toIpynb(cells, { title: 't', pageUrl: 'u' }) as Ipynb & Record<string, any>;
    const broken = structuredClone(nb) as any;
    broken.nbformat_minor = 4;
    broken.cells[1].id = 'has space';
    delete broken.cells[3].outputs;
    broken.cells[2].source = 3;
    broken.cells.push({ ...broken.cells[1] });
    delete broken.metadata.kernelspec;
    expect(nbformatProblems(broken)).toEqual([
      'nbformat_minor < 5 (cell ids need 4.5)',
      'metadata.kernelspec needs name and display_name',
      'cell 1: bad id has space',
      'cell 2: source is not a multiline string',
      'cell 3: missing outputs',
      'cell 3: outputs is not an array',
      `cell ${broken.cells.length - 1}: bad id has space`,
    ]);
    expect(() => toIpynb([{ kind: 'code', id: 'title', source: 'x' }], { title: 't', pageUrl: 'u' })).toThrow(/two notebook cells have the id "title"/);
  });

  it('splits sources into lines the way Jupyter stores them', () => {
    expect(multilineSource('a\nb\n\nc\n')).toEqual(['a\n', 'b\n', '\n', 'c']);
    expect(multilineSource('one')).toEqual(['one']);
    expect(multilineSource('x\r\ny')).toEqual(['x\n', 'y']);
  });
});

describe('the workshop page and its original notebook', () => {
  const mdx = mdxBody(readFileSync('content/workshops/10-lenet5.mdx', 'utf8'));
  const { tree, notebook } = runPlugin(mdx, '/course/content/workshops/10-lenet5.mdx');
  const code = Object.fromEntries(notebook!.filter((c) => c.kind === 'code').map((c) => [c.id, c.source]));

  it('pairs every cell with the seed cell that does the same step', () => {
    // cell id → a line only that seed cell has
    const seed: Record<string, string> = {
      setup: 'import torch.nn as nn',
      'load-mnist': 'dataset_train = torchvision.datasets.MNIST(',
      inspect: 'fig, ax_array = plt.subplots(4, 5, figsize=(5, 5))\nfor i, ax in enumerate(ax_array.flat):\n    img, label = dataset_train[i]',
      split: 'sampler_train2 = SubsetRandomSampler(indices_train2)',
      lenet5: 'class LeNet5(torch.nn.Module):',
      loaders: 'dataloader_train2 = torch.utils.data.DataLoader(',
      train: 'def train(net, alpha, n_epoch, dataloader_train2, dataloader_validation, device_id=\'cpu\'):',
      'lr-sweep': 'alpha_list = [1e0, 1e-1, 1e-2]',
      training: 'alpha = 1e-1\nn_epoch = 20',
      'test-risk': 'test_risk = np.sum(test_risk_tmp) / len(dataset_test)',
      predictions: "ax.set_title('Prediction: {}\\nLabel: ({})'",
    };
    expect(Object.keys(code)).toEqual(Object.keys(seed));
    for (const [id, line] of Object.entries(seed)) expect(code[id], id).toContain(line);
    // On the page: each of these cells holds its Python in the python slot; any other cell (such as
    // load-model, which only the browser needs) has none, and every cell has the tabs.
    const pageCells = (tree.children as any[]).filter((n) => n.name === 'NotebookCell');
    for (const c of pageCells) {
      const id = c.attributes.find((a: any) => a.name === 'id').value;
      expect(c.attributes.some((a: any) => a.name === 'original'), id).toBe(true);
      expect(c.children.length, id).toBe(id in seed ? 2 : 1);
    }
    expect(pageCells.length).toBeGreaterThanOrEqual(Object.keys(seed).length);
  });

  it("shows the seed's PyTorch, with its typos fixed", () => {
    const all = Object.values(code).join('\n');
    for (const typo of ['validataion', 'loss_func = loss_func', 'stride=2vector)', 'Colabrtroy', '""%matplotlib', "'Pixel''s", 'Fully connected layer + ReLU: output vector length=10', 'length= 84', "'$$\\\\alpha$$", '1024 validation sample ']) {
      expect(all, typo).not.toContain(typo);
    }
    expect(all).not.toMatch(/[ \t]+$/m); // no trailing whitespace
    for (const kept of ['optimizer.zero_grad()', 'loss.backward()', 'optimizer.step()', 'with torch.no_grad():', '.to(device_id)', 'nn.CrossEntropyLoss()', "print_math(\"Pixel's value range", "ax.set_title('$\\\\alpha$={:g}'.format(alpha))"]) {
      expect(all, kept).toContain(kept);
    }
  });

  it('is a valid notebook whose markdown is the page text without components', () => {
    const nb = toIpynb(notebook!, { title: 'LeNet-5 on MNIST', pageUrl: 'https://example.org/' });
    expect(nbformatProblems(nb)).toEqual([]);
    const md = notebook!.filter((c) => c.kind === 'markdown').map((c) => c.source).join('\n\n');
    expect(md).toContain('## LeNet-5');
    expect(md).toContain('\\hat{p}_k=\\frac{e^{z_k}}{\\sum_{j=0}^{9}e^{z_j}}');
    expect(md).toContain('## ⏱️ Performance evaluation');
    expect(md).not.toMatch(/<[A-Za-z]|import |withBase|Download the original notebook/);
  });
});

// Every exercise of the course, checked both ways: its solution passes and a typical wrong answer
// fails with the sentence that says what is off. Code exercises run the MDX's own solution and starter
// through the cell runtime, as the page does, with the named check on the hidden inputs.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COURSE_EXERCISES } from '../../src/lib/exercises/registry';
import { exerciseFromProps } from '../../src/lib/exercises/spec';
import { gradeNumbers } from '../../src/lib/exercises/numbers';
import { gradeChoice } from '../../src/lib/exercises/choices';
import { runCheck } from '../../src/lib/exercises/checks';
import { exercisesInMdx, solutionCode, starterCode } from '../../src/lib/exercises/mdx';
import { errorText, ownCode } from '../../src/lib/notebook/error-line';
import type { Exercise, Feedback } from '../../src/lib/exercises/types';
import { CellRuntime } from '../../src/lib/notebook/runner';
import { layerParamCounts, LENET_PARAM_COUNT } from '../../src/lib/lenet/model';

const root = resolve(__dirname, '../..');
const PAGES = { lecture: 'content/lectures/10-cnn.mdx', workshop: 'content/workshops/10-lenet5.mdx' };
const source = (file: string) => readFileSync(resolve(root, file), 'utf8');
const all = Object.values(PAGES).flatMap((file) => exercisesInMdx(source(file)).map((e) => ({ ...e, file })));
const spec = (id: string): Exercise => exerciseFromProps({ id, title: 't' }, 'test.mdx', COURSE_EXERCISES);

const LABEL = 'exercise-test';
/** Runs a student's code the way the cell worker does, then the exercise's check. */
async function runStudent(code: string, check: string): Promise<Feedback> {
  const kernel = new CellRuntime();
  await kernel.run(code, LABEL);
  const get = (name: string) => kernel.scope[name];
  return runCheck(check, { get, notebook: get, describe: (e) => kernel.describe(e, LABEL), restoreBuiltins: () => [] });
}

// Right and typical wrong answers, worked out by hand (not from the code under test).
const NUMBERS: Record<string, { right: string[]; wrong: string[]; says: RegExp }> = {
  'xcorr-value': { right: ['0.75'], wrong: ['0'], says: /flipped kernel/ },
  'relu-value': { right: ['0'], wrong: ['-2.5'], says: /before the activation/ },
  'multi-in-value': { right: ['-1.4'], wrong: ['-1.3'], says: /once per output, not once per input channel/ },
  'param-count': { right: ['256'], wrong: ['240'], says: /weights only/ },
  'output-shape': { right: ['8', '16'], wrong: ['3', '16'], says: /that is C_in/ },
  'same-padding': { right: ['2'], wrong: ['4'], says: /zeros at each end/ },
  'stride-length': { right: ['3'], wrong: ['8'], says: /length with stride 1/ },
  'dilation-length': { right: ['3'], wrong: ['7'], says: /length without dilation: the kernel spans d\(k−1\)\+1 = 7 samples/ },
  'pool-length': { right: ['3'], wrong: ['5'], says: /length with stride 1/ },
  'conv2d-table': { right: ['2', '6', '5', '7', '2', '3', '3', '3'], wrong: ['2', '6', '5', '7', '2', '3', '4', '3'], says: /round down/ },
  'conv2d-params': { right: ['456'], wrong: ['96'], says: /25 weights per pair of channels/ },
  'split-sizes': { right: ['58,976', '1024'], wrong: ['60000', '1024'], says: /before the split/ },
  'lenet-params': { right: ['156', '2416', '48120', '10164', '850', '61706'], wrong: ['156', '2400', '48120', '10164', '850', '61706'], says: /weights only: add one bias per output \(16\)/ },
};

const CHOICES: Record<string, { right: number[]; wrong: number[]; says: RegExp }> = {
  'linear-stack': { right: [1], wrong: [2], says: /3 \+ 3 − 1 = 5/ },
  'odd-kernels': { right: [1, 3, 4], wrong: [0, 1, 3, 4], says: /half a zero/ },
  'pool-facts': { right: [0, 1, 2], wrong: [0, 1, 2, 3], says: /each channel by itself/ },
};

// A typical wrong program for each code exercise, and the sentence its feedback must contain.
const CODE: Record<string, { wrong: string; says: RegExp }> = {
  'xcorr-code': {
    wrong: `function crossCorrelate(x, w) {
  const y = [];
  for (let n = 0; n + w.length <= x.length; n++) {
    let s = 0;
    for (let m = 0; m < w.length; m++) s += x[n + m] * w[w.length - 1 - m];
    y.push(s);
  }
  return y;
}`,
    says: /kernel flipped/,
  },
  'conv-relu-code': {
    wrong: `function convLayer(x, w, b) {
  const y = [];
  for (let n = 0; n + w.length <= x.length; n++) {
    let z = b;
    for (let m = 0; m < w.length; m++) z += x[n + m] * w[m];
    y.push(z);
  }
  return y;
}`,
    says: /apply the ReLU/,
  },
  'multi-in-code': {
    wrong: `function conv1dMultiIn(x, w, b) {
  const y = [];
  for (let n = 0; n + w[0].length <= x[0].length; n++) {
    let s = b;
    for (let m = 0; m < w[0].length; m++) s += x[0][n + m] * w[0][m];
    y.push(s);
  }
  return y;
}`,
    says: /sum the products over all input channels/,
  },
  'param-count-code': { wrong: 'function paramCount(cIn, cOut, k, bias) { return cIn * cOut * k; }', says: /biases are missing/ },
  'stride-code': {
    wrong: `function conv1dStride(x, w, s) {
  const y = [];
  for (let n = 0; n + w.length <= x.length; n++) {
    let t = 0;
    for (let m = 0; m < w.length; m++) t += x[n + m] * w[m];
    y.push(t);
  }
  return y;
}`,
    says: /keep only every s-th one/,
  },
  'dilation-code': {
    wrong: `function conv1d(x, w, { stride = 1, dilation = 1 } = {}) {
  const y = [];
  for (let start = 0; start + w.length <= x.length; start += stride) {
    let s = 0;
    for (let m = 0; m < w.length; m++) s += x[start + m] * w[m];
    y.push(s);
  }
  return y;
}`,
    says: /dilation is ignored/,
  },
  'max-pool-code': {
    wrong: `function maxPool(x, size, stride = size) {
  const y = [];
  for (let start = 0; start + size <= x.length; start += stride) {
    let best = 0;
    for (let i = start; i < start + size; i++) if (x[i] > best) best = x[i];
    y.push(best);
  }
  return y;
}`,
    says: /not at 0/,
  },
  'conv2d-code': {
    wrong: `function crossCorrelate2d(x, w) {
  const y = [];
  const K = w.length;
  for (let i = 0; i + K <= x.length; i++) {
    const row = [];
    for (let j = 0; j + w[0].length <= x[0].length; j++) {
      let s = 0;
      for (let m = 0; m < K; m++) for (let l = 0; l < w[0].length; l++) s += x[i + m][j + l] * w[K - 1 - m][w[0].length - 1 - l];
      row.push(s);
    }
    y.push(row);
  }
  return y;
}`,
    says: /flipped in both directions/,
  },
};

describe('the course has its exercises', () => {
  const lecture = exercisesInMdx(source(PAGES.lecture));
  it('at least 18 in the lecture, two or more at the end of each section, mixing numbers, choices and code', () => {
    expect(lecture.length).toBeGreaterThanOrEqual(18);
    const text = source(PAGES.lecture);
    const sectionOf = (id: string) => {
      const at = text.indexOf(`<Exercise id="${id}"`);
      const headings = [...text.slice(0, at).matchAll(/^#{2,3} (.+)$/gm)];
      return headings[headings.length - 1][1];
    };
    const counts: Record<string, number> = {};
    for (const e of lecture) counts[sectionOf(e.id)] = (counts[sectionOf(e.id)] ?? 0) + 1;
    const sections = ['1D Convolutional Layer', 'Activation (Non-Linear) Layers', 'Multiple Channels Input', 'Multiple Channels Output', 'Padding', 'Stride', 'Dilation', 'Max Pooling', '2D Convolutional Layer'];
    for (const s of sections) expect(counts[s] ?? 0, s).toBeGreaterThanOrEqual(2);
    const kinds = new Set(lecture.map((e) => spec(e.id).kind));
    expect([...kinds].sort()).toEqual(['choice', 'code', 'numbers']);
  });

  it('the workshop has the split sizes and the parameters layer by layer', () => {
    expect(exercisesInMdx(source(PAGES.workshop)).map((e) => e.id)).toEqual(expect.arrayContaining(['split-sizes', 'lenet-params']));
  });

  it.each(all.map((e) => [e.id, e] as const))('%s has hints and a solution, and a valid definition', (_id, e) => {
    expect(e.body).toMatch(/<Hint>/);
    expect(e.body).toMatch(/<Solution>[\s\S]+<\/Solution>/);
    expect(() => spec(e.id)).not.toThrow();
  });

  it('ids are unique across the site, and each has a test below (or, working on the notebook, in notebook-host.test.ts)', () => {
    const ids = all.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const tested = new Set([...Object.keys(NUMBERS), ...Object.keys(CHOICES), ...Object.keys(CODE), ...ON_THE_NOTEBOOK]);
    expect(ids.filter((id) => !tested.has(id))).toEqual([]);
  });

  it("each number exercise's solution states the numbers the check expects", () => {
    for (const e of all) {
      const ex = spec(e.id);
      if (ex.kind !== 'numbers') continue;
      const solution = /<Solution>([\s\S]*?)<\/Solution>/.exec(e.body)![1].replace(/\{,\}/g, '');
      for (const part of ex.parts) expect(solution, `${e.id}: ${part.label}`).toContain(String(part.value));
    }
  });

  it('the workshop numbers come from src/lib/lenet', () => {
    const ex = spec('lenet-params');
    expect(ex.kind === 'numbers' && ex.parts.map((p) => p.value)).toEqual([...layerParamCounts(), LENET_PARAM_COUNT]);
  });
});

describe('number exercises, both ways', () => {
  it.each(Object.entries(NUMBERS))('%s', (id, c) => {
    const ex = spec(id);
    if (ex.kind !== 'numbers') throw new Error(`${id} is not a number exercise`);
    expect(gradeNumbers(ex.parts, c.right).verdict).toBe('correct');
    const fb = gradeNumbers(ex.parts, c.wrong);
    expect(fb.verdict).toBe('wrong');
    expect([fb.message, ...(fb.parts ?? []).map((p) => p.message)].join(' ')).toMatch(c.says);
  });
});

describe('choice exercises, both ways', () => {
  it.each(Object.entries(CHOICES))('%s', (id, c) => {
    const ex = spec(id);
    if (ex.kind !== 'choice') throw new Error(`${id} is not a choice exercise`);
    expect(gradeChoice(ex, c.right).verdict).toBe('correct');
    const fb = gradeChoice(ex, c.wrong);
    expect(fb.verdict).toBe('wrong');
    expect(fb.message).toMatch(c.says);
  });
});

/**
 * The workshop's code exercises train and evaluate with the notebook's own variables (datasets, train(),
 * net), so test/unit/notebook-host.test.ts runs them both ways in the real notebook.
 */
const ON_THE_NOTEBOOK = ['strided-lenet', 'confident-mistakes'];

describe('code exercises, both ways (the MDX solution passes; the starter and a typical mistake fail)', () => {
  const code = all.filter((e) => spec(e.id).kind === 'code' && !ON_THE_NOTEBOOK.includes(e.id));
  it.each(code.map((e) => [e.id, e] as const))('%s', async (id, e) => {
    const ex = spec(id);
    if (ex.kind !== 'code') throw new Error('not code');
    const solution = solutionCode(e.body);
    const starter = starterCode(e.body);
    expect(solution, 'solution code').toBeTruthy();
    expect(starter, 'starter code').toBeTruthy();

    const pass = await runStudent(solution!, ex.check);
    expect(pass.message).toMatch(/^Correct/);
    expect(pass.verdict).toBe('correct');
    expect(pass.cases!.passed).toBe(pass.cases!.total);

    const start = await runStudent(starter!, ex.check);
    expect(start.verdict).toBe('wrong');

    const wrong = await runStudent(CODE[id].wrong, ex.check);
    expect(wrong.verdict).toBe('wrong');
    expect(wrong.message).toMatch(CODE[id].says);
    // The first hidden input where it differs: input, expected, got.
    expect(wrong.mismatch?.input).toMatch(/\S/);
    expect(wrong.mismatch?.expected).not.toBe(wrong.mismatch?.got);
  });
});

describe('code feedback', () => {
  it('an exception shows its message and the line of the student code that threw', async () => {
    const code = 'function crossCorrelate(x, w) {\n  const y = [];\n  if (w.length > 2) throw new Error("kernel too long");\n  return y;\n}';
    const fb = await runStudent(code, 'cross-correlate');
    expect(fb.verdict).toBe('wrong');
    expect(fb.message).toContain('kernel too long');
    expect(fb.error?.location).toMatchObject({ cell: LABEL, line: 3 });
    const t = errorText(fb.error!, ownCode(LABEL, code));
    expect(t.where).toMatch(/^at line 3(, column \d+)? of your code:$/);
    expect(t.line).toBe('3 |   if (w.length > 2) throw new Error("kernel too long");');
    expect(fb.mismatch?.input).toBe('x = [1, 3, 2, 0, -1, 2, 1], w = [0.5, -1, 0.25]');
  });

  it('a missing function or a wrong return type says so', async () => {
    expect((await runStudent('const x = 1;', 'cross-correlate')).message).toMatch(/must define a function crossCorrelate\(x, w\); it does not define one/);
    const fb = await runStudent('function crossCorrelate(x, w) { return 7; }', 'cross-correlate');
    expect(fb.message).toMatch(/the result should be an array, got 7/);
    const nan = await runStudent('function crossCorrelate(x, w) { return x.slice(w.length - 1).map((_, n) => x[n - 1] * w[0]); }', 'cross-correlate');
    expect(nan.message).toMatch(/y\[\d\] is NaN/);
  });

  it('typed arrays and async functions are fine', async () => {
    const fb = await runStudent(
      'async function paramCount(cIn, cOut, k, bias) { return cIn * cOut * k + (bias ? cOut : 0); }',
      'param-count',
    );
    expect(fb.verdict).toBe('correct');
    const typed = await runStudent(
      'function crossCorrelate(x, w) { const y = new Float64Array(x.length - w.length + 1); for (let n = 0; n < y.length; n++) for (let m = 0; m < w.length; m++) y[n] += x[n + m] * w[m]; return y; }',
      'cross-correlate',
    );
    expect(typed.verdict).toBe('correct');
  });

  it('an unknown check is reported, not thrown', async () => {
    expect((await runCheck('nope', { get: () => undefined, notebook: () => undefined, describe: () => ({ name: 'E', message: '' }), restoreBuiltins: () => [] })).verdict).toBe('unreadable');
  });
});

// Grading out of the student's reach (issue 17): student code that replaces built-ins cannot fool a
// check, its overrides do not outlive the check, and a check grades only what the current code
// defines. Driven through the same Notebook object as the page's worker.
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeNotebook } from './notebook-node';
import { guardBuiltins } from '../../src/lib/exercises/builtins-guard';

const RIGHT_XCORR = `function crossCorrelate(x, w) {
  const y = [];
  for (let n = 0; n + w.length <= x.length; n++) {
    let t = 0;
    for (let m = 0; m < w.length; m++) t += x[n + m] * w[m];
    y.push(t);
  }
  return y;
}`;
const absOriginal = Math.abs;
afterEach(() => {
  Math.abs = absOriginal;
});

describe('the checks grade with the built-ins from before any student code', () => {
  it('Math.abs = () => 0 does not pass a function that returns zeros, nor a later exercise', async () => {
    const nb = nodeNotebook();
    const zeros = await nb.run('ex-xcorr', 'Math.abs = () => 0; function crossCorrelate(x, w) { return new Array(x.length - w.length + 1).fill(0); }', { check: 'cross-correlate' });
    expect(zeros.report?.verdict).toBe('wrong');
    expect(zeros.report?.message).toContain('Math.abs');
    expect(Math.abs(-2)).toBe(2); // the override did not outlive the check
    const count = await nb.run('ex-count', 'function paramCount() { return 0; }', { check: 'param-count' });
    expect(count.report?.verdict).toBe('wrong');
    const sevens = await nb.run('ex-stride', 'function conv1dStride(x) { return x.map(() => 7); }', { check: 'conv1d-stride' });
    expect(sevens.report?.verdict).toBe('wrong');
  });

  it('Math.max = () => 1e300 does not pass a wrong paramCount', async () => {
    const nb = nodeNotebook();
    const r = await nb.run('ex-count', 'Math.max = () => 1e300; function paramCount(i, o, k) { return i * o * k; }', { check: 'param-count' });
    expect(r.report?.verdict).toBe('wrong');
    expect(r.report?.message).toContain('The biases are missing');
  });

  it('an override made while the check calls the function, a getter or a Proxy in the result: still graded right', async () => {
    const nb = nodeNotebook();
    const during = await nb.run('ex-xcorr', 'function crossCorrelate(x, w) { Math.abs = () => 0; Array.isArray = () => true; return [0]; }', { check: 'cross-correlate' });
    expect(during.report?.verdict).toBe('wrong');
    const getter = await nb.run('ex-xcorr', `function crossCorrelate(x, w) {
  const y = new Array(x.length - w.length + 1).fill(0);
  Object.defineProperty(y, 0, { get() { Math.abs = () => 0; return 0; }, enumerable: true });
  return y;
}`, { check: 'cross-correlate' });
    expect(getter.report?.verdict).toBe('wrong');
    const proxy = await nb.run('ex-xcorr', 'function crossCorrelate(x, w) { return new Proxy([], { get(t, k) { Math.abs = () => 0; return k === "length" ? x.length - w.length + 1 : 0; } }); }', { check: 'cross-correlate' });
    expect(proxy.report?.verdict).toBe('wrong');
    const thenable = await nb.run('ex-xcorr', 'Object.prototype.then = function (ok) { Math.abs = () => 0; delete Object.prototype.then; ok([0]); }; function crossCorrelate(x, w) { return [0]; }', { check: 'cross-correlate' });
    expect(thenable.report?.verdict).toBe('wrong');
    expect('then' in {}).toBe(false);
    const right = await nb.run('ex-xcorr', RIGHT_XCORR, { check: 'cross-correlate' });
    expect(right.report?.verdict).toBe('correct');
  });

  it('a check grades the current code: a definition left by an earlier run never counts', async () => {
    const nb = nodeNotebook();
    expect((await nb.run('ex-xcorr', RIGHT_XCORR, { check: 'cross-correlate' })).report?.verdict).toBe('correct');
    const deleted = await nb.run('ex-xcorr', '// everything deleted', { check: 'cross-correlate' });
    expect(deleted.report?.verdict).toBe('wrong');
    expect(deleted.report?.message).toContain('it does not define one with that name');
    const declaredOnly = await nb.run('ex-xcorr', 'var crossCorrelate;', { check: 'cross-correlate' });
    expect(declaredOnly.report?.verdict).toBe('wrong');
    // What the exercise defined is still the notebook's, as in Jupyter: a later cell can call it.
    await nb.run('ex-xcorr', RIGHT_XCORR, { check: 'cross-correlate' });
    expect((await nb.run('later', 'crossCorrelate([1, 2, 3], [1, 1])')).text).toBe('[3, 5]');
  });
});

describe('guardBuiltins', () => {
  it('puts back replaced and added properties, names them, and refuses a frozen replacement', () => {
    const guard = guardBuiltins();
    expect(guard.restore()).toEqual([]);
    Math.abs = () => 0;
    (Array.prototype as unknown as { sum: number }).sum = 1;
    expect(guard.restore().sort()).toEqual(['Array.prototype.sum', 'Math.abs']);
    expect(Math.abs(-3)).toBe(3);
    expect('sum' in []).toBe(false);
    // Frozen in a realm of its own (freezing this one's Math.max would break the test runner).
    const realm = runInNewContext('globalThis') as typeof globalThis;
    const other = guardBuiltins(realm);
    runInNewContext('Object.defineProperty(Math, "max", { value: () => 1e300, writable: false, configurable: false })', realm);
    expect(() => other.restore()).toThrow(/Math\.max/);
  });
});

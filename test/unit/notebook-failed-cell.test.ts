// A cell that fails before defining its names (issue 17: load-mnist offline) leaves them undefined,
// so the next cell gets a ReferenceError with the "run the cells above" hint, not a raw TypeError.
import { describe, expect, it } from 'vitest';
import { CellRuntime, errorHint } from '../../src/lib/notebook/runner';

describe('a failed cell defines nothing', () => {
  it('the names it would have defined stay undefined; the next cell gets a ReferenceError with the hint', async () => {
    const rt = new CellRuntime();
    await expect(rt.run("const datasetTrain = await Promise.reject(new Error('offline')); const datasetTest = 1;", 'load-mnist')).rejects.toThrow('offline');
    expect('datasetTrain' in rt.scope).toBe(false);
    expect('datasetTest' in rt.scope).toBe(false);
    let error: unknown;
    await rt.run('datasetTrain.images', 'inspect').catch((e) => (error = e));
    const described = rt.describe(error, 'inspect');
    expect(described.name).toBe('ReferenceError');
    expect(errorHint(described)).toContain('run them first');
    expect(errorHint(described)).toContain('a cell that failed defines nothing');
  });

  it('a name that a failed re-run did not reach keeps its earlier value', async () => {
    const rt = new CellRuntime();
    await rt.run('const data = 1;', 'a');
    await expect(rt.run("const data = await Promise.reject(new Error('offline'));", 'a')).rejects.toThrow();
    expect(rt.scope.data).toBe(1);
  });

  it('hints also for a property read of undefined, and not for other errors', () => {
    expect(errorHint({ name: 'TypeError', message: "Cannot read properties of undefined (reading 'images')" })).not.toBeNull();
    expect(errorHint({ name: 'RangeError', message: 'bad' })).toBeNull();
  });
});

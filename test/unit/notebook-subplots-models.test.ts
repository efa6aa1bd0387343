// subplots() (the LR sweep's row of figures) and the saved-model helpers' pure parts (issue 6).
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import type { OutputSink } from '../../src/lib/notebook/builtins';
import type { Output, PlotSpec } from '../../src/lib/notebook/protocol';
import { makeSubplots, subplotsOutput, MAX_PANELS } from '../../src/lib/notebook/subplots';
import { makeWorkshopHelpers } from '../../src/lib/notebook/workshop-helpers';
import { formatSavedAt, makeSavedModels, savedModelNames, savedModelUrl, SAVED_MODEL_PREFIX } from '../../src/lib/notebook/saved-models';

function fakeSink() {
  const outputs = new Map<string, Output>();
  let n = 0;
  const sink: OutputSink = {
    add: (o) => {
      const id = `d${++n}`;
      outputs.set(id, o);
      return id;
    },
    update: (id, o) => void outputs.set(id, o),
    remove: (id) => void outputs.delete(id),
    signal: () => new AbortController().signal,
  };
  return { sink, outputs };
}

const spec = (title: string): PlotSpec => ({ title, marks: [{ mark: 'line', data: [{ x: 0, y: 1 }], options: { x: 'x', y: 'y' } }] });

describe('subplots', () => {
  it('adds one grid output and returns its panels in reading order', () => {
    const { sink, outputs } = fakeSink();
    const axes = makeSubplots(sink)(2, 3);
    expect(axes.map((a) => a.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect([...outputs.values()]).toEqual([{ kind: 'plot', specs: [], columns: 3 }]);
  });

  it('draws panels in place, keeping the place of a panel not drawn yet', () => {
    const { sink, outputs } = fakeSink();
    const axes = makeSubplots(sink)(1, 3);
    axes[0].plot(spec('a'));
    expect(outputs.get('d1')).toEqual({ kind: 'plot', specs: [spec('a')], columns: 3 });
    axes[2].plot(spec('c'));
    expect(outputs.get('d1')).toEqual({ kind: 'plot', specs: [spec('a'), null, spec('c')], columns: 3 });
    axes[1].plot(spec('b'));
    axes[0].plot(spec('a2')); // redraw
    expect(outputs.get('d1')).toEqual({ kind: 'plot', specs: [spec('a2'), spec('b'), spec('c')], columns: 3 });
    expect(outputs.size).toBe(1);
  });

  it('rejects bad sizes and bad specs with a clear message, leaving the panel as it was', () => {
    const subplots = makeSubplots(fakeSink().sink);
    expect(() => subplots(0, 3)).toThrow(/nRows must be a positive whole number, got 0/);
    expect(() => subplots(1, 2.5)).toThrow(/nCols must be a positive whole number, got 2.5/);
    expect(() => subplots(5, 5)).toThrow(new RegExp(`at most ${MAX_PANELS} panels`));
    const { sink, outputs } = fakeSink();
    const [ax] = makeSubplots(sink)(1, 2);
    ax.plot(spec('ok'));
    expect(() => ax.plot({ marks: [{ mark: 'line', options: { x: () => 1 } }] } as PlotSpec)).toThrow(/plain data/);
    expect(outputs.get('d1')).toEqual({ kind: 'plot', specs: [spec('ok')], columns: 2 });
  });

  it('subplotsOutput leaves out trailing panels not drawn yet', () => {
    expect(subplotsOutput([null, spec('b'), null, null], 4)).toEqual({ kind: 'plot', specs: [null, spec('b')], columns: 4 });
    expect(subplotsOutput([null, null], 2)).toEqual({ kind: 'plot', specs: [], columns: 2 });
  });

  it('plotLosses({ …, ax }) draws the loss figure into that panel', () => {
    const { sink, outputs } = fakeSink();
    const { plotLosses } = makeWorkshopHelpers(sink, () => tf);
    const axes = makeSubplots(sink)(1, 3);
    const handle = plotLosses({ title: 'α=0.1', lossTrainList: [2, 1], lossValidationList: [2.5], validationSteps: [0], yDomain: [0, 5], ax: axes[1] });
    const grid = outputs.get('d1') as Extract<Output, { kind: 'plot' }>;
    expect(outputs.size).toBe(1);
    expect(grid.specs[0]).toBeNull();
    expect(grid.specs[1]?.title).toBe('α=0.1');
    expect(grid.specs[1]).not.toHaveProperty('ax');
    expect(grid.specs[1]).toMatchObject({ width: 240, height: 220 }); // about a third of the text column
    handle.update({ title: 'α=0.1 again', lossTrainList: [1], ax: axes[1] });
    expect((outputs.get('d1') as Extract<Output, { kind: 'plot' }>).specs[1]?.title).toBe('α=0.1 again');
    expect(() => plotLosses({ lossTrainList: [1], ax: {} as never })).toThrow(/ax must be one of the panels subplots\(\) returned/);
  });
});

describe('saved models', () => {
  it('names models under the notebook prefix, apart from the training panel checkpoints', () => {
    expect(savedModelUrl('lenet5')).toBe('indexeddb://cnn-course-notebook/lenet5');
    expect(savedModelUrl('my_net-2.v1')).toBe(`${SAVED_MODEL_PREFIX}my_net-2.v1`);
    for (const bad of ['', 'a/b', '-x', 'has space', 'x'.repeat(65), 5, undefined]) {
      expect(() => savedModelUrl(bad)).toThrow(/model name must be 1–64 letters/);
    }
  });

  it('lists only the notebook models among tfjs saved-model URLs', () => {
    expect(savedModelNames(['indexeddb://other/x', `${SAVED_MODEL_PREFIX}b`, `${SAVED_MODEL_PREFIX}a`, 'localstorage://a'])).toEqual(['a', 'b']);
  });

  it('formats the save time in local time', () => {
    expect(formatSavedAt(new Date(2026, 10, 26, 9, 5))).toBe('at 09:05, 26 Nov 2026');
    expect(formatSavedAt(new Date(NaN))).toBe('at an unknown time');
  });

  it('saveModel and loadSavedModel refuse bad arguments before touching storage', async () => {
    const { sink, outputs } = fakeSink();
    const { saveModel, loadSavedModel } = makeSavedModels(sink, () => tf);
    await expect(saveModel({} as never, 'lenet5')).rejects.toThrow(/net must be a tf model/);
    await expect(saveModel({ save: () => 0, predict: () => 0 } as never, 'bad name')).rejects.toThrow(/model name/);
    await expect(loadSavedModel('../x')).rejects.toThrow(/model name/);
    expect(outputs.size).toBe(0);
  });

  it('saveModel saves under the notebook URL and says how to get the model back', async () => {
    const { sink, outputs } = fakeSink();
    const { saveModel } = makeSavedModels(sink, () => tf);
    const urls: string[] = [];
    const net = { predict: () => 0, save: async (url: string) => (urls.push(url), { modelArtifactsInfo: { weightDataBytes: 246_824 } }) };
    await expect(saveModel(net as never, 'lenet5')).resolves.toBeUndefined();
    expect(urls).toEqual(['indexeddb://cnn-course-notebook/lenet5']);
    expect([...outputs.values()]).toEqual([{ kind: 'text', text: "Saved model 'lenet5' in this browser (241 KB of weights). After a page reload, get it back with: const net = await loadSavedModel('lenet5');" }]);
  });

  it('a browser that refuses to store the model gets a warning, not a failed cell', async () => {
    const { sink, outputs } = fakeSink();
    const { saveModel } = makeSavedModels(sink, () => tf);
    const net = { predict: () => 0, save: async () => { throw new Error('QuotaExceededError'); } };
    await expect(saveModel(net as never, 'lenet5')).resolves.toBeUndefined();
    const [out] = [...outputs.values()] as Extract<Output, { kind: 'text' }>[];
    expect(out.stream).toBe('stderr');
    expect(out.text).toMatch(/^Model 'lenet5' was not saved: this browser refused to store it \(QuotaExceededError\)/);
  });
});

// subplots(): the LR sweep's row of figures (plt.subplots), and plotLosses into one of its panels.
import { describe, expect, it } from 'vitest';
import type { Output, OutputSink, PlotSpec } from '../../src/lib/notebook/protocol';
import { makeSubplots, subplotsOutput, MAX_PANELS } from '../../src/lib/notebook/subplots';
import { makeWorkshopHelpers } from '../../src/lib/notebook/workshop-helpers';
import type { WorkshopHost } from '../../src/lib/workshop/host';

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
    const { plotLosses } = makeWorkshopHelpers({ sink, host: {} as WorkshopHost, run: () => ({ cell: 'c', resume: false }), yieldToMessages: async () => {}, runs: new Set() });
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

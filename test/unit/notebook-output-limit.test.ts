// The output limit (issue 17): one rule for cells and exercises, applied in the worker before
// anything is posted, so a cell that prints 100,000 lines sends the page a capped number of messages.
import { describe, expect, it } from 'vitest';
import { OUTPUT_LIMIT, OutputLimiter } from '../../src/lib/notebook/output-limit';
import { NotebookRuntime } from '../../src/lib/notebook/notebook-runtime';
import type { CellMessage, TrainingView } from '../../src/lib/notebook/protocol';

const text = (t: string) => ({ kind: 'text' as const, text: t });

describe('OutputLimiter', () => {
  it('shows the first OUTPUT_LIMIT.items outputs, counts the rest in lines and says so', () => {
    const l = new OutputLimiter();
    const shown = Array.from({ length: 100 }, (_, i) => l.admit(text(`line ${i}`))).filter(Boolean);
    expect(shown).toHaveLength(OUTPUT_LIMIT.items);
    expect(l.admit(text('a\nb\nc'))).toBeNull();
    expect(l.admit({ kind: 'html', html: '<b>x</b>' })).toBeNull();
    expect(l.note()).toEqual({ kind: 'note', text: `… 54 more lines not shown (a run shows at most ${OUTPUT_LIMIT.items} outputs and 20,000 characters).` });
  });

  it('cuts text at OUTPUT_LIMIT.chars characters in all, at a line end, and counts the lines cut', () => {
    const l = new OutputLimiter();
    const long = Array.from({ length: 5000 }, (_, i) => `row ${String(i).padStart(4, '0')}`).join('\n'); // 8 characters and a newline each
    const out = l.admit(text(long));
    expect(out?.kind).toBe('text');
    const kept = (out as { text: string }).text;
    expect(kept.length).toBeLessThanOrEqual(OUTPUT_LIMIT.chars);
    expect(kept.endsWith('row 2221')).toBe(true); // 2,222 whole lines: 19,997 characters
    expect(l.hidden).toBe(2778);
    expect(l.admit(text('more'))).toBeNull(); // no characters left
    expect((l.note() as { text: string }).text).toContain('… 2,779 more lines not shown');
    expect(new OutputLimiter().note()).toBeNull();
  });

  it('always shows a training view, and cuts an update of a shown output to the character limit', () => {
    const l = new OutputLimiter();
    for (let i = 0; i < 60; i++) l.admit(text('x'));
    const training: TrainingView = { kind: 'training', label: 'α', state: 'running', step: 0, totalSteps: 1, epoch: 0, nEpoch: 1, seconds: 0, train: [], validation: [], keepChart: true };
    expect(l.admit(training)).toBe(training);
    expect((OutputLimiter.update(text('y'.repeat(50_000))) as { text: string }).text).toHaveLength(OUTPUT_LIMIT.chars);
  });
});

describe('the notebook applies it before posting', () => {
  it('a cell printing 100,000 lines posts the capped outputs and one note with the count', async () => {
    const posted: CellMessage[] = [];
    let done!: () => void;
    const finished = new Promise<void>((r) => (done = r));
    const nb = new NotebookRuntime({
      post: (m) => {
        posted.push(m as CellMessage);
        if (m.type === 'cell-done') done();
      },
      backends: ['cpu'],
      yieldToMessages: () => new Promise((r) => setImmediate(r)),
    });
    nb.receive({ type: 'run', runId: 1, cell: 'flood', source: 'for (let i = 0; i < 100000; i++) print(i);' });
    await finished;
    const outputs = posted.filter((m) => m.type === 'output');
    expect(outputs).toHaveLength(OUTPUT_LIMIT.items + 1);
    expect(posted.length).toBeLessThan(OUTPUT_LIMIT.items + 20);
    const last = posted.filter((m) => m.type === 'update' || m.type === 'output').at(-1) as Extract<CellMessage, { type: 'update' }>;
    expect(last.output).toEqual({ kind: 'note', text: expect.stringContaining('… 99,950 more lines not shown') });
  });
});

describe('a cell ending in an output helper', () => {
  it('shows that output, not the handle the helper returns ({ update: [Function update] })', async () => {
    const posted: CellMessage[] = [];
    let done!: () => void;
    const finished = new Promise<void>((r) => (done = r));
    const nb = new NotebookRuntime({
      post: (m) => {
        posted.push(m as CellMessage);
        if (m.type === 'cell-done') done();
      },
      backends: ['cpu'],
      yieldToMessages: () => new Promise((r) => setImmediate(r)),
    });
    nb.receive({ type: 'run', runId: 1, cell: 'training', source: 'plotLosses({ lossTrainList: [2, 1], lossValidationList: [1.5], validationSteps: [1] });' });
    await finished;
    const kinds = posted.filter((m) => m.type === 'output').map((m) => (m as Extract<CellMessage, { type: 'output' }>).output.kind);
    expect(kinds).toEqual(['plot']);
  });
});

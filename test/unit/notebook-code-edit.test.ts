// The one editable-code state of cells and code exercises (src/lib/notebook/code-edit.ts), and the one
// error-line text (src/lib/notebook/error-line.ts). Storage is checked by its raw keys and JSON as the
// earlier page code wrote them, so a student's work saved before keeps loading.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CodeEdit } from '../../src/lib/notebook/code-edit';
import { errorText, ownCode } from '../../src/lib/notebook/error-line';
import type { CellError } from '../../src/lib/cell-error/cell-error';

const memory = () => {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
};
const ORIGINAL = { source: 'const a = 1;', hash: 'h1' };

function make(store: ReturnType<typeof memory> | null, label = 'split', page = '/w/workshop-10/') {
  const saves: boolean[] = [];
  const leave: Array<() => void> = [];
  const edit = new CodeEdit({
    storage: () => store, page, label, original: ORIGINAL, saved: (ok) => saves.push(ok),
    leaving: { addEventListener: (_t, fn) => void leave.push(fn) },
  });
  return { edit, saves, leave };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('CodeEdit', () => {
  it('reads an edit saved by the earlier page code, under its old key (a cell and an exercise)', () => {
    const s = memory();
    s.setItem('cnn-course:nb-edit:/w/workshop-10/:split', JSON.stringify({ source: 'const a = 2;', originalHash: 'h1', savedAt: 7 }));
    s.setItem('cnn-course:nb-edit:/lectures/10/:exercise-xcorr', JSON.stringify({ source: 'mine', originalHash: 'old', savedAt: 8 }));
    const cell = make(s).edit;
    expect(cell.storageKey).toBe('cnn-course:nb-edit:/w/workshop-10/:split');
    expect(cell.takeSaved()).toEqual({ text: 'const a = 2;', modified: true, stale: false });
    expect(cell.text).toBe('const a = 2;');
    expect(cell.isEdited).toBe(true);
    const ex = make(s, 'exercise-xcorr', '/lectures/10/').edit;
    expect(ex.takeSaved()).toEqual({ text: 'mine', modified: true, stale: true });
  });

  it('with nothing saved (or no storage at all) the original stands, unmodified', () => {
    for (const store of [memory(), null]) {
      const { edit } = make(store);
      expect(edit.takeSaved()).toEqual({ text: 'const a = 1;', modified: false, stale: false });
      expect(edit.text).toBe('const a = 1;');
      expect(edit.isEdited).toBe(false);
    }
  });

  it('typing marks it modified and saves it a moment later, in the format the earlier code read', () => {
    const s = memory();
    const { edit, saves } = make(s);
    expect(edit.changed('const a = 3;', true)).toEqual({ modified: true, stale: false });
    expect(s.m.size).toBe(0);
    vi.advanceTimersByTime(250);
    expect(saves).toEqual([true]);
    const raw = JSON.parse(s.getItem('cnn-course:nb-edit:/w/workshop-10/:split')!);
    expect(raw).toMatchObject({ source: 'const a = 3;', originalHash: 'h1' });
    expect(typeof raw.savedAt).toBe('number');
    // Typing the original back: unmodified, and nothing left in storage.
    expect(edit.changed('const a = 1;', true)).toEqual({ modified: false, stale: false });
    vi.advanceTimersByTime(250);
    expect(s.m.size).toBe(0);
  });

  it("another tab's text is taken but neither saved nor marked", () => {
    const s = memory();
    const { edit, saves } = make(s);
    expect(edit.changed('from the other tab', false)).toBeNull();
    expect(edit.text).toBe('from the other tab');
    vi.advanceTimersByTime(1000);
    expect(saves).toEqual([]);
    expect(s.m.size).toBe(0);
  });

  it('flush and leaving the page save a pending edit at once; a refusing browser is reported', () => {
    const s = memory();
    const { edit, saves, leave } = make(s);
    edit.changed('x', true);
    edit.flush();
    expect(s.getItem('cnn-course:nb-edit:/w/workshop-10/:split')).toContain('"source":"x"');
    edit.changed('y', true);
    leave.forEach((fn) => fn());
    expect(s.getItem('cnn-course:nb-edit:/w/workshop-10/:split')).toContain('"source":"y"');
    const refusing = memory();
    refusing.setItem = () => { throw new Error('QuotaExceeded'); };
    const r = make(refusing);
    r.edit.changed('z', true);
    r.edit.flush();
    expect(saves).toEqual([true, true]);
    expect(r.saves).toEqual([false]);
    expect(r.edit.text).toBe('z'); // kept on the page
  });

  it('reset forgets the edit, here and in storage, and drops a pending save', () => {
    const s = memory();
    s.setItem('cnn-course:nb-edit:/w/workshop-10/:split', JSON.stringify({ source: 'old edit', originalHash: 'h1', savedAt: 1 }));
    const { edit } = make(s);
    edit.takeSaved();
    edit.changed('typed after', true);
    edit.reset();
    vi.advanceTimersByTime(1000);
    expect(s.m.size).toBe(0);
    expect(edit.text).toBe('const a = 1;');
    expect(edit.isEdited).toBe(false);
  });

  it('an edit saved against an older original is stale; junk in storage reads as nothing saved', () => {
    const s = memory();
    s.setItem('cnn-course:nb-edit:/w/workshop-10/:split', JSON.stringify({ source: 'const a = 1;', originalHash: 'older' }));
    // Equal to today's original but made against another: not modified, still stale (the page says so).
    expect(make(s).edit.takeSaved()).toEqual({ text: 'const a = 1;', modified: false, stale: true });
    s.setItem('cnn-course:nb-edit:/w/workshop-10/:split', '{not json');
    expect(make(s).edit.takeSaved()).toEqual({ text: 'const a = 1;', modified: false, stale: false });
  });
});

describe('errorText', () => {
  const error: CellError = { name: 'TypeError', message: 'x is undefined', location: { cell: 'split', line: 2, column: 5 } };
  const sources = new Map([['split', 'const a = 1;\nconst b = x.y;'], ['load', 'await load();']]);

  it('a cell names itself by number and label, another cell by its label, and quotes the line', () => {
    const name = (l: string) => (l === 'split' ? 'cell 3 (split)' : `cell ${l}`);
    expect(errorText(error, { source: (l) => sources.get(l), name })).toEqual({
      head: 'TypeError: x is undefined',
      where: 'at line 2, column 5 of cell 3 (split):',
      line: '2 | const b = x.y;',
    });
    const elsewhere = { ...error, location: { cell: 'load', line: 1 } };
    expect(errorText(elsewhere, { source: (l) => sources.get(l), name })).toEqual({
      head: 'TypeError: x is undefined',
      where: 'at line 1 of cell load:',
      line: '1 | await load();',
    });
    // A label whose code is not known: the place, without a line.
    const unknown = { ...error, location: { cell: 'gone', line: 4 } };
    expect(errorText(unknown, { source: (l) => sources.get(l), name })).toEqual({ head: 'TypeError: x is undefined', where: 'at line 4 of cell gone:', line: undefined });
  });

  it("an exercise's own code is \"your code\"; an error elsewhere or without a place gets only its head", () => {
    const code = ownCode('split', sources.get('split')!);
    expect(errorText(error, code)).toEqual({ head: 'TypeError: x is undefined', where: 'at line 2, column 5 of your code:', line: '2 | const b = x.y;' });
    expect(errorText({ ...error, location: { cell: 'check', line: 9 } }, code)).toEqual({ head: 'TypeError: x is undefined' });
    expect(errorText({ name: 'Error', message: 'boom' }, code)).toEqual({ head: 'Error: boom' });
  });
});

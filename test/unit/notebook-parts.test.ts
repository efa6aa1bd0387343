import { describe, expect, it, vi } from 'vitest';
import { parseCellMeta } from '../../src/lib/notebook/meta';
import { sourceHash } from '../../src/lib/notebook/hash';
import { clearEdit, debouncedSaver, editKey, isStale, loadEdit, saveEdit } from '../../src/lib/notebook/edits';
import { formatValue, imagesOutput, plotOutput, progressOutput, textOutput, valueOutput } from '../../src/lib/notebook/display';
import remarkNotebookCells from '../../src/lib/notebook/remark-cells';
import { RuntimeSession, STALLED_MESSAGE, STOP_RESTARTED_MESSAGE, type WorkerLike } from '../../src/lib/notebook/session';
import type { CellMessage, CellRequest } from '../../src/lib/notebook/protocol';
import type { WorkerCommand, WorkerEvent } from '../../src/lib/workshop/protocol';
import { VFile } from 'vfile';

describe('cell meta', () => {
  it('recognises ts/js cells and their options', () => {
    expect(parseCellMeta('ts', 'cell')).toEqual({ lang: 'ts', autorun: false, hidden: false, readonly: false, optional: false });
    expect(parseCellMeta('typescript', 'cell id=load-mnist hidden autorun readonly optional')).toEqual({
      lang: 'ts', id: 'load-mnist', autorun: true, hidden: true, readonly: true, optional: true,
    });
    expect(parseCellMeta('js', 'cell id="a1"')?.id).toBe('a1');
  });
  it('leaves ordinary code blocks alone', () => {
    expect(parseCellMeta('ts', null)).toBeNull();
    expect(parseCellMeta('ts', 'title="x"')).toBeNull();
    expect(parseCellMeta('python', 'cell')).toBeNull();
  });
  it('names a bad option or id', () => {
    expect(() => parseCellMeta('ts', 'cell autoruns')).toThrow(/unknown cell option "autoruns"/);
    expect(() => parseCellMeta('ts', 'cell id=9lives')).toThrow(/cell id "9lives"/);
  });
});

describe('edits in storage', () => {
  const memory = () => {
    const m = new Map<string, string>();
    return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
  };
  const original = { source: 'const a = 1', hash: sourceHash('const a = 1') };

  it('saves, loads and clears an edit per page and cell', () => {
    const s = memory();
    expect(saveEdit(s, '/w/', 'c1', 'const a = 2', original, 5)).toBe(true);
    expect(loadEdit(s, '/w/', 'c1')).toEqual({ source: 'const a = 2', originalHash: original.hash, savedAt: 5 });
    expect(loadEdit(s, '/other/', 'c1')).toBeNull();
    clearEdit(s, '/w/', 'c1');
    expect(loadEdit(s, '/w/', 'c1')).toBeNull();
  });
  it('an edit back to the original is forgotten', () => {
    const s = memory();
    saveEdit(s, '/w/', 'c1', 'x', original);
    saveEdit(s, '/w/', 'c1', original.source, original);
    expect(s.m.size).toBe(0);
  });
  it('tells when the original changed since the edit', () => {
    const s = memory();
    saveEdit(s, '/w/', 'c1', 'x', original);
    const edit = loadEdit(s, '/w/', 'c1')!;
    expect(isStale(edit, original.hash)).toBe(false);
    expect(isStale(edit, sourceHash('const a = 1 // changed'))).toBe(true);
  });
  it('survives a storage that throws or holds junk', () => {
    const throwing = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('quota'); }, removeItem: () => { throw new Error('denied'); } };
    expect(saveEdit(throwing, '/w/', 'c', 'x', original)).toBe(false);
    expect(loadEdit(throwing, '/w/', 'c')).toBeNull();
    expect(() => clearEdit(throwing, '/w/', 'c')).not.toThrow();
    const s = memory();
    s.setItem(editKey('/w/', 'c'), '{not json');
    expect(loadEdit(s, '/w/', 'c')).toBeNull();
  });
});

describe('display outputs', () => {
  it('formats values like a REPL', () => {
    expect(formatValue('a')).toBe('"a"');
    expect(formatValue('a', false)).toBe('a');
    expect(formatValue([1, 'x', { k: [2] }])).toBe('[1, "x", { k: [2] }]');
    expect(formatValue(new Float32Array([0.5, 1]))).toBe('Float32Array(2) [0.5, 1]');
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(formatValue(loop)).toBe('{ self: [Circular] }');
    expect(textOutput(['loss', 0.5])).toEqual({ kind: 'text', text: 'loss 0.5', stream: 'stdout' });
  });
  it('shows a tensor with dtype, shape and values', () => {
    const fake = { shape: [2, 2], dtype: 'float32', size: 4, dataSync: () => [1, 2, 3, 4], toString: () => 'Tensor\n    [[1, 2],\n     [3, 4]]' };
    expect(valueOutput(fake)).toEqual({ kind: 'tensor', dtype: 'float32', shape: [2, 2], text: '[[1, 2],\n [3, 4]]' });
  });
  it('turns image arrays into grey images with captions', () => {
    const out = imagesOutput([{ pixels: [0, 0.5, 1, 1], width: 2, height: 2 }, [[0, 255], [255, 0]]] as never, { captions: ['a', 'b'], wrong: [false, true] });
    expect(out.kind).toBe('images');
    if (out.kind !== 'images') throw new Error(`expected images, got ${out.kind}`);
    expect(Array.from(out.images[0].pixels)).toEqual([0, 128, 255, 255]);
    expect(Array.from(out.images[1].pixels)).toEqual([0, 255, 255, 0]);
    expect(out.images[1]).toMatchObject({ caption: 'b', wrong: true });
    expect(out.columns).toBe(2);
  });
  it('refuses a tensor of the wrong rank with a clear message', () => {
    const t = { shape: [2, 3, 4, 5], dtype: 'float32', size: 120, dataSync: () => new Float32Array(120), toString: () => '' };
    expect(() => imagesOutput(t)).toThrow(/expected a tensor of shape \[N, H, W\]/);
  });
  it('checks plot specs and progress values', () => {
    expect(() => plotOutput({} as never)).toThrow(/marks/);
    expect(() => plotOutput({ marks: [{ mark: 'line', options: { x: () => 1 } }] })).toThrow(/plain data/);
    expect(plotOutput({ marks: [{ mark: 'line', data: [{ x: 1 }] }] })).toMatchObject({ kind: 'plot' });
    expect(progressOutput(5, 4, 'x')).toEqual({ kind: 'progress', value: 4, max: 4, label: 'x' });
    expect(() => progressOutput(1, 0)).toThrow(RangeError);
  });
});

describe('remark plugin', () => {
  const code = (value: string, meta: string | null, lang = 'ts') => ({ type: 'code', lang, meta, value });
  it('wraps cell blocks, numbers them, adds one bar, and leaves other code alone', () => {
    const tree = {
      type: 'root',
      children: [code('let a = 1', null), code('let b = 2', 'cell id=first hidden'), { type: 'paragraph', children: [] }, code('b', 'cell')],
    };
    remarkNotebookCells()(tree as never, new VFile());
    const kids = tree.children as any[];
    expect(kids.map((k) => k.name ?? k.type)).toEqual(['code', 'NotebookBar', 'NotebookCell', 'paragraph', 'NotebookCell']);
    const attrs = (n: any) => Object.fromEntries(n.attributes.map((a: any) => [a.name, a.value]));
    expect(attrs(kids[2])).toEqual({ id: 'first', hash: sourceHash('let b = 2'), index: '1', hidden: null });
    expect(attrs(kids[4])).toMatchObject({ id: 'cell-2', index: '2' });
    expect(kids[2].children[0]).toMatchObject({ type: 'code', lang: 'ts', meta: null, value: 'let b = 2' });
  });
  it('fails the build on duplicate ids and bad options, naming the problem', () => {
    const dup = { type: 'root', children: [code('1', 'cell id=x'), code('2', 'cell id=x')] };
    expect(() => remarkNotebookCells()(dup as never, new VFile())).toThrow(/two notebook cells have the id "x"/);
    const bad = { type: 'root', children: [code('1', 'cell hiden')] };
    expect(() => remarkNotebookCells()(bad as never, new VFile())).toThrow(/unknown cell option "hiden"/);
  });
});

describe('debouncedSaver', () => {
  it('saves once, a moment after the last change; a cancel drops the pending save; a refusing browser is reported', () => {
    vi.useFakeTimers();
    try {
      const store = new Map<string, string>();
      const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k) };
      const results: boolean[] = [];
      const saver = debouncedSaver(() => storage, '/p/', 'c', { source: 'a', hash: 'h' }, (ok) => results.push(ok));
      saver.change('ab');
      saver.change('abc');
      vi.advanceTimersByTime(249);
      expect(store.size).toBe(0);
      vi.advanceTimersByTime(1);
      expect(loadEdit(storage, '/p/', 'c')?.source).toBe('abc');
      expect(results).toEqual([true]);
      saver.change('x');
      saver.cancel();
      vi.advanceTimersByTime(1000);
      expect(loadEdit(storage, '/p/', 'c')?.source).toBe('abc');
      const refusing = debouncedSaver(() => ({ ...storage, setItem: () => { throw new Error('QuotaExceeded'); } }), '/p/', 'd', { source: 'a', hash: 'h' }, (ok) => results.push(ok));
      refusing.change('b');
      vi.advanceTimersByTime(250);
      expect(results).toEqual([true, false]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('flush saves a pending edit at once, and on pagehide; then nothing twice', () => {
    vi.useFakeTimers();
    try {
      const store = new Map<string, string>();
      const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k) };
      const results: boolean[] = [];
      const listeners: Array<() => void> = [];
      const page = { addEventListener: (type: 'pagehide', fn: () => void) => void (type === 'pagehide' && listeners.push(fn)) };
      const saver = debouncedSaver(() => storage, '/p/', 'c', { source: 'a', hash: 'h' }, (ok) => results.push(ok), page);
      expect(listeners).toHaveLength(1);
      saver.flush();
      expect(results).toEqual([]); // nothing pending, nothing saved
      saver.change('a typed line');
      listeners[0]!(); // the page is left before the pause in typing
      expect(loadEdit(storage, '/p/', 'c')?.source).toBe('a typed line');
      vi.advanceTimersByTime(1000);
      saver.flush();
      expect(results).toEqual([true]);
      saver.change('dropped');
      saver.cancel();
      saver.flush();
      expect(loadEdit(storage, '/p/', 'c')?.source).toBe('a typed line');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('RuntimeSession', () => {
  class FakeWorker implements WorkerLike {
    onmessage: ((e: MessageEvent<CellMessage | WorkerEvent>) => void) | null = null;
    onerror: ((e: ErrorEvent) => void) | null = null;
    sent: (CellRequest | WorkerCommand)[] = [];
    terminated = false;
    constructor(private readonly obeysInterrupt: boolean) {}
    postMessage(m: CellRequest | WorkerCommand) {
      this.sent.push(m);
      if (m.type === 'interrupt' && this.obeysInterrupt) {
        const run = this.sent.findLast((r) => r.type === 'run') as Extract<CellRequest, { type: 'run' }>;
        this.reply({ type: 'cell-done', runId: run.runId, token: run.token, ok: false, error: { name: 'Interrupted', message: 'Stopped' }, interrupted: true });
      }
    }
    terminate() {
      this.terminated = true;
    }
    reply(m: CellMessage | WorkerEvent) {
      queueMicrotask(() => this.onmessage?.({ data: m } as MessageEvent<CellMessage>));
    }
  }
  const listener = () => {
    const events: string[] = [];
    return { events, output: () => events.push('output'), update: () => events.push('update'), remove: () => events.push('remove'), restarted: (_g: number, r: string) => events.push(`restarted:${r}`) };
  };
  /** Runs take turns: a run starts once the turns before it have resolved (a few microtasks). */
  const started = () => new Promise((r) => setTimeout(r, 0));
  const session = (make: () => FakeWorker, l = listener(), grace?: number) => {
    const s = new RuntimeSession(make, grace);
    s.listen(l);
    return s;
  };

  it('resolves a run when the runtime says it is done, and routes host events to the views', async () => {
    const workers: FakeWorker[] = [];
    const l = listener();
    const s = session(() => (workers.push(new FakeWorker(true)), workers.at(-1)!), l);
    const engine: string[] = [];
    s.onHostEvent((e) => engine.push(e.type));
    let id = 0;
    const done = s.run('c1', '1', (r) => (id = r), { resume: true });
    await started();
    expect(workers[0].sent[0]).toMatchObject({ type: 'run', cell: 'c1', resume: true });
    workers[0].reply({ type: 'output', runId: id, output: { kind: 'value', text: '1' }, displayId: 'd1' });
    // Engine events (the current model, Pause's answer) are the views', not the cell's.
    workers[0].reply({ type: 'model', info: { source: 'trained', steps: 1, epochs: 0, savedAt: '' }, origin: 'notebook', version: 1 });
    workers[0].reply({ type: 'paused', step: 1 });
    // A verdict posted by student code (it never sees the run's token) does not end the run.
    workers[0].reply({ type: 'cell-done', runId: id, ok: true, report: { verdict: 'correct', message: 'fake' } });
    workers[0].reply({ type: 'cell-done', runId: id, token: 'guessed', ok: true, report: { verdict: 'correct', message: 'fake' } });
    const token = (workers[0].sent[0] as Extract<CellRequest, { type: 'run' }>).token;
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    workers[0].reply({ type: 'cell-done', runId: id, token, ok: true });
    expect(await done).toEqual({ ok: true });
    expect(l.events).toEqual(['restarted:start', 'output']);
    expect(engine).toEqual(['model', 'paused']);
  });

  it('Stop keeps the runtime when the cell stops, and restarts it when it does not', async () => {
    const workers: FakeWorker[] = [];
    const l = listener();
    let obey = true;
    const s = session(() => (workers.push(new FakeWorker(obey)), workers.at(-1)!), l, 50);
    const restarts: string[] = [];
    s.onRestart((reason) => restarts.push(reason));
    const first = s.run('c1', 'await forever', () => {});
    await started();
    expect(await s.stop()).toBe('interrupted');
    expect((await first).interrupted).toBe(true);
    expect(workers).toHaveLength(1);

    obey = false;
    workers[0] = new FakeWorker(false);
    (s as any).worker = workers[0];
    const second = s.run('c2', 'while (true) {}', () => {});
    await started();
    expect(await s.stop()).toBe('restarted');
    // The one message every Stop that restarts shows (the bar's, an exercise's).
    expect(await second).toMatchObject({ ok: false, interrupted: true, restarted: true, error: { message: STOP_RESTARTED_MESSAGE } });
    expect(workers[0].terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(l.events.at(-1)).toBe('restarted:stop');
    expect(restarts).toEqual(['stop']); // the views' host client forgets its state then
  });

  it('a first run whose wasm threads stalled goes, unseen, to a fresh worker, twice at most; a third stall is reported', async () => {
    const workers: FakeWorker[] = [];
    const s = session(() => (workers.push(new FakeWorker(true)), workers.at(-1)!));
    const restarts: string[] = [];
    s.onRestart((reason) => restarts.push(reason));
    const stalled = { name: 'WasmThreadsStalled', message: 'threads did not start' };
    const reply = (w: FakeWorker, ok: boolean) => {
      const run = w.sent.findLast((r) => r.type === 'run') as Extract<CellRequest, { type: 'run' }>;
      w.reply(ok ? { type: 'cell-done', runId: run.runId, token: run.token, ok } : { type: 'cell-done', runId: run.runId, token: run.token, ok, error: stalled });
    };
    const first = s.run('setup', 'await course.tf()', () => {});
    await started();
    reply(workers[0], false);
    await started();
    expect(workers).toHaveLength(2);
    expect(workers[0].terminated).toBe(true);
    expect(workers[1].sent[0]).toEqual(workers[0].sent[0]); // the same run, token and all
    expect(restarts).toEqual(['restart']); // the views ask the new worker again
    reply(workers[1], false);
    await started();
    expect(workers).toHaveLength(3);
    expect(workers[2].sent[0]).toEqual(workers[0].sent[0]);
    reply(workers[2], false); // a third stall: now the student hears of it, in the course's words
    expect(await first).toMatchObject({ ok: false, error: { name: 'WasmThreadsStalled', message: STALLED_MESSAGE } });
    expect(workers).toHaveLength(3);
  });

  it('a first run whose worker falls silent (its thread blocked) goes once to a fresh worker; a worker that answers pings is left alone', async () => {
    vi.useFakeTimers();
    try {
      const workers: FakeWorker[] = [];
      const s = new RuntimeSession(() => (workers.push(new FakeWorker(true)), workers.at(-1)!), 1000, 8000);
      const run = s.run('setup', 'await course.tf()', () => {});
      await vi.advanceTimersByTimeAsync(0);
      // A live worker answers the pings: no retry however long the run takes.
      for (let t = 0; t < 20_000; t += 1000) {
        await vi.advanceTimersByTimeAsync(1000);
        if (workers[0].sent.at(-1)?.type === 'ping') workers[0].reply({ type: 'pong' });
      }
      expect(workers).toHaveLength(1);
      // Silent from now on: after 8 s (at the next check) the same run goes to a fresh worker.
      await vi.advanceTimersByTimeAsync(11_000);
      expect(workers).toHaveLength(2);
      expect(workers[0].terminated).toBe(true);
      expect(workers[1].sent[0]).toEqual(workers[0].sent[0]);
      const req = workers[1].sent[0] as Extract<CellRequest, { type: 'run' }>;
      workers[1].reply({ type: 'cell-done', runId: req.runId, token: req.token, ok: true });
      await vi.advanceTimersByTimeAsync(0);
      expect(await run).toEqual({ ok: true });
      // Only the first run is watched.
      s.run('next', 'while (true) {}', () => {});
      await vi.advanceTimersByTimeAsync(30_000);
      expect(workers).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a first run silent on every fresh worker ends with a message, never runs forever', async () => {
    vi.useFakeTimers();
    try {
      const workers: FakeWorker[] = [];
      const s = new RuntimeSession(() => (workers.push(new FakeWorker(true)), workers.at(-1)!), 1000, 8000);
      const run = s.run('setup', 'await course.tf()', () => {});
      await vi.advanceTimersByTimeAsync(40_000);
      expect(await run).toMatchObject({ ok: false, error: { name: 'WasmThreadsStalled', message: STALLED_MESSAGE } });
      // The first worker and two fresh ones were tried; a fourth now waits for the next run.
      expect(workers.slice(0, 3).every((w) => w.terminated)).toBe(true);
      expect(workers).toHaveLength(4);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a stall after other runs finished on the worker is reported, never retried (their state would be lost)', async () => {
    const workers: FakeWorker[] = [];
    const s = session(() => (workers.push(new FakeWorker(true)), workers.at(-1)!));
    const done = (ok: boolean) => {
      const run = workers[0].sent.findLast((r) => r.type === 'run') as Extract<CellRequest, { type: 'run' }>;
      workers[0].reply(ok ? { type: 'cell-done', runId: run.runId, token: run.token, ok } : { type: 'cell-done', runId: run.runId, token: run.token, ok, error: { name: 'WasmThreadsStalled', message: 'x' } });
    };
    const a = s.run('a', 'const x = 1', () => {});
    await started();
    done(true);
    expect(await a).toEqual({ ok: true });
    const b = s.run('b', 'await course.tf()', () => {});
    await started();
    done(false);
    expect(await b).toMatchObject({ ok: false, error: { name: 'WasmThreadsStalled' } });
    expect(workers).toHaveLength(1);
  });

  it('Restart terminates at once and starts a fresh runtime', async () => {
    const workers: FakeWorker[] = [];
    const s = session(() => (workers.push(new FakeWorker(false)), workers.at(-1)!));
    const run = s.run('c', 'while (true) {}', () => {});
    await started();
    const waiting = s.run('d', '1', () => {});
    s.restart();
    expect(await run).toMatchObject({ ok: false, interrupted: true, error: { message: 'Stopped by Restart.' } });
    // A run that was waiting its turn does not start on the new worker.
    expect(await waiting).toMatchObject({ ok: false, interrupted: true, error: { message: 'The notebook restarted before this ran.' } });
    expect(workers[0].terminated).toBe(true);
    expect(s.generation).toBe(2);
    expect(s.busy).toBe(false);
  });
});

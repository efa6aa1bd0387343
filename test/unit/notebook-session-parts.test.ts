// The session's parts on their own (RuntimeSession as a whole: notebook-parts.test.ts): the turns that
// runs take, a Stop's grace, what a stalled run resolves to, the silence watchdog, and what the
// worker's errors mean. Expected values are literals.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CellError } from '../../src/lib/cell-error/cell-error';
import { RunTurns, endsWithin, newRun, type CellDone, type Pending, type RunResult } from '../../src/lib/notebook/session-run';
import { SilenceWatchdog, runResult } from '../../src/lib/notebook/session-stall';
import { wireWorker, type WorkerLike } from '../../src/lib/notebook/session-worker';

afterEach(() => vi.useRealTimers());

const pending = (retries = 0, resolve: (r: RunResult) => void = () => {}): Pending => ({ ...newRun(4, 'c', 'x', {}, resolve), retries });

describe('runs', () => {
  it('a run carries its id, a fresh 32-hex-digit token and its options in its request', () => {
    const a = newRun(7, 'cell-a', '1 + 1', { resume: true, check: 'ex1' }, () => {});
    const b = newRun(8, 'cell-b', '2', {}, () => {});
    expect(a.request).toEqual({ type: 'run', runId: 7, token: a.token, cell: 'cell-a', source: '1 + 1', resume: true, check: 'ex1' });
    expect(b.request).toEqual({ type: 'run', runId: 8, token: b.token, cell: 'cell-b', source: '2' });
    expect(a.token).toMatch(/^[0-9a-f]{32}$/);
    expect(a.token).not.toBe(b.token);
    expect(a.retries).toBe(0);
  });

  it('take turns, and a run still waiting when the worker is replaced does not start', async () => {
    const turns = new RunTurns();
    const order: string[] = [];
    let finishFirst!: (r: RunResult) => void;
    const first = turns.take(() => (order.push('first'), new Promise((r) => (finishFirst = r))));
    const second = turns.take(async () => (order.push('second'), { ok: true }));
    await new Promise((r) => setTimeout(r, 0));
    expect(order).toEqual(['first']);
    turns.workerReplaced();
    finishFirst({ ok: false, restarted: true });
    expect(await first).toEqual({ ok: false, restarted: true });
    expect(await second).toEqual({ ok: false, interrupted: true, error: { name: 'Interrupted', message: 'The notebook restarted before this ran.' } });
    expect(order).toEqual(['first']);
    expect(await turns.take(async () => ({ ok: true }))).toEqual({ ok: true }); // a run queued after it runs
  });

  it('a Stop waits out the grace: a run that ends in time resolves interrupted', async () => {
    vi.useFakeTimers();
    const got: RunResult[] = [];
    const p = pending(0, (r) => got.push(r));
    const ended = endsWithin(p, 1000);
    await vi.advanceTimersByTimeAsync(500);
    p.resolve({ ok: false, error: { name: 'Interrupted', message: 'Stopped' } });
    expect(await ended).toBe(true);
    expect(got).toEqual([{ ok: false, error: { name: 'Interrupted', message: 'Stopped' }, interrupted: true }]);
    const late = endsWithin(pending(), 1000);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await late).toBe(false);
  });
});

describe('a stalled first run', () => {
  const stall: CellError = { name: 'WasmThreadsStalled', message: 'threads did not start' };
  const done = (ok: boolean): CellDone => (ok ? { type: 'cell-done', runId: 4, ok, report: { verdict: 'correct', message: 'yes' } } : { type: 'cell-done', runId: 4, ok, error: stall, interrupted: false });

  it('resolves with the worker’s words on a first try, with the course’s after fresh workers were tried', () => {
    expect(runResult(done(true), pending())).toEqual({ ok: true, report: { verdict: 'correct', message: 'yes' } });
    expect(runResult(done(false), pending(0))).toEqual({ ok: false, error: stall, interrupted: false });
    expect(runResult(done(false), pending(2)).error).toEqual({
      name: 'WasmThreadsStalled',
      message: 'TensorFlow.js did not start: its threads never answered, on 3 fresh workers. Run the cell again; if it stalls again, reload the page.',
    });
  });

  it('the watchdog pings every 2 s, is kept alive by any word, and calls out a silence once', async () => {
    vi.useFakeTimers();
    const dog = new SilenceWatchdog(8000);
    let pings = 0;
    let silences = 0;
    dog.start(() => true, () => pings++, () => silences++);
    for (let t = 0; t < 10; t++) {
      await vi.advanceTimersByTimeAsync(2000);
      dog.heard();
    }
    expect([pings, silences]).toEqual([10, 0]);
    await vi.advanceTimersByTimeAsync(8000); // not yet more than 8 s
    expect([pings, silences]).toEqual([14, 0]);
    await vi.advanceTimersByTimeAsync(2000);
    expect([pings, silences]).toEqual([14, 1]);
    await vi.advanceTimersByTimeAsync(20_000);
    expect([pings, silences]).toEqual([14, 1]);
  });

  it('the watchdog stops once its run is no longer watched', async () => {
    vi.useFakeTimers();
    const dog = new SilenceWatchdog(4000); // checks every second
    let watching = true;
    let pings = 0;
    dog.start(() => watching, () => pings++, () => expect.unreachable());
    await vi.advanceTimersByTimeAsync(2000);
    watching = false;
    await vi.advanceTimersByTimeAsync(20_000);
    expect(pings).toBe(2);
  });
});

describe("the worker's errors", () => {
  const fake = () => ({ postMessage() {}, terminate() {}, onmessage: null, onerror: null }) as WorkerLike;
  const wire = (started: boolean) => {
    const seen: string[] = [];
    const w = wireWorker(fake(), {
      message: (m) => seen.push(`message:${m.type}`),
      started: () => started,
      unavailable: (message) => seen.push(`unavailable:${message}`),
      crashed: (e) => seen.push(`crashed:${e.name}:${e.message}`),
    });
    return { w, seen };
  };
  const error = (message: string) => ({ message, preventDefault() {} }) as ErrorEvent;

  it('passes messages on', () => {
    const { w, seen } = wire(true);
    w.onmessage?.({ data: { type: 'pong' } } as MessageEvent);
    expect(seen).toEqual(['message:pong']);
  });

  it('an error before the worker started: it could not start', () => {
    const { w, seen } = wire(false);
    w.onerror?.(error('SyntaxError: x'));
    expect(seen).toEqual(["unavailable:The notebook's worker could not start: SyntaxError: x"]);
  });

  it('an error after it started: a crash', () => {
    const { w, seen } = wire(true);
    w.onerror?.(error(''));
    expect(seen).toEqual(["crashed:RuntimeError:The notebook's worker crashed: unknown error. It was restarted; run the cells again."]);
  });
});

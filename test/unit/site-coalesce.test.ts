import { describe, expect, it } from 'vitest';
import { Coalescer } from '../../src/lib/site/coalesce';

/** A hand-cranked clock: delays and frames run when the test advances time; `log` says which kind ran. */
function fakeDeps() {
  let t = 0;
  let timers: { at: number; cb: () => void; kind: 'delay' | 'frame' }[] = [];
  const log: string[] = [];
  const deps = {
    now: () => t,
    delay: (cb: () => void, ms: number) => {
      const timer = { at: t + ms, cb, kind: 'delay' as const };
      timers.push(timer);
      return timer;
    },
    cancel: (handle: unknown) => void (timers = timers.filter((x) => x !== handle)),
    frame: (cb: () => void) => void timers.push({ at: t + 16, cb, kind: 'frame' }),
  };
  const advance = (ms: number) => {
    const end = t + ms;
    for (;;) {
      const due = timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers = timers.filter((x) => x !== due);
      t = due.at;
      log.push(due.kind);
      due.cb();
    }
    t = end;
  };
  return { deps, advance, log, now: () => t };
}

describe('Coalescer, throttling (the drawing pad, a cell’s live output)', () => {
  it('runs at most once per interval however often it is asked', () => {
    const { deps, advance } = fakeDeps();
    let draws = 0;
    const th = new Coalescer(() => draws++, { ms: 250, timing: 'frame', deps });
    for (let i = 0; i < 1000; i++) {
      th.request();
      advance(1); // 1000 requests over one second
    }
    advance(500);
    expect(draws).toBeGreaterThanOrEqual(4);
    expect(draws).toBeLessThanOrEqual(5);
  });

  it('runs once after a single request, in a frame; flush runs at once and drops a pending request', () => {
    const { deps, advance, log } = fakeDeps();
    let draws = 0;
    const th = new Coalescer(() => draws++, { ms: 250, timing: 'frame', deps });
    th.request();
    advance(20);
    expect(draws).toBe(1);
    expect(log).toEqual(['frame']);
    th.flush();
    expect(draws).toBe(2);
    advance(1000);
    expect(draws).toBe(2);
    th.request();
    expect(th.pending).toBe(true);
    th.flush();
    expect([draws, th.pending]).toEqual([3, false]);
    advance(1000);
    expect(draws).toBe(3);
  });

  it('counts the interval from the last call: the first request after a quiet spell runs at once, the next waits', () => {
    const { deps, advance, now } = fakeDeps();
    const at: number[] = [];
    const th = new Coalescer(() => at.push(now()), { ms: 100, deps });
    th.request();
    advance(0);
    th.request();
    th.request();
    advance(300);
    expect(at).toEqual([0, 100]);
  });

  it('after-paint runs in a timer that the frame starts, so the work never delays the picture', () => {
    const { deps, advance, log } = fakeDeps();
    let runs = 0;
    const c = new Coalescer(() => runs++, { timing: 'after-paint', deps });
    c.request();
    c.request();
    advance(100);
    expect(runs).toBe(1);
    expect(log).toEqual(['frame', 'delay']);
  });
});

describe('Coalescer, debouncing (saving an edit)', () => {
  it('runs once, `ms` after the last request; cancel drops a pending one, also one already in a frame', () => {
    const { deps, advance, now } = fakeDeps();
    const at: number[] = [];
    const d = new Coalescer(() => at.push(now()), { ms: 250, debounce: true, deps });
    d.request();
    advance(200);
    d.request(); // typing goes on: the wait starts again
    advance(249);
    expect(at).toEqual([]);
    advance(1);
    expect(at).toEqual([450]);
    d.request();
    d.cancel();
    advance(1000);
    expect(at).toEqual([450]);
    const f = new Coalescer(() => at.push(-1), { timing: 'frame', deps });
    f.request();
    f.cancel();
    advance(100);
    expect(at).toEqual([450]);
  });
});

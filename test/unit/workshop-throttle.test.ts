import { describe, expect, it } from 'vitest';
import { RedrawThrottle } from '../../src/lib/workshop/throttle';

/** A hand-cranked clock: delays and frames run when the test advances time. */
function fakeDeps() {
  let t = 0;
  let timers: { at: number; cb: () => void }[] = [];
  const deps = {
    now: () => t,
    delay: (cb: () => void, ms: number) => timers.push({ at: t + ms, cb }),
    frame: (cb: () => void) => timers.push({ at: t + 16, cb }),
  };
  const advance = (ms: number) => {
    const end = t + ms;
    for (;;) {
      const due = timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers = timers.filter((x) => x !== due);
      t = due.at;
      due.cb();
    }
    t = end;
  };
  return { deps, advance };
}

describe('RedrawThrottle', () => {
  it('draws at most once per interval however often it is asked', () => {
    const { deps, advance } = fakeDeps();
    let draws = 0;
    const th = new RedrawThrottle(() => draws++, 250, deps);
    for (let i = 0; i < 1000; i++) {
      th.request();
      advance(1); // 1000 requests over one second
    }
    advance(500);
    expect(draws).toBeGreaterThanOrEqual(4);
    expect(draws).toBeLessThanOrEqual(5);
  });
  it('draws once after a single request, and flush draws immediately', () => {
    const { deps, advance } = fakeDeps();
    let draws = 0;
    const th = new RedrawThrottle(() => draws++, 250, deps);
    th.request();
    advance(20);
    expect(draws).toBe(1);
    th.flush();
    expect(draws).toBe(2);
    advance(1000);
    expect(draws).toBe(2);
  });
});

// The one animation player of the concept widgets (1D, 2D, LeNet-5), driven by a fake clock.
import { describe, expect, it } from 'vitest';
import { StepPlayer, type PlayerClock } from '../../src/lib/concepts/step-player';

function fakeClock(): PlayerClock & { tick(): void; running(): boolean; ms: number } {
  let fn: (() => void) | null = null;
  const clock = {
    ms: 0,
    every: (ms: number, t: () => void) => ((clock.ms = ms), (fn = t), 1),
    cancel: () => (fn = null),
    tick: () => fn?.(),
    running: () => fn !== null,
  };
  return clock;
}

describe('player', () => {
  it('plays, loops, pauses, steps and seeks', () => {
    const clock = fakeClock();
    const seen: number[] = [];
    const p = new StepPlayer(3, (s) => seen.push(s), 10, clock);
    p.play();
    clock.tick();
    clock.tick();
    clock.tick();
    expect(p.step).toBe(0); // looped
    p.pause();
    clock.tick();
    expect(p.step).toBe(0);
    p.prev();
    expect(p.step).toBe(2);
    p.seek(7);
    expect(p.step).toBe(1);
    p.resize(1);
    expect([p.step, p.playing]).toEqual([0, false]);
    p.play();
    expect(p.playing).toBe(false); // nothing to animate
    expect(seen.length).toBeGreaterThan(4);
  });

  it('ticks at the speed it was given and tells each change with the playing state', () => {
    const clock = fakeClock();
    const seen: [number, boolean][] = [];
    const p = new StepPlayer(4, (s, playing) => seen.push([s, playing]), 1100, clock);
    p.toggle();
    expect(clock.ms).toBe(1100);
    clock.tick();
    p.toggle();
    expect(seen).toEqual([[0, true], [1, true], [1, false]]);
    expect(clock.running()).toBe(false);
    p.pause(); // already paused: nothing to tell
    expect(seen).toHaveLength(3);
  });

  it('rewinds from the last step only when asked (a student pressing Play at the end)', () => {
    const clock = fakeClock();
    const p = new StepPlayer(4, () => {}, 10, clock);
    p.seek(3);
    p.play();
    expect(p.step).toBe(3); // autoplay goes on from where it is, looping on the next tick
    p.pause();
    p.play(true);
    expect([p.step, p.playing]).toEqual([0, true]);
    p.pause();
    p.seek(2);
    p.play(true);
    expect(p.step).toBe(2); // not at the end: stays
  });

  it('keeps the step through a resize where it still exists, else takes the last one', () => {
    const clock = fakeClock();
    const p = new StepPlayer(6, () => {}, 10, clock);
    p.seek(4);
    p.play();
    p.resize(8);
    expect([p.step, p.playing]).toEqual([4, true]);
    p.resize(3);
    expect([p.step, p.playing]).toEqual([2, true]);
    clock.tick();
    expect(p.step).toBe(0);
  });
});

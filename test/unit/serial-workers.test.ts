// tfjs-wasm's thread workers start one at a time (Firefox can hang in `new Worker()` while another starts).
import { describe, expect, it } from 'vitest';
import { serialWorkerClass, type PoolWorker } from '../../src/lib/tfjs/serial-workers';

class FakeReal implements PoolWorker {
  static made: FakeReal[] = [];
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  got: unknown[] = [];
  terminated = false;
  constructor(readonly url: string | URL) {
    FakeReal.made.push(this);
  }
  postMessage(m: unknown) {
    this.got.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  say(data: unknown) {
    this.onmessage?.({ data } as MessageEvent);
  }
}

describe('serialWorkerClass', () => {
  it('creates each real worker once the one before has answered, holding messages in order until then', () => {
    FakeReal.made = [];
    const Serial = serialWorkerClass(FakeReal);
    const pool = Array.from({ length: 3 }, (_, i) => new Serial(`w${i}`));
    const heard: unknown[] = [];
    pool.forEach((w, i) => (w.onmessage = (e) => heard.push([i, e.data])));
    pool.forEach((w, i) => {
      w.postMessage({ cmd: 'load', i });
      w.postMessage({ cmd: 'run', i });
    });
    expect(FakeReal.made.map((r) => r.url)).toEqual(['w0']);
    expect(FakeReal.made[0].got).toEqual([{ cmd: 'load', i: 0 }, { cmd: 'run', i: 0 }]);
    FakeReal.made[0].say({ cmd: 'loaded' });
    expect(FakeReal.made.map((r) => r.url)).toEqual(['w0', 'w1']);
    expect(FakeReal.made[1].got).toEqual([{ cmd: 'load', i: 1 }, { cmd: 'run', i: 1 }]);
    FakeReal.made[1].say({ cmd: 'loaded' });
    FakeReal.made[2].say({ cmd: 'loaded' });
    // Later messages go straight through, both ways.
    pool[0].postMessage('later');
    FakeReal.made[0].say('again');
    expect(FakeReal.made[0].got.at(-1)).toBe('later');
    expect(heard).toEqual([[0, { cmd: 'loaded' }], [1, { cmd: 'loaded' }], [2, { cmd: 'loaded' }], [0, 'again']]);
  });

  it('a worker that fails to load, or is terminated before its turn, does not hold up the rest', () => {
    FakeReal.made = [];
    const Serial = serialWorkerClass(FakeReal);
    const a = new Serial('a');
    const b = new Serial('b');
    const c = new Serial('c');
    const errors: string[] = [];
    a.onerror = () => errors.push('a');
    b.terminate(); // never created
    FakeReal.made[0].onerror?.({ message: 'no script' } as ErrorEvent);
    expect(errors).toEqual(['a']);
    expect(FakeReal.made.map((r) => r.url)).toEqual(['a', 'c']);
    c.terminate();
    expect(FakeReal.made[1].terminated).toBe(true);
    // A new one after the queue ran dry starts at once.
    new Serial('d');
    expect(FakeReal.made.map((r) => r.url)).toEqual(['a', 'c', 'd']);
  });
});

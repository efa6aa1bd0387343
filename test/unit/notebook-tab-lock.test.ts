// Two tabs of one notebook (issue 17): the first holds it, the second is told and waits; taking over
// turns the first read-only; closing the holder hands the notebook to the waiting tab.
import { describe, expect, it } from 'vitest';
import { TabLock, type Holder, type LockManagerLike } from '../../src/lib/notebook/tab-lock';

/** The Web Locks API's exclusive mode for one browser: a queue, ifAvailable, steal, and release on close. */
class FakeLocks {
  private held: { owner: number; release: () => void; abort: (e: Error) => void } | null = null;
  private queue: { owner: number; grant: () => void }[] = [];
  forTab(owner: number): LockManagerLike {
    return {
      request: (_name, options, callback) =>
        new Promise((resolve, reject) => {
          const grant = () => {
            let release!: () => void;
            const done = new Promise<void>((r) => (release = r));
            this.held = { owner, release, abort: reject };
            void Promise.resolve(callback({ name: _name })).then(() => release());
            void done.then(() => {
              if (this.held?.owner === owner && this.held.release === release) this.next();
              resolve(undefined);
            });
          };
          if (options.steal) {
            const old = this.held;
            this.held = null;
            old?.abort(new DOMException('stolen', 'AbortError'));
            grant();
          } else if (!this.held) grant();
          else if (options.ifAvailable) void Promise.resolve(callback(null)).then(resolve);
          else this.queue.push({ owner, grant });
        }),
    };
  }
  /** A tab closes: its lock and its waiting requests go. */
  close(owner: number) {
    this.queue = this.queue.filter((q) => q.owner !== owner);
    if (this.held?.owner === owner) {
      this.held = null;
      this.next();
    }
  }
  private next() {
    this.held = null;
    this.queue.shift()?.grant();
  }
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('TabLock', () => {
  it('the first tab holds the notebook; the second is told; taking over swaps them; closing hands it back', async () => {
    const locks = new FakeLocks();
    const a: Holder[] = [];
    const b: Holder[] = [];
    const tabA = new TabLock(locks.forTab(1), 'nb:/w/', (h) => a.push(h));
    const tabB = new TabLock(locks.forTab(2), 'nb:/w/', (h) => b.push(h));
    tabA.start();
    await tick();
    tabB.start();
    await tick();
    expect([tabA.holder, tabB.holder]).toEqual(['here', 'elsewhere']);
    tabB.takeOver();
    await tick();
    expect([tabA.holder, tabB.holder]).toEqual(['elsewhere', 'here']);
    locks.close(2);
    await tick();
    expect(tabA.holder).toBe('here'); // the waiting tab gets it when the holder closes
    expect(a).toEqual(['here', 'elsewhere', 'here']);
    expect(b).toEqual(['elsewhere', 'here']);
  });

  it('without the Web Locks API every tab holds its own', () => {
    const seen: Holder[] = [];
    new TabLock(undefined, 'nb', (h) => seen.push(h)).start();
    expect(seen).toEqual(['here']);
  });
});

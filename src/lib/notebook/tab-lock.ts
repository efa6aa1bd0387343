/**
 * One tab at a time holds a page's notebook (the code of its cells and exercises, saved in
 * localStorage): the first tab that opens the page. Another tab of the same page shows the code
 * read-only and says so, until the student takes over there (the first tab then turns read-only) or
 * the first tab closes. Why a lock and not "merge": two texts of one cell cannot be merged safely,
 * and read-only means no edit is ever silently overwritten. Built on the Web Locks API (a lock is
 * released when its tab closes or crashes, and `steal` hands it over at once); without it (an old
 * browser) every tab holds its own, as before. No DOM.
 */
export interface LockManagerLike {
  request(name: string, options: { ifAvailable?: boolean; steal?: boolean }, callback: (lock: unknown) => unknown): Promise<unknown>;
}

export type Holder = 'here' | 'elsewhere';

export class TabLock {
  private state: Holder | null = null;
  private release: (() => void) | null = null;

  constructor(
    private readonly locks: LockManagerLike | undefined,
    private readonly name: string,
    private readonly onChange: (holder: Holder) => void,
  ) {}

  get holder(): Holder | null {
    return this.state;
  }

  /** Takes the lock if no other tab holds it; else waits for it (the other tab closing). */
  start(): void {
    if (!this.locks) return this.set('here');
    this.hold({ ifAvailable: true }, () => {
      this.set('elsewhere');
      this.hold({}, () => undefined); // granted when the other tab lets go
    });
  }

  /** "Use the notebook here": takes the lock from the other tab, which turns read-only. */
  takeOver(): void {
    if (!this.locks) return this.set('here');
    this.hold({ steal: true }, () => undefined);
  }

  private hold(options: { ifAvailable?: boolean; steal?: boolean }, unavailable: () => void): void {
    this.locks!
      .request(this.name, options, (lock) => {
        if (!lock) return unavailable();
        this.release?.();
        this.set('here');
        return new Promise<void>((resolve) => (this.release = resolve)); // held until stolen or the tab closes
      })
      .catch(() => {
        // AbortError: another tab took it over; this one waits for it again.
        this.set('elsewhere');
        this.hold({}, () => undefined);
      });
  }

  private set(holder: Holder) {
    if (this.state === holder) return;
    this.state = holder;
    this.onChange(holder);
  }
}

/**
 * Coalesces many "please redraw" requests into at most one call per `minMs`, run inside an animation
 * frame, so live charts redraw ≤ 4 times a second however fast progress arrives. The scheduler and
 * clock are injected (requestAnimationFrame and performance.now in the page; fakes in tests).
 */
export interface ThrottleDeps {
  frame: (cb: () => void) => void;
  now: () => number;
  delay: (cb: () => void, ms: number) => unknown;
}

export class RedrawThrottle {
  private scheduled = false;
  private last = -Infinity;

  constructor(private readonly draw: () => void, private readonly minMs = 250, private readonly deps: ThrottleDeps = browserDeps()) {}

  /** Ask for a redraw; cheap to call on every progress message. */
  request(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const wait = Math.max(0, this.last + this.minMs - this.deps.now());
    this.deps.delay(() => this.deps.frame(() => this.run()), wait);
  }

  /** Draw now (e.g. when a run ends), cancelling nothing: a pending request still draws once more. */
  flush(): void {
    this.run();
  }

  private run(): void {
    this.scheduled = false;
    this.last = this.deps.now();
    this.draw();
  }
}

function browserDeps(): ThrottleDeps {
  return {
    frame: (cb) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => cb()) : setTimeout(cb, 16)),
    now: () => performance.now(),
    delay: (cb, ms) => setTimeout(cb, ms),
  };
}

/**
 * One run of `task` at a time: a call while it runs is remembered, and when the run ends `again()`
 * asks for one more (the drawing pad: strokes keep coming while the network reads the last one).
 */
export function oneAtATime(task: () => Promise<void>, again: () => void): () => Promise<void> {
  let busy = false;
  let missed = false;
  return async () => {
    if (busy) {
      missed = true;
      return;
    }
    busy = true;
    try {
      await task();
    } finally {
      busy = false;
      if (missed) {
        missed = false;
        again();
      }
    }
  };
}

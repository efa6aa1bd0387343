/**
 * Many requests for the same work, run as one call: the one throttle/debounce of the site.
 * - throttle (the default): at most one call per `ms`, counted from the last call (the drawing pad's
 *   classifier, a cell's live output);
 * - `debounce: true`: one call `ms` after the last request (saving an edit when typing pauses).
 * `timing` says where the call runs: in a timer, inside the next animation frame (drawing), or just
 * after that frame has painted (work that must not delay the picture). The clock and the timers are
 * injected (the browser's by default; fakes in tests).
 */
export interface CoalesceDeps {
  now: () => number;
  delay: (cb: () => void, ms: number) => unknown;
  cancel: (handle: unknown) => void;
  frame: (cb: () => void) => void;
}

export interface CoalesceOptions {
  ms?: number;
  debounce?: boolean;
  timing?: 'timer' | 'frame' | 'after-paint';
  deps?: CoalesceDeps;
}

export class Coalescer {
  private scheduled = false;
  private last = -Infinity;
  private timer: unknown;
  /** Frames cannot be cancelled: a callback from an older request sees a newer generation and does nothing. */
  private generation = 0;
  private readonly deps: CoalesceDeps;

  constructor(private readonly run: () => void, private readonly o: CoalesceOptions = {}) {
    this.deps = o.deps ?? browserDeps();
  }

  /** A call is waiting to run. */
  get pending(): boolean {
    return this.scheduled;
  }

  /** Ask for the call; cheap to make on every keystroke or progress message. */
  request(): void {
    if (this.scheduled && !this.o.debounce) return;
    this.cancel();
    this.scheduled = true;
    const generation = this.generation;
    const ms = this.o.ms ?? 0;
    const wait = this.o.debounce ? ms : Math.max(0, this.last + ms - this.deps.now());
    const go = () => generation === this.generation && this.fire();
    const { frame, delay } = this.deps;
    const timing = this.o.timing ?? 'timer';
    const at = timing === 'frame' ? () => frame(go) : timing === 'after-paint' ? () => frame(() => delay(go, 0)) : go;
    if (wait === 0 && timing !== 'timer') at();
    else this.timer = delay(at, wait);
  }

  /** Runs the call now (e.g. when a run ends or the page is left); a pending request is then dropped. */
  flush(): void {
    this.fire();
  }

  /** Drops a pending request. */
  cancel(): void {
    this.generation++;
    this.scheduled = false;
    if (this.timer !== undefined) this.deps.cancel(this.timer);
    this.timer = undefined;
  }

  private fire(): void {
    this.cancel();
    this.last = this.deps.now();
    this.run();
  }
}

function browserDeps(): CoalesceDeps {
  return {
    now: () => performance.now(),
    delay: (cb, ms) => setTimeout(cb, ms),
    cancel: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    frame: (cb) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => cb()) : setTimeout(cb, 16)),
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

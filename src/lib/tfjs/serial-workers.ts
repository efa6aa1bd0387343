// Web Workers that start later than they are made. Firefox 153 sometimes hangs for good inside
// `new Worker()` called from a worker while another worker it created is still starting, or while
// a service worker claims the page (seen: the notebook's worker frozen at the 2nd to 6th of
// tfjs-wasm's 8 thread workers, about one first visit in five). So:
// - while tfjs initialises, the notebook's worker gets a `Worker` whose instances start in turn
//   (`serialWorkerClass`: Emscripten creates its pool in a tight loop);
// - the page starts the notebook's worker once its service worker has settled (runtime-client.ts).
// Until its real worker exists, a HeldWorker keeps the messages posted to it, in order.

/** What Emscripten's pthread runtime and RuntimeSession use of a Worker (in a browser). */
export interface PoolWorker {
  onmessage: ((e: MessageEvent) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
  terminate(): void;
}

/** A worker made now and started (its real worker created) by `begin()`; `answered` reports its first word. */
export class HeldWorker implements PoolWorker {
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  private real: PoolWorker | null = null;
  private held: [unknown, Transferable[] | undefined][] = [];

  constructor(
    private readonly create: () => PoolWorker,
    /** Called once, at the real worker's first message or load error. */
    private readonly answered: () => void = () => {},
  ) {}

  begin(): void {
    if (this.terminated || this.real) return;
    const real = this.create();
    this.real = real;
    let first = true;
    const settle = () => {
      if (first) this.answered();
      first = false;
    };
    real.onmessage = (e) => {
      settle();
      this.onmessage?.(e);
    };
    real.onerror = (e) => {
      settle();
      this.onerror?.(e);
    };
    for (const [m, t] of this.held) real.postMessage(m, t);
    this.held = [];
  }

  postMessage(message: unknown, transfer?: Transferable[]): void {
    if (this.terminated) return;
    if (this.real) this.real.postMessage(message, transfer);
    else this.held.push([message, transfer]);
  }

  terminate(): void {
    this.terminated = true;
    this.real?.terminate();
    this.held = [];
  }
}

type WorkerClass = new (url: string | URL, options?: WorkerOptions) => PoolWorker;

/**
 * A Worker class whose instances start in turn: each creates its `Real` worker once every earlier
 * one has sent its first message, failed to load, or been terminated.
 */
export function serialWorkerClass(Real: WorkerClass): WorkerClass {
  const queue: HeldWorker[] = [];
  let starting: HeldWorker | null = null;
  const next = () => {
    starting = null;
    for (let w = queue.shift(); w; w = queue.shift()) {
      if (w.terminated) continue;
      starting = w;
      w.begin();
      return;
    }
  };
  return class SerialWorker extends HeldWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(() => new Real(url, options), () => starting === this && next());
      queue.push(this);
      if (!starting) next();
    }

    override terminate() {
      super.terminate();
      if (starting === this) next();
    }
  };
}

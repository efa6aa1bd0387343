/**
 * Which cell runs next: the notebook's queue, DOM-free. Cells run one at a time in the order they
 * were asked for; a fresh runtime first runs the hidden setup cells above the cell asked for; "Resume
 * training" runs the cells above that this runtime has not run (not the optional ones) and then the
 * cell whose saved runs continue. An error or Stop empties the queue.
 */
export interface QueueCell {
  readonly label: string;
  /** A hidden setup cell (runs once per runtime, before the first cell below it). */
  readonly isSetup: boolean;
  /** Run all runs it; resuming a training run below it does not need it. */
  readonly isOptional: boolean;
}

export interface NextRun<C> {
  cell: C;
  /** The cell continues its saved training runs. */
  resume: boolean;
}

export class RunQueue<C extends QueueCell> {
  private queue: C[] = [];
  private resuming = new Set<C>();
  /** Cells that ran without error in the current runtime. */
  private ran = new Set<C>();
  current: C | null = null;

  /** `cells()` lists the page's cells in page order. */
  constructor(private readonly cells: () => C[]) {}

  get waiting(): readonly C[] {
    return this.queue;
  }

  /** Queues `cell` (and the setup cells above it that this runtime has not run); returns the cells added. */
  enqueue(cell: C): C[] {
    if (this.isQueued(cell)) return [];
    const all = this.cells();
    const setups = all.slice(0, all.indexOf(cell)).filter((c) => c.isSetup && !this.ran.has(c));
    return [...setups, cell].filter((c) => this.push(c));
  }

  /** Every cell, top to bottom. */
  runAll(): C[] {
    return this.cells().flatMap((c) => this.enqueue(c));
  }

  /** "Resume training": the cells above not run yet (optional ones left out), then `label`'s cell, resuming. */
  resume(label: string): C[] {
    const all = this.cells();
    const cell = all.find((c) => c.label === label);
    if (!cell) return [];
    const above = all.slice(0, all.indexOf(cell)).filter((c) => !this.ran.has(c) && !c.isOptional);
    const added = [...above, cell].filter((c) => this.push(c));
    this.resuming.add(cell);
    return added;
  }

  /** The next cell to run, now current; null when nothing waits or a cell runs. */
  next(): NextRun<C> | null {
    if (this.current || !this.queue.length) return null;
    const cell = this.queue.shift()!;
    this.current = cell;
    return { cell, resume: this.resuming.delete(cell) };
  }

  /** The current cell ended. A failure or an interruption empties the queue; returns the cells dropped. */
  finished(ok: boolean): C[] {
    if (this.current && ok) this.ran.add(this.current);
    this.current = null;
    return ok ? [] : this.clear();
  }

  /** Drops every waiting cell (Stop, Restart); returns them. */
  clear(): C[] {
    const dropped = this.queue;
    this.queue = [];
    this.resuming.clear();
    return dropped;
  }

  /** A fresh runtime: nothing has run in it yet. */
  restarted(): void {
    this.ran.clear();
  }

  private isQueued(cell: C): boolean {
    return this.queue.includes(cell) || this.current === cell;
  }

  private push(cell: C): boolean {
    if (this.isQueued(cell)) return false;
    this.queue.push(cell);
    return true;
  }
}

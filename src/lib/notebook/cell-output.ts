/**
 * What the running cell shows below it: the OutputSink its helpers write to, with the run's output
 * limit (output-limit.ts: what was left out is counted and said in one note) and repeated updates of
 * one output coalesced, so a fast loop cannot flood the page. Part of notebook-runtime.ts; no DOM.
 */
import type { CellMessage, Output, OutputSink } from './protocol';
import { OutputLimiter } from './output-limit';
import { Coalescer } from '../site/coalesce';

/** How often the "… N more lines not shown" note is refreshed while a cell keeps printing (ms). */
const NOTE_EVERY_MS = 250;

export class CellOutput {
  private displays = 0;
  /** The run's output limit (output-limit.ts): what was left out is counted and said in one note. */
  private limiter = new OutputLimiter();
  private note: { id: string; at: number } | null = null;
  /** Latest update per display id, sent at most every `updateEveryMs` so a fast loop cannot flood the page. */
  private pending = new Map<string, { runId: number; output: Output }>();
  private updates: Coalescer;
  readonly sink: OutputSink;

  /** `runId` and `signal` are the running cell's; `updateEveryMs` 0 sends each update at once. */
  constructor(
    private readonly post: (m: CellMessage) => void,
    updateEveryMs: number | undefined,
    private readonly runId: () => number,
    signal: () => AbortSignal,
  ) {
    this.updates = new Coalescer(() => this.flush(), { ms: updateEveryMs });
    this.sink = {
      add: (output) => {
        const displayId = `d${++this.displays}`;
        const shown = this.limiter.admit(output);
        if (shown) post({ type: 'output', runId: this.runId(), output: shown, displayId });
        else this.postNote(false);
        return displayId;
      },
      update: (displayId, output) => {
        this.pending.set(displayId, { runId: this.runId(), output: OutputLimiter.update(output) });
        if (!updateEveryMs) this.flush();
        else this.updates.request();
      },
      remove: (displayId) => {
        this.pending.delete(displayId);
        post({ type: 'remove', runId: this.runId(), displayId });
      },
      signal,
    };
  }

  /** A new run: a fresh output limit, no note yet. */
  reset() {
    this.limiter = new OutputLimiter();
    this.note = null;
  }

  /** Posts or refreshes the note of what was left out: at most every NOTE_EVERY_MS (a loop that never yields still gets it), and at the end. */
  postNote(final: boolean) {
    const note = this.limiter.note();
    if (!note) return;
    const runId = this.runId();
    if (!this.note) {
      this.note = { id: `d${++this.displays}`, at: Date.now() };
      this.post({ type: 'output', runId, output: note, displayId: this.note.id });
    } else if (final || Date.now() - this.note.at >= NOTE_EVERY_MS) {
      this.note.at = Date.now();
      this.post({ type: 'update', runId, displayId: this.note.id, output: note });
    }
  }

  flush() {
    this.updates.cancel();
    for (const [displayId, { runId, output }] of this.pending) this.post({ type: 'update', runId, displayId, output });
    this.pending.clear();
  }
}

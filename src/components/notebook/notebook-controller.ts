// The page's notebook: its cells' run queue on the page's one RuntimeSession, and the status that the
// bars (<nb-bar>) show. Code runs in the notebook's worker, next to the host that the workshop's views share.
import { STOP_RESTARTED_MESSAGE, type RuntimeSession, type RunResult } from '../../lib/notebook/session';
import { getSession, STOP_EVENT } from './runtime-client';
import { getHost } from '../workshop/host';
import { RunQueue, type QueueCell } from '../../lib/notebook/run-queue';
import type { Output } from '../../lib/notebook/protocol';
import type { CellError } from '../../lib/cell-error/cell-error';

/** A cell as the notebook drives it (<nb-cell>, nb-cell.ts). */
export interface NotebookCell extends QueueCell {
  runId: number;
  readonly index: number;
  source(): string;
  setCount(n: string): void;
  restoreCount(): void;
  beginRun(): void;
  endRun(): void;
  addOutput(runId: number, output: Output, displayId?: string): void;
  updateOutput(runId: number, displayId: string, output: Output): void;
  removeOutput(runId: number, displayId: string): void;
  showError(error: CellError, sourceOf: (label: string) => string | undefined): void;
}

export interface StatusBar {
  setStatus(text: string, error: boolean): void;
}

class Notebook {
  private session: RuntimeSession | null = null;
  private readonly queue = new RunQueue<NotebookCell>(() => [...document.querySelectorAll<HTMLElement & NotebookCell>('nb-cell')]);
  private count = 0;
  private byRun = new Map<number, NotebookCell>();
  /** The source each cell label last ran, to quote the line an error points at. */
  private lastSource = new Map<string, string>();
  bars = new Set<StatusBar>();

  ensureSession(): RuntimeSession {
    if (this.session) return this.session;
    const session = getSession();
    session.listen({
      output: (runId, output, displayId) => this.cellOf(runId)?.addOutput(runId, output, displayId),
      update: (runId, displayId, output) => this.cellOf(runId)?.updateOutput(runId, displayId, output),
      remove: (runId, displayId) => this.cellOf(runId)?.removeOutput(runId, displayId),
      restarted: (_generation, reason) => {
        this.queue.restarted();
        this.count = 0;
        if (reason === 'restart') this.status('The notebook restarted: variables cleared. Run the cells again.');
        // Whichever Stop it was (the bar's, a training view's, an exercise's): the same words.
        if (reason === 'stop') this.status(STOP_RESTARTED_MESSAGE, true);
        if (reason === 'crash') this.status("The notebook's worker crashed and was restarted.", true);
      },
    });
    this.session = session;
    return session;
  }

  private cellOf(runId: number): NotebookCell | undefined {
    const cell = this.byRun.get(runId);
    return cell && cell.runId === runId ? cell : undefined;
  }

  status(text: string, error = false) {
    for (const bar of this.bars) bar.setStatus(text, error);
  }

  /** Queues a cell (on a fresh runtime, the hidden setup cells above it go first). */
  enqueue(cell: NotebookCell) {
    this.queued(this.queue.enqueue(cell));
  }

  runAll() {
    this.queued(this.queue.runAll());
  }

  /** "Resume training" after a reload: the cells the run needs, then its cell, which continues the saved run. */
  resume(label: string) {
    this.queued(this.queue.resume(label));
  }

  private queued(cells: NotebookCell[]) {
    for (const c of cells) c.setCount('*');
    void this.pump();
  }

  private dropQueue() {
    for (const c of this.queue.clear()) c.restoreCount();
  }

  async stop() {
    this.dropQueue();
    if (!this.session?.busy) {
      this.status('idle');
      return;
    }
    this.status('Stopping…');
    const how = await this.session.stop();
    if (how !== 'restarted') this.status('Stopped.'); // a restart already said so (ensureSession)
  }

  restart() {
    this.dropQueue();
    this.ensureSession().restart();
  }

  private async pump() {
    const next = this.queue.next();
    if (!next) return;
    const { cell, resume } = next;
    const session = this.ensureSession();
    const source = cell.source();
    this.lastSource.set(cell.label, source);
    this.status(`${resume ? 'Resuming' : 'Running'} cell ${cell.index} (${cell.label})…`);
    cell.beginRun();
    getHost().setRunningCell(cell.label);
    document.documentElement.dataset.busy = 'notebook'; // the site's update prompt waits for this to go
    const result: RunResult = await session.run(cell.label, source, (runId) => {
      this.byRun.set(runId, cell);
      cell.runId = runId;
      cell.setCount(String(++this.count));
    }, { resume });
    cell.endRun();
    for (const c of this.queue.finished(result.ok)) c.restoreCount();
    if (result.ok) {
      if (!this.queue.waiting.length) this.status('idle');
    } else {
      cell.showError(result.error!, (label) => this.lastSource.get(label));
      if (!result.interrupted) this.status(`Error in cell ${cell.index} (${cell.label}): ${result.error!.name}: ${result.error!.message}`, true);
    }
    if (!this.queue.waiting.length) {
      getHost().setRunningCell(null);
      delete document.documentElement.dataset.busy;
    }
    void this.pump();
  }
}

export const notebook = new Notebook();
// The Stop button of a training run's live view stops the cell, as the bar's Stop does.
document.addEventListener(STOP_EVENT, () => void notebook.stop());

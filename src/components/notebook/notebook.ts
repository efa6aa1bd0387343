// The notebook in the page: <nb-cell> (one per runnable cell) and <nb-bar> (Run all, Stop,
// Restart, status) wired to the page's one RuntimeSession. Code runs in the notebook's worker,
// next to the engine that the workshop's views share.
import { STOP_RESTARTED_MESSAGE, type RuntimeSession, type RunResult } from '../../lib/notebook/session';
import { getSession, STOP_EVENT } from './runtime-client';
import { getEngine } from '../workshop/engine-client';
import { RunQueue } from '../../lib/notebook/run-queue';
import type { Output } from '../../lib/notebook/protocol';
import { errorHint, type CellError } from '../../lib/notebook/runner';
import { el } from './dom';
import { clearEdit, debouncedSaver, editKey, isStale, loadEdit, type EditStorage } from '../../lib/notebook/edits';
import { guardCode, holdsNotebook, type GuardedCode } from './tab-guard';
import { problem, renderOutput, updateOutput } from './render-output';
import { loadFailureMessage } from '../../lib/site/load-failure';
import type { EditorView } from '@codemirror/view';

type EditorModule = typeof import('./editor');
let editorModule: Promise<EditorModule> | null = null;
const loadEditor = () => (editorModule ??= import('./editor'));

function storage(): EditStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

class Notebook {
  private session: RuntimeSession | null = null;
  private readonly queue = new RunQueue<NbCell>(() => this.cells());
  private count = 0;
  private byRun = new Map<number, NbCell>();
  /** The source each cell label last ran, to quote the line an error points at. */
  private lastSource = new Map<string, string>();
  bars = new Set<NbBar>();

  cells(): NbCell[] {
    return [...document.querySelectorAll<NbCell>('nb-cell')];
  }

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

  private cellOf(runId: number): NbCell | undefined {
    const cell = this.byRun.get(runId);
    return cell && cell.runId === runId ? cell : undefined;
  }

  status(text: string, error = false) {
    for (const bar of this.bars) bar.setStatus(text, error);
  }

  /** Queues a cell (on a fresh runtime, the hidden setup cells above it go first). */
  enqueue(cell: NbCell) {
    this.queued(this.queue.enqueue(cell));
  }

  runAll() {
    this.queued(this.queue.runAll());
  }

  /** "Resume training" after a reload: the cells the run needs, then its cell, which continues the saved run. */
  resume(label: string) {
    this.queued(this.queue.resume(label));
  }

  private queued(cells: NbCell[]) {
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
    getEngine().setRunningCell(cell.label);
    document.documentElement.dataset.busy = 'notebook'; // the site's update prompt waits for this to go
    const result: RunResult = await session.run(cell.label, source, (runId) => {
      this.byRun.set(runId, cell);
      cell.runId = runId;
      cell.setCount(String(++this.count));
    }, { resume });
    cell.endRun(result);
    for (const c of this.queue.finished(result.ok)) c.restoreCount();
    if (result.ok) {
      if (!this.queue.waiting.length) this.status('idle');
    } else {
      cell.showError(result.error!, (label) => this.lastSource.get(label));
      if (!result.interrupted) this.status(`Error in cell ${cell.index} (${cell.label}): ${result.error!.name}: ${result.error!.message}`, true);
    }
    if (!this.queue.waiting.length) {
      getEngine().setRunningCell(null);
      delete document.documentElement.dataset.busy;
    }
    void this.pump();
  }
}

const notebook = new Notebook();
// The Stop button of a training run's live view stops the cell, as the bar's Stop does.
document.addEventListener(STOP_EVENT, () => void notebook.stop());

/** For the workshop's views: "Resume training" runs the cell of a saved run, resuming it. */
export function resumeCell(label: string): void {
  notebook.resume(label);
}

class NbBar extends HTMLElement {
  private statusEl!: HTMLElement;
  connectedCallback() {
    this.statusEl = this.querySelector('[data-nb-status]')!;
    notebook.bars.add(this);
    notebook.ensureSession(); // the bar hears of a restart from any Stop (an exercise's too); no worker starts yet
    this.querySelector('[data-nb-run-all]')?.addEventListener('click', () => notebook.runAll());
    this.querySelector('[data-nb-stop]')?.addEventListener('click', () => void notebook.stop());
    this.querySelector('[data-nb-restart]')?.addEventListener('click', () => notebook.restart());
    this.hidden = false;
    const help = this.previousElementSibling;
    if (help instanceof HTMLElement && help.hasAttribute('data-nb-help')) help.hidden = false;
  }
  disconnectedCallback() {
    notebook.bars.delete(this);
  }
  setStatus(text: string, error: boolean) {
    this.statusEl.textContent = text;
    this.statusEl.classList.toggle('nb-status-error', error);
  }
}

class NbCell extends HTMLElement implements GuardedCode {
  runId = 0;
  private mod: EditorModule | null = null;
  /** Putting another tab's saved code in: not an edit of this tab's to save. */
  private applying = false;
  private original = '';
  private hash = '';
  private editor: EditorView | null = null;
  private edited: string | null = null;
  private shownCount = ' ';
  private outputs = new Map<string, HTMLElement>();
  private saver?: ReturnType<typeof debouncedSaver>;
  private els!: {
    count: HTMLElement; run: HTMLButtonElement; edit: HTMLButtonElement | null; reset: HTMLButtonElement;
    modified: HTMLElement; stale: HTMLElement; source: HTMLElement; editorHost: HTMLElement; output: HTMLElement; saveNote: HTMLElement;
  };

  get label() {
    return this.dataset.cell ?? '';
  }
  get index() {
    return Number(this.dataset.index);
  }
  /** A hidden setup cell: runs once per runtime before the first cell below it. */
  get isSetup() {
    return this.hasAttribute('data-hidden');
  }
  /** Run all runs it; resuming a training run does not need it (the learning-rate sweep). */
  get isOptional() {
    return this.hasAttribute('data-optional');
  }
  private get readonly() {
    return this.hasAttribute('data-readonly');
  }
  private get page() {
    return location.pathname;
  }

  connectedCallback() {
    const q = <T extends HTMLElement>(sel: string) => this.querySelector<T>(sel)!;
    this.els = {
      count: q('.nb-count'), run: q('.nb-run'), edit: this.querySelector('.nb-edit'), reset: q('.nb-reset'),
      modified: q('.nb-modified'), stale: q('.nb-stale'), source: q('.nb-source'), editorHost: q('.nb-editor'),
      output: q('.nb-output'), saveNote: q('.nb-save-note'),
    };
    this.original = (this.els.source.querySelector('pre')?.textContent ?? '').replace(/\n$/, '');
    this.hash = this.dataset.hash ?? '';
    q<HTMLElement>('.nb-cell-controls').hidden = false;

    this.els.run.addEventListener('click', () => notebook.enqueue(this));
    this.els.edit?.addEventListener('click', () => void this.openEditor(true));
    this.els.reset.addEventListener('click', () => this.reset());
    this.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && e.shiftKey && !(e.target as HTMLElement).closest('.cm-editor')) {
        e.preventDefault();
        notebook.enqueue(this);
      }
    });
    const pre = this.els.source.querySelector('pre');
    if (pre && !this.readonly) {
      // Clicking the code (or Enter on it) opens the editor there.
      pre.addEventListener('click', () => void this.openEditor(true));
      pre.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' && !e.shiftKey) {
          e.preventDefault();
          void this.openEditor(true);
        }
      });
    }

    const saved = this.readonly ? null : loadEdit(storage(), this.page, this.label);
    if (saved && saved.source !== this.original) {
      this.edited = saved.source;
      this.markModified(true, isStale(saved, this.hash));
      void this.openEditor(false);
    }
    if (!this.readonly) guardCode(this);
    if (this.hasAttribute('data-autorun')) queueMicrotask(() => notebook.enqueue(this));
  }

  /** The code that Run executes: the student's edit if any, else the instructor's original. */
  source(): string {
    return this.editor ? this.editor.state.doc.toString() : (this.edited ?? this.original);
  }

  private async openEditor(focus: boolean) {
    if (this.readonly) return;
    if (!this.editor) {
      this.els.editorHost.textContent = 'Loading the editor…';
      this.els.editorHost.hidden = false;
      let mod: EditorModule;
      try {
        mod = await loadEditor();
      } catch (e) {
        this.els.editorHost.replaceChildren(problem(loadFailureMessage(e, 'The code editor')));
        editorModule = null;
        return;
      }
      if (this.editor) return;
      this.els.editorHost.textContent = '';
      this.mod = mod;
      this.editor = mod.createEditor(this.els.editorHost, {
        doc: this.edited ?? this.original,
        label: this.label,
        readOnly: !holdsNotebook(),
        onChange: (doc) => this.changed(doc),
        onRun: () => notebook.enqueue(this),
      });
      this.els.source.hidden = true;
      if (this.els.edit) this.els.edit.hidden = true;
      // A hidden setup cell being edited is shown open.
      this.closest('details')?.setAttribute('open', '');
    }
    if (focus) this.editor.focus();
  }

  private changed(doc: string) {
    const modified = doc !== this.original;
    this.edited = modified ? doc : null;
    if (this.applying || !holdsNotebook()) return; // another tab's code: it saved it
    this.markModified(modified, false);
    this.saver ??= debouncedSaver(storage, this.page, this.label, { source: this.original, hash: this.hash }, (ok) => (this.els.saveNote.hidden = ok), window);
    this.saver.change(doc);
  }

  private markModified(modified: boolean, stale: boolean) {
    this.els.modified.hidden = !modified;
    this.els.reset.hidden = !modified;
    this.els.stale.hidden = !stale;
    this.classList.toggle('nb-is-modified', modified);
  }

  get storageKey() {
    return editKey(this.page, this.label);
  }

  flush() {
    this.saver?.flush();
  }

  setEditable(on: boolean) {
    if (this.editor) this.mod?.setReadOnly(this.editor, !on);
    this.els.reset.disabled = !on;
  }

  /** The saved code (another tab's, or this tab's before it lost the notebook) in the cell. */
  showSaved() {
    const saved = loadEdit(storage(), this.page, this.label);
    const text = saved?.source ?? this.original;
    this.markModified(text !== this.original, !!saved && isStale(saved, this.hash));
    this.edited = text !== this.original ? text : null;
    if (text === this.source()) return;
    if (this.editor && this.mod) {
      this.applying = true;
      this.mod.setDoc(this.editor, text);
      this.applying = false;
    } else if (this.edited !== null) void this.openEditor(false);
  }

  private reset() {
    if (!holdsNotebook()) return;
    this.saver?.cancel();
    clearEdit(storage(), this.page, this.label);
    this.edited = null;
    this.editor?.destroy();
    this.editor = null;
    this.els.editorHost.replaceChildren();
    this.els.editorHost.hidden = true;
    this.els.source.hidden = false;
    if (this.els.edit) this.els.edit.hidden = false;
    this.markModified(false, false);
    this.els.saveNote.hidden = true;
    (this.els.edit ?? this.els.run).focus();
  }

  setCount(n: string) {
    if (n !== '*') this.shownCount = n;
    this.els.count.textContent = `[${n}]`;
    this.classList.toggle('nb-is-queued', n === '*');
  }

  restoreCount() {
    this.setCount(this.shownCount);
  }

  beginRun() {
    this.outputs.clear();
    this.els.output.replaceChildren();
    this.classList.add('nb-is-running');
    this.setAttribute('aria-busy', 'true');
  }

  endRun(_r: RunResult) {
    this.classList.remove('nb-is-running', 'nb-is-queued');
    this.removeAttribute('aria-busy');
  }

  addOutput(runId: number, output: Output, displayId?: string) {
    if (runId !== this.runId) return;
    const node = renderOutput(output);
    if (displayId) this.outputs.set(displayId, node);
    this.els.output.append(node);
  }

  updateOutput(runId: number, displayId: string, output: Output) {
    const old = this.outputs.get(displayId);
    if (runId !== this.runId || !old) return;
    this.outputs.set(displayId, updateOutput(old, output));
  }

  removeOutput(runId: number, displayId: string) {
    if (runId !== this.runId) return;
    this.outputs.get(displayId)?.remove();
    this.outputs.delete(displayId);
  }

  showError(error: CellError, sourceOf: (label: string) => string | undefined) {
    const box = problem('');
    box.classList.add('nb-error');
    const head = document.createElement('strong');
    head.textContent = `${error.name}: ${error.message}`;
    box.append(head);
    const loc = error.location;
    if (loc) {
      const where = document.createElement('div');
      where.textContent = `at line ${loc.line}${loc.column ? `, column ${loc.column}` : ''} of cell ${loc.cell === this.label ? `${this.index} (${loc.cell})` : loc.cell}:`;
      box.append(where);
      const line = sourceOf(loc.cell)?.split('\n')[loc.line - 1];
      if (line !== undefined) {
        const pre = document.createElement('pre');
        pre.textContent = `${loc.line} | ${line}`;
        box.append(pre);
      }
    }
    const hint = errorHint(error);
    if (hint) box.append(el('div', 'nb-hint', hint));
    this.els.output.append(box);
  }
}

customElements.define('nb-bar', NbBar);
customElements.define('nb-cell', NbCell);

// <nb-cell>: one runnable cell. Run queues it on the notebook (notebook-controller.ts); its code is
// edited in the shared code editor (code-editor.ts); outputs and errors are drawn below it.
import type { Output } from '../../lib/notebook/protocol';
import { errorHint } from '../../lib/notebook/runner';
import type { CellError } from '../../lib/cell-error/cell-error';
import { errorText } from '../../lib/notebook/error-line';
import { CodeEditor } from '../code-editor/code-editor';
import { el } from './dom';
import { problem, renderOutput, updateOutput } from './render-output';
import { notebook, type NotebookCell } from './notebook-controller';

export class NbCell extends HTMLElement implements NotebookCell {
  runId = 0;
  private original = '';
  private code: CodeEditor | null = null;
  private shownCount = ' ';
  private outputs = new Map<string, HTMLElement>();
  private els!: { count: HTMLElement; output: HTMLElement };

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

  connectedCallback() {
    const q = <T extends HTMLElement>(sel: string) => this.querySelector<T>(sel)!;
    this.els = { count: q('.nb-count'), output: q('.nb-output') };
    const source = q('.nb-source');
    const pre = source.querySelector('pre');
    this.original = (pre?.textContent ?? '').replace(/\n$/, '');
    q('.nb-cell-controls').hidden = false;
    q('.nb-run').addEventListener('click', () => notebook.enqueue(this));
    this.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && e.shiftKey && !(e.target as HTMLElement).closest('.cm-editor')) {
        e.preventDefault();
        notebook.enqueue(this);
      }
    });
    if (!this.hasAttribute('data-readonly')) {
      const modified = q('.nb-modified');
      this.code = new CodeEditor(
        { shown: source, starter: pre, host: q('.nb-editor'), edit: q('.nb-edit'), reset: q('.nb-reset'), stale: q('.nb-stale'), saveNote: q('.nb-save-note') },
        {
          label: this.label, name: this.label, original: this.original, hash: this.dataset.hash ?? '',
          onRun: () => notebook.enqueue(this),
          onMarks: (m) => {
            modified.hidden = !m.modified;
            this.classList.toggle('nb-is-modified', m.modified);
          },
        },
      );
    }
    if (this.hasAttribute('data-autorun')) queueMicrotask(() => notebook.enqueue(this));
  }

  /** The code that Run executes: the student's edit if any, else the instructor's original. */
  source(): string {
    return this.code ? this.code.source() : this.original;
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

  endRun() {
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
    const t = errorText(error, { source: sourceOf, name: (l) => `cell ${l === this.label ? `${this.index} (${l})` : l}` });
    box.append(el('strong', '', t.head));
    if (t.where) box.append(el('div', '', t.where));
    if (t.line) box.append(el('pre', '', t.line));
    const hint = errorHint(error);
    if (hint) box.append(el('div', 'nb-hint', hint));
    this.els.output.append(box);
  }
}

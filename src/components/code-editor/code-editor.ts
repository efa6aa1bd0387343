// The one code editor of the page's cells (nb-cell.ts) and code exercises (exercise-code.ts): the
// instructor's code shows as highlighted HTML until the student clicks it (or presses Enter on it, or
// Edit); then CodeMirror (editor.ts, loaded on first use) takes its place. What the student types is
// kept by src/lib/notebook/code-edit.ts; Reset brings the original back. Registered with the tab guard.
import type { EditorView } from '@codemirror/view';
import { CodeEdit, type EditMarks } from '../../lib/notebook/code-edit';
import { loadFailureMessage } from '../../lib/site/load-failure';
import { guardCode, holdsNotebook, type GuardedCode } from '../notebook/tab-guard';
import { problem } from '../notebook/render-output';
import { localStore } from '../local-storage';

type EditorModule = typeof import('./editor');
let editorModule: Promise<EditorModule> | null = null;

export interface CodeEditorParts {
  /** The instructor's code as the page shows it without JavaScript; hidden while the editor is open. */
  shown: HTMLElement | null;
  /** The <pre> that a click (or Enter) opens the editor on. */
  starter: HTMLElement | null;
  /** Where the editor goes (hidden until it opens). */
  host: HTMLElement;
  edit: HTMLButtonElement;
  reset: HTMLButtonElement;
  stale: HTMLElement;
  saveNote: HTMLElement;
}

export interface CodeEditorOptions {
  /** The code's storage label (cell id, or exercise-<id>). */
  label: string;
  /** How the editor names itself to a screen reader: "Code of cell <name>". */
  name: string;
  original: string;
  hash: string;
  onRun(): void;
  /** Beside Reset showing and hiding: the owner's own marks of a modified code. */
  onMarks?(marks: EditMarks): void;
}

export class CodeEditor implements GuardedCode {
  private view: EditorView | null = null;
  private mod: EditorModule | null = null;
  /** Putting another tab's saved code in: not an edit of this tab's to save. */
  private applying = false;
  private readonly edit: CodeEdit;

  constructor(private readonly p: CodeEditorParts, private readonly o: CodeEditorOptions) {
    this.edit = new CodeEdit({
      storage: localStore, page: location.pathname, label: o.label, original: { source: o.original, hash: o.hash },
      saved: (ok) => (p.saveNote.hidden = ok), leaving: window,
    });
    p.edit.addEventListener('click', () => void this.open(true));
    p.reset.addEventListener('click', () => this.reset());
    p.starter?.addEventListener('click', () => void this.open(true));
    p.starter?.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        void this.open(true);
      }
    });
    const saved = this.edit.takeSaved();
    if (saved.modified) {
      this.mark(saved);
      void this.open(false);
    }
    guardCode(this);
  }

  get storageKey(): string {
    return this.edit.storageKey;
  }

  /** The code that Run executes: the student's edit if any, else the original. */
  source(): string {
    return this.view ? this.view.state.doc.toString() : this.edit.text;
  }

  async open(focus: boolean): Promise<void> {
    const host = this.p.host;
    if (!this.view) {
      host.textContent = 'Loading the editor…';
      host.hidden = false;
      let mod: EditorModule;
      try {
        mod = await (editorModule ??= import('./editor'));
      } catch (e) {
        editorModule = null;
        host.replaceChildren(problem(loadFailureMessage(e, 'The code editor')));
        return;
      }
      if (this.view) return;
      host.textContent = '';
      this.mod = mod;
      this.view = mod.createEditor(host, {
        doc: this.edit.text,
        label: this.o.name,
        readOnly: !holdsNotebook(),
        onChange: (doc) => {
          const marks = this.edit.changed(doc, !this.applying && holdsNotebook()); // another tab's code: it saved it
          if (marks) this.mark(marks);
        },
        onRun: this.o.onRun,
      });
      if (this.p.shown) this.p.shown.hidden = true;
      this.p.edit.hidden = true;
      // A hidden setup cell being edited is shown open.
      host.closest('details')?.setAttribute('open', '');
    }
    if (focus) this.view.focus();
  }

  private mark(m: EditMarks) {
    this.p.reset.hidden = !m.modified;
    this.p.stale.hidden = !m.stale;
    this.o.onMarks?.(m);
  }

  flush(): void {
    this.edit.flush();
  }

  setEditable(on: boolean): void {
    if (this.view) this.mod?.setReadOnly(this.view, !on);
    this.p.reset.disabled = !on;
  }

  /** The saved code (another tab's, or this tab's before it lost the notebook) in the editor. */
  showSaved(): void {
    const saved = this.edit.takeSaved();
    this.mark(saved);
    if (saved.text === this.source()) return;
    if (this.view && this.mod) {
      this.applying = true;
      this.mod.setDoc(this.view, saved.text);
      this.applying = false;
    }
  }

  private reset() {
    if (!holdsNotebook()) return;
    this.edit.reset();
    this.view?.destroy();
    this.view = null;
    this.p.host.replaceChildren();
    this.p.host.hidden = true;
    if (this.p.shown) this.p.shown.hidden = false;
    this.p.edit.hidden = false;
    this.mark({ modified: false, stale: false });
    this.p.saveNote.hidden = true;
    this.p.edit.focus();
  }
}

/**
 * The state of one editable code (a notebook cell or a code exercise): the student's edit or the
 * instructor's original, whether it is modified, whether the saved edit predates the current original,
 * and saving it (edits.ts: the same storage keys as ever, so work saved earlier still loads).
 * DOM-free: src/components/code-editor/code-editor.ts shows it.
 */
import { clearEdit, debouncedSaver, editKey, isStale, loadEdit, type EditStorage } from './edits';

/** What the page marks: "modified" (and Reset), and "your saved edit is for an older version". */
export interface EditMarks {
  modified: boolean;
  stale: boolean;
}

export interface CodeEditOptions {
  storage: () => EditStorage | null;
  page: string;
  /** The code's label: its storage key's last part. */
  label: string;
  original: { source: string; hash: string };
  /** After each save: whether the browser kept it. */
  saved(ok: boolean): void;
  /** The page, whose `pagehide` saves a pending edit at once. */
  leaving?: { addEventListener(type: 'pagehide', listener: () => void): void };
}

export class CodeEdit {
  /** The student's text where it differs from the original, else null. */
  private edited: string | null = null;
  private saver?: ReturnType<typeof debouncedSaver>;

  constructor(private readonly o: CodeEditOptions) {}

  get storageKey(): string {
    return editKey(this.o.page, this.o.label);
  }

  /** The code as it stands (the editor, once open, holds the same text). */
  get text(): string {
    return this.edited ?? this.o.original.source;
  }

  get isEdited(): boolean {
    return this.edited !== null;
  }

  /** Takes the saved edit (after a reload, or what another tab saved), or the original when none is saved. */
  takeSaved(): EditMarks & { text: string } {
    const saved = loadEdit(this.o.storage(), this.o.page, this.o.label);
    const text = saved?.source ?? this.o.original.source;
    this.edited = text !== this.o.original.source ? text : null;
    return { text, modified: this.edited !== null, stale: !!saved && isStale(saved, this.o.original.hash) };
  }

  /**
   * The editor's text changed. With `save` (this tab's own typing) it is saved a moment later and the
   * marks to show come back; without (another tab's text put in), nothing is saved and null comes back.
   */
  changed(doc: string, save: boolean): EditMarks | null {
    this.edited = doc !== this.o.original.source ? doc : null;
    if (!save) return null;
    this.saver ??= debouncedSaver(this.o.storage, this.o.page, this.o.label, this.o.original, this.o.saved, this.o.leaving);
    this.saver.change(doc);
    return { modified: this.edited !== null, stale: false };
  }

  /** Saves a pending edit now. */
  flush(): void {
    this.saver?.flush();
  }

  /** Reset: back to the original, and the saved edit forgotten. */
  reset(): void {
    this.saver?.cancel();
    clearEdit(this.o.storage(), this.o.page, this.o.label);
    this.edited = null;
  }
}

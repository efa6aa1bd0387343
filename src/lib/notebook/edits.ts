/**
 * A student's edits, kept per page and cell in localStorage (or any Storage) until "Reset to
 * original". Each saved edit remembers the hash of the original it was made against, so the page
 * can say when the instructor has changed that cell since.
 */
import { Coalescer } from '../site/coalesce';

export interface SavedEdit {
  source: string;
  /** sourceHash of the instructor's original when the edit was saved. */
  originalHash: string;
  savedAt: number;
}

export type EditStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const editKey = (page: string, cell: string) => `cnn-course:nb-edit:${page}:${cell}`;

export function loadEdit(storage: EditStorage | null, page: string, cell: string): SavedEdit | null {
  try {
    const raw = storage?.getItem(editKey(page, cell));
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<SavedEdit>;
    if (typeof v.source !== 'string' || typeof v.originalHash !== 'string') return null;
    return { source: v.source, originalHash: v.originalHash, savedAt: Number(v.savedAt) || 0 };
  } catch {
    return null;
  }
}

/**
 * Saves `source` as the edit of a cell, or forgets the edit when it equals the original.
 * Returns false when the browser refused to store it (private mode, quota).
 */
export function saveEdit(
  storage: EditStorage | null,
  page: string,
  cell: string,
  source: string,
  original: { source: string; hash: string },
  now = Date.now(),
): boolean {
  if (!storage) return false;
  try {
    if (source === original.source) storage.removeItem(editKey(page, cell));
    else storage.setItem(editKey(page, cell), JSON.stringify({ source, originalHash: original.hash, savedAt: now }));
    return true;
  } catch {
    return false;
  }
}

/**
 * Saves an edit a moment after the last keystroke (the notebook's cells and the exercises' code);
 * `saved(ok)` says whether the browser kept it. `cancel()` drops a pending save (Reset); `flush()`
 * saves a pending one now. Given the page (`leaving`), it flushes on `pagehide`: a reload right
 * after typing loses nothing.
 */
export function debouncedSaver(
  storage: () => EditStorage | null,
  page: string,
  cell: string,
  original: { source: string; hash: string },
  saved: (ok: boolean) => void,
  leaving?: { addEventListener(type: 'pagehide', listener: () => void): void },
  delayMs = 250,
): { change(source: string): void; cancel(): void; flush(): void } {
  let pending: string | undefined;
  const later = new Coalescer(() => {
    if (pending === undefined) return;
    const source = pending;
    pending = undefined;
    saved(saveEdit(storage(), page, cell, source, original));
  }, { ms: delayMs, debounce: true });
  const save = () => later.flush();
  leaving?.addEventListener('pagehide', save);
  return {
    change(source) {
      pending = source;
      later.request();
    },
    cancel() {
      later.cancel();
      pending = undefined;
    },
    flush: save,
  };
}

export function clearEdit(storage: EditStorage | null, page: string, cell: string): void {
  try {
    storage?.removeItem(editKey(page, cell));
  } catch {
    /* nothing stored, nothing to clear */
  }
}

/** The saved edit was made against an original that has changed since. */
export const isStale = (edit: SavedEdit, currentHash: string) => edit.originalHash !== currentHash;

/**
 * Which code a notebook cell shows: the TypeScript that runs in the page, or the PyTorch original.
 * One choice for every cell of every page, kept in localStorage (as D2L's framework tabs do).
 */
export type CodeTab = 'ts' | 'python';
export const CODE_TABS: readonly CodeTab[] = ['ts', 'python'];
export const CODE_TAB_KEY = 'cnn-course:code-tab';

interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The stored choice; TypeScript when none was made, the value is unknown or storage is refused. */
export function readCodeTab(storage: StorageLike | null): CodeTab {
  try {
    const value = storage?.getItem(CODE_TAB_KEY);
    return value === 'python' ? 'python' : 'ts';
  } catch {
    return 'ts';
  }
}

/** Remembers the choice; false when the browser refuses (the page still switches). */
export function saveCodeTab(storage: StorageLike | null, tab: CodeTab): boolean {
  try {
    if (!storage) return false;
    storage.setItem(CODE_TAB_KEY, tab);
    return true;
  } catch {
    return false;
  }
}

/** The tab a key moves to in a horizontal tablist (WAI-ARIA tabs pattern), or null for other keys. */
export function tabForKey(key: string, current: number, count: number): number | null {
  switch (key) {
    case 'ArrowRight':
      return (current + 1) % count;
    case 'ArrowLeft':
      return (current - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

// Two tabs of one page: the page's TabLock (src/lib/notebook/tab-lock.ts) wired to the DOM. While
// another tab holds the notebook, this tab says so in a banner with "Use the notebook here", its code
// is read-only and follows what the other tab saves (the `storage` event); taking over re-reads the
// saved code first. The one code editor of the cells and code exercises (code-editor.ts) registers here.
import { TabLock, type LockManagerLike } from '../../lib/notebook/tab-lock';
import { el } from './dom';

/** A cell's or an exercise's code, as the guard drives it. */
export interface GuardedCode {
  /** Its key in localStorage (edits.ts editKey). */
  readonly storageKey: string;
  source(): string;
  /** Puts the saved code (or the original) into the cell. */
  showSaved(): void;
  /** Saves a pending edit now. */
  flush(): void;
  /** Editable (this tab holds the notebook) or read-only. */
  setEditable(on: boolean): void;
}

let lock: TabLock | null = null;
const codes = new Map<GuardedCode, string | null>(); // → its text when this tab took the notebook
let banner: HTMLElement | null = null;

/** False while another tab holds this page's notebook: nothing here may save code. */
export const holdsNotebook = (): boolean => lock?.holder !== 'elsewhere';

export function guardCode(code: GuardedCode): void {
  codes.set(code, code.source());
  if (!lock) start();
  else if (lock.holder === 'elsewhere') code.setEditable(false);
}

function start() {
  const locks = (navigator as Navigator & { locks?: LockManagerLike }).locks;
  lock = new TabLock(locks, `cnn-course:notebook:${location.pathname}`, (holder) => {
    const here = holder === 'here';
    for (const code of codes.keys()) {
      if (here) code.showSaved();
      else code.flush(); // what this tab typed is saved before the other tab reads it
      code.setEditable(here);
      codes.set(code, code.source());
    }
    showBanner(!here);
  });
  window.addEventListener('storage', (e) => {
    for (const [code, taken] of codes) {
      if (e.key !== code.storageKey) continue;
      // Read-only here: follow the other tab. Holding: take a save that arrives just after taking over,
      // unless the student has typed here since (then both texts exist: theirs here, the other saved).
      if (!holdsNotebook() || code.source() === taken) {
        code.showSaved();
        codes.set(code, holdsNotebook() ? code.source() : null);
      }
    }
  });
  lock.start();
}

function showBanner(on: boolean) {
  if (!on) return banner?.remove();
  if (!banner) {
    banner = el('div', 'tab-banner');
    banner.setAttribute('role', 'status');
    banner.dataset.tabBanner = '';
    const button = el('button', 'tab-banner-take', 'Use the notebook here');
    button.type = 'button';
    button.addEventListener('click', () => lock?.takeOver());
    banner.append(
      el('span', '', 'Another tab holds this notebook: it saves the code. Here the code is read-only and follows that tab, so neither overwrites the other. '),
      button,
    );
  }
  document.querySelector('main')?.prepend(banner) ?? document.body.prepend(banner);
}

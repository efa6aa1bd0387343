// Fills every [data-exercise-progress] ("Lecture 10: 7 of 18") from localStorage, and keeps it current
// as exercises are answered on this page or in another tab. Reset clears one page's progress, with undo.
import { loadProgress, progressKey, PROGRESS_EVENT, RESET_EVENT, resetProgress, tally, tallyText } from '../../lib/exercises/progress';
import { localStore } from '../local-storage';

function fill(box: HTMLElement) {
  const page = box.dataset.page ?? '';
  const ids = (box.dataset.ids ?? '').split(' ').filter(Boolean);
  const { main, detail } = tallyText(box.dataset.label ?? '', tally(loadProgress(localStore(), page), ids));
  box.querySelector('[data-progress-main]')!.textContent = main;
  box.querySelector('[data-progress-detail]')!.textContent = detail ? `(${detail})` : '';
}

function wire(box: HTMLElement) {
  if (box.dataset.wired) return;
  box.dataset.wired = '1';
  fill(box);
  const actions = box.querySelector<HTMLElement>('[data-progress-actions]');
  if (!actions) return;
  actions.hidden = false;
  const page = box.dataset.page ?? '';
  const reset = box.querySelector<HTMLButtonElement>('[data-progress-reset]')!;
  const undo = box.querySelector<HTMLButtonElement>('[data-progress-undo]')!;
  const said = box.querySelector<HTMLElement>('[data-progress-said]')!;
  let removed: string | null = null;
  const changed = () => {
    window.dispatchEvent(new CustomEvent(RESET_EVENT, { detail: { page } }));
    window.dispatchEvent(new CustomEvent(PROGRESS_EVENT, { detail: { page } }));
  };
  reset.addEventListener('click', () => {
    const s = localStore();
    removed = s?.getItem(progressKey(page)) ?? null;
    resetProgress(s, page);
    changed();
    said.textContent = 'Progress on this page cleared.';
    undo.hidden = removed === null;
    if (!undo.hidden) undo.focus();
  });
  undo.addEventListener('click', () => {
    if (removed !== null) {
      try {
        localStore()?.setItem(progressKey(page), removed);
      } catch {
        said.textContent = 'This browser did not let the page restore the progress.';
        return;
      }
    }
    removed = null;
    changed();
    said.textContent = 'Progress restored.';
    undo.hidden = true;
    reset.focus();
  });
}

function all(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('[data-exercise-progress]')];
}

all().forEach(wire);
window.addEventListener(PROGRESS_EVENT, () => all().forEach(fill));
// Another tab answered an exercise or reset.
window.addEventListener('storage', (e) => {
  if (e.key === null || e.key.startsWith('cnn-course:exercises:')) {
    all().forEach(fill);
    for (const box of all()) if (e.key === progressKey(box.dataset.page ?? '')) window.dispatchEvent(new CustomEvent(RESET_EVENT, { detail: { page: box.dataset.page } }));
  }
});

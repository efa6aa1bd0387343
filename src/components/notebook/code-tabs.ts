// The cells' "TypeScript (runs here)" / "PyTorch (the original notebook)" tabs (markup in
// NotebookCell.astro). One choice for all cells and pages: <html data-code-tab> shows the chosen
// panels by CSS, this script keeps the tabs' ARIA state, keys and localStorage in step.
import { CODE_TAB_KEY, readCodeTab, saveCodeTab, tabForKey, type CodeTab } from '../../lib/notebook/code-tab-choice';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const tabs = () => [...document.querySelectorAll<HTMLButtonElement>('.nb-tab')];

/** Shows `choice` in every cell; `keep` (the tab or button the student used) stays where it was on screen. */
function show(choice: CodeTab, keep?: HTMLElement) {
  const before = keep?.getBoundingClientRect().top;
  document.documentElement.dataset.codeTab = choice;
  for (const tab of tabs()) {
    const selected = tab.dataset.codeTab === choice;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
  }
  // Cells above change height; keep the one in use under the pointer.
  if (keep && before !== undefined) window.scrollBy(0, keep.getBoundingClientRect().top - before);
}

function choose(choice: CodeTab, keep?: HTMLElement) {
  saveCodeTab(storage(), choice);
  show(choice, keep);
}

if (tabs().length) {
  show(readCodeTab(storage()));
  document.addEventListener(
    'click',
    (e) => {
      const target = e.target as HTMLElement;
      const tab = target.closest<HTMLElement>('.nb-tab');
      if (tab) choose(tab.dataset.codeTab as CodeTab, tab);
      // Editing is editing the TypeScript: show it before the editor opens.
      else if (target.closest('.nb-edit') && document.documentElement.dataset.codeTab !== 'ts') choose('ts', target);
    },
    true,
  );
  document.addEventListener('keydown', (e) => {
    const tab = (e.target as HTMLElement).closest?.<HTMLElement>('.nb-tab');
    if (!tab?.parentElement) return;
    const list = [...tab.parentElement.querySelectorAll<HTMLElement>('.nb-tab')];
    const next = tabForKey(e.key, list.indexOf(tab), list.length);
    if (next === null) return;
    e.preventDefault();
    choose(list[next].dataset.codeTab as CodeTab, list[next]);
    list[next].focus();
  });
  // Another tab of the browser chose: follow it.
  window.addEventListener('storage', (e) => {
    if (e.key === CODE_TAB_KEY) show(readCodeTab(storage()));
  });
}

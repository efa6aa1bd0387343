// The search dialog's behaviour, loaded on first use: Pagefind (from the built site's pagefind/ folder,
// precached for offline use), a search as you type, and results with excerpts that link to the heading.
import { loadFailureMessage } from '../../lib/site/load-failure';
import { matchedWords, searchableQuery, searchResultView, searchStatus, textDirection, type ExcerptPart, type PagefindResultData, type SearchHit } from '../../lib/site/search';

interface Pagefind {
  options(o: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  debouncedSearch(q: string, o?: unknown, ms?: number): Promise<{ results: { data(): Promise<PagefindResultData> }[] } | null>;
}

const MAX_PAGES = 8;
let pagefind: Promise<Pagefind> | null = null;
const wired = new WeakSet<HTMLDialogElement>();

function loadPagefind(): Promise<Pagefind> {
  pagefind ??= (async () => {
    // `astro dev` has no index (Pagefind runs after `astro build`): say so instead of a 404.
    if (import.meta.env.DEV) throw new Error('no search index under astro dev');
    const url = `${import.meta.env.BASE_URL}pagefind/pagefind.js`;
    const pf = (await import(/* @vite-ignore */ url)) as Pagefind;
    await pf.options({ excerptLength: 24 });
    await pf.init();
    return pf;
  })();
  pagefind.catch(() => (pagefind = null)); // the next search tries again
  return pagefind;
}

function excerpt(parts: ExcerptPart[]): HTMLElement {
  const p = document.createElement('p');
  p.className = 'search-excerpt';
  p.dir = textDirection(parts.map((x) => x.text).join('')); // Hebrew excerpts read right to left
  for (const part of parts) {
    if (part.mark) {
      const m = document.createElement('mark');
      m.textContent = part.text;
      p.append(m);
    } else p.append(part.text);
  }
  return p;
}

function hitLink(hit: SearchHit, className: string, close: () => void): HTMLElement {
  const a = document.createElement('a');
  a.href = hit.url;
  a.className = className;
  a.dir = 'auto';
  a.textContent = hit.title;
  a.addEventListener('click', close); // a link to a heading on this page only scrolls: close first
  return a;
}

export function wireSearch(dialog: HTMLDialogElement): void {
  if (wired.has(dialog)) return void dialog.querySelector<HTMLInputElement>('input[type="search"]')?.select();
  wired.add(dialog);
  const form = dialog.querySelector<HTMLFormElement>('[data-search-form]')!;
  const input = form.querySelector<HTMLInputElement>('input[type="search"]')!;
  const status = form.querySelector<HTMLElement>('.search-status')!;
  const list = form.querySelector<HTMLOListElement>('.search-results')!;
  const close = () => dialog.close();
  let generation = 0;

  const links = () => [...list.querySelectorAll<HTMLAnchorElement>('a')];

  async function run(): Promise<void> {
    const gen = ++generation;
    const q = searchableQuery(input.value);
    if (!q) {
      list.replaceChildren();
      status.textContent = input.value.trim() ? 'Type at least two letters.' : '';
      return;
    }
    let pf: Pagefind;
    try {
      status.textContent = pagefind ? 'Searching…' : 'Loading the search index…';
      pf = await loadPagefind();
    } catch (err) {
      if (gen !== generation) return;
      status.textContent = import.meta.env.DEV
        ? 'Search works in the built site: run npm run build, then npm run preview.'
        : loadFailureMessage(err, 'The search index');
      return;
    }
    const found = await pf.debouncedSearch(q, {}, 150);
    if (found === null || gen !== generation) return; // a newer keystroke superseded this search
    const data = await Promise.all(found.results.slice(0, MAX_PAGES).map((r) => r.data()));
    if (gen !== generation) return;
    const views = data.map((d) => searchResultView(d, undefined, q));
    list.replaceChildren(
      ...views.map((view) => {
        const li = document.createElement('li');
        li.dataset.best = view.best.url; // Enter opens the best-matching heading
        li.append(hitLink(view.page, 'search-page', close));
        if (view.page.excerpt.length) li.append(excerpt(view.page.excerpt));
        if (view.sections.length) {
          const sub = document.createElement('ul');
          for (const s of view.sections) {
            const item = document.createElement('li');
            item.append(hitLink(s, 'search-section', close), excerpt(s.excerpt));
            sub.append(item);
          }
          li.append(sub);
        }
        return li;
      }),
    );
    status.textContent = searchStatus(q, found.results.length, matchedWords(views));
  }

  input.addEventListener('input', () => void run());
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const first = list.querySelector<HTMLLIElement>('li[data-best]');
    if (first) {
      close();
      location.href = new URL(first.dataset.best!, location.href).href;
    }
  });
  // Arrow keys move between the input and the result links; Escape closes even from the search field
  // (where the browser would only clear it).
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      return close();
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const all = links();
    if (!all.length) return;
    const i = all.indexOf(document.activeElement as HTMLAnchorElement);
    const next = e.key === 'ArrowDown' ? (i < 0 ? 0 : Math.min(i + 1, all.length - 1)) : i <= 0 ? -1 : i - 1;
    e.preventDefault();
    (next < 0 ? input : all[next]).focus();
  });
  dialog.querySelector('[data-search-close]')!.addEventListener('click', close);
  // A click on the backdrop (outside the panel) closes the dialog.
  dialog.addEventListener('click', (e) => {
    if (e.target === dialog) close();
  });
  input.focus();
  void loadPagefind().catch(() => {}); // start fetching the index while the student types
  if (input.value) void run();
}

/**
 * The search box's view of Pagefind's results (pure): which sections to show for a page and its
 * excerpt split into plain and highlighted runs, so the page builds DOM nodes and never parses HTML.
 */
import { decodeHTMLStrict } from 'entities/decode';

/** The parts of Pagefind's result data the search box uses (pagefind.js `result.data()`). */
export interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
  locations?: number[];
}
export interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: { title?: string };
  sub_results?: PagefindSubResult[];
}

export interface ExcerptPart {
  text: string;
  mark: boolean;
}

export interface SearchHit {
  /** Where the link goes: the page, or the heading inside it. */
  url: string;
  title: string;
  excerpt: ExcerptPart[];
}

export interface SearchResultView {
  page: SearchHit;
  sections: SearchHit[];
  /** Where Enter goes: the heading with the most matches, or the page when no heading has one. */
  best: SearchHit;
}

/** Pagefind's excerpt ("… the <mark>stride</mark> s …") as runs of text; any other tag is dropped. */
export function excerptParts(html: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  let mark = false;
  for (const piece of html.split(/(<\/?mark>)/i)) {
    if (/^<mark>$/i.test(piece)) mark = true;
    else if (/^<\/mark>$/i.test(piece)) mark = false;
    else {
      const text = decodeHTMLStrict(piece.replace(/<[^>]*>/g, ''));
      if (!text) continue;
      const last = parts[parts.length - 1];
      if (last && last.mark === mark) last.text += text;
      else parts.push({ text, mark });
    }
  }
  return parts;
}

/**
 * The page and its best sections (most matches first, then page order), at most `maxSections`. `best`:
 * a heading that names a word of `query` first, else the one with the most matches.
 */
export function searchResultView(data: PagefindResultData, maxSections = 4, query = ''): SearchResultView {
  const title = data.meta.title?.trim() || data.url;
  const page: SearchHit = { url: data.url, title, excerpt: excerptParts(data.excerpt) };
  const plain = (parts: ExcerptPart[]) => parts.map((p) => p.text).join('');
  const sections = (data.sub_results ?? [])
    .map((s, i) => ({ s, i, hits: s.locations?.length ?? 0 }))
    // The first sub-result can be the page itself (text before the first heading): it is the page row.
    .filter(({ s }) => s.url !== data.url && s.title.trim() !== '' && s.title.trim() !== title)
    .sort((a, b) => b.hits - a.hits || a.i - b.i)
    .slice(0, maxSections)
    .sort((a, b) => a.i - b.i)
    .map(({ s, hits }) => ({ url: s.url, title: s.title.trim(), excerpt: excerptParts(s.excerpt), hits }));
  // Pagefind often quotes the best section as the page's excerpt: show it once, under its heading.
  if (sections.some((s) => plain(s.excerpt) === plain(page.excerpt))) page.excerpt = [];
  const typed = query.toLowerCase().split(/\s+/).filter(Boolean);
  const score = (s: { title: string; hits: number }) => (typed.some((t) => s.title.toLowerCase().includes(t)) ? 1e9 : 0) + s.hits;
  const top = sections.reduce<(typeof sections)[number] | null>((a, s) => (score(s) > (a ? score(a) : 0) ? s : a), null);
  const strip = ({ url, title, excerpt }: SearchHit): SearchHit => ({ url, title, excerpt });
  return { page, sections: sections.map(strip), best: top ? strip(top) : page };
}

/** The words the excerpts highlight (Pagefind's matches, lower case, once each, in order). */
export function matchedWords(views: SearchResultView[]): string[] {
  const words: string[] = [];
  for (const v of views) {
    for (const hit of [v.page, ...v.sections]) {
      for (const part of hit.excerpt) {
        const w = part.text.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''); // "dilation." is "dilation"
        if (part.mark && w && !words.includes(w)) words.push(w);
      }
    }
  }
  return words;
}

/** The search's status line; when Pagefind matched other words than typed ("dilaton" → "dilation"), it says which. */
export function searchStatus(query: string, pages: number, matched: string[]): string {
  if (pages === 0) return `No page mentions “${query}”.`;
  const mention = `${pages} ${pages === 1 ? 'page mentions' : 'pages mention'}`;
  const typed = query.toLowerCase().split(' ');
  const other = matched.filter((w) => !typed.some((t) => w.startsWith(t)));
  if (!other.length || typed.every((t) => matched.some((w) => w.startsWith(t)))) return `${mention} “${query}”.`;
  const words = other.slice(0, 3).map((w) => `“${w}”`);
  const said = words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words.at(-1)}` : words[0];
  return `Nothing matches “${query}” exactly; ${mention} ${said}.`;
}

/** The words people search for: at least two characters after trimming (one letter matches everything). */
export function searchableQuery(q: string): string | null {
  const t = q.trim().replace(/\s+/g, ' ');
  return [...t].length >= 2 ? t : null;
}

/** Right to left when most letters are Hebrew (or Arabic): a Hebrew excerpt that opens with an English term. */
export function textDirection(text: string): 'rtl' | 'ltr' {
  const rtl = text.match(/[\u0590-\u05ff\u0600-\u06ff]/g)?.length ?? 0;
  const ltr = text.match(/[A-Za-z\u00c0-\u024f]/g)?.length ?? 0;
  return rtl > ltr ? 'rtl' : 'ltr';
}

import { describe, expect, it } from 'vitest';
import { excerptParts, matchedWords, searchableQuery, searchResultView, searchStatus, textDirection } from '../../src/lib/site/search';

describe('search results', () => {
  it('splits an excerpt into plain and highlighted runs, decoding entities and dropping other tags', () => {
    expect(excerptParts('the <mark>stride</mark> s &amp; <b>padding</b> p &lt;3 &#8722;1')).toEqual([
      { text: 'the ', mark: false },
      { text: 'stride', mark: true },
      { text: ' s & padding p <3 −1', mark: false },
    ]);
    expect(excerptParts('<mark>רשת</mark> קונבולוציה')).toEqual([{ text: 'רשת', mark: true }, { text: ' קונבולוציה', mark: false }]);
    expect(excerptParts('')).toEqual([]);
  });

  it('never turns excerpt text into markup', () => {
    const parts = excerptParts('&lt;img src=x onerror=alert(1)&gt; <mark>dilation</mark>');
    expect(parts[0].text).toBe('<img src=x onerror=alert(1)> ');
  });

  it('decodes named, decimal and hex entities and leaves unknown ones', () => {
    expect(excerptParts('&quot;a&quot; &#39;b&#39; &#x2212;1 &nbsp;&bogus;')).toEqual([{ text: '"a" \'b\' −1 \u00a0&bogus;', mark: false }]);
  });

  it('shows the page and its best sections in page order, each linking to its heading', () => {
    const view = searchResultView(
      {
        url: '/cnn-course/lectures/10-cnn/',
        excerpt: 'page <mark>dilation</mark>',
        meta: { title: 'Lecture 10: Convolutional neural networks' },
        sub_results: [
          { title: 'Lecture 10: Convolutional neural networks', url: '/cnn-course/lectures/10-cnn/', excerpt: 'intro' },
          { title: 'Padding', url: '/cnn-course/lectures/10-cnn/#padding', excerpt: 'x', locations: [1] },
          { title: 'Dilation', url: '/cnn-course/lectures/10-cnn/#dilation', excerpt: 'the <mark>dilation</mark> d', locations: [5, 6, 7] },
          { title: 'Stride', url: '/cnn-course/lectures/10-cnn/#stride', excerpt: 'y', locations: [9, 10] },
        ],
      },
      2,
    );
    expect(view.page.title).toBe('Lecture 10: Convolutional neural networks');
    expect(view.sections.map((s) => s.url)).toEqual(['/cnn-course/lectures/10-cnn/#dilation', '/cnn-course/lectures/10-cnn/#stride']);
    expect(view.sections[0].excerpt).toEqual([{ text: 'the ', mark: false }, { text: 'dilation', mark: true }, { text: ' d', mark: false }]);
    expect(view.best.url).toBe('/cnn-course/lectures/10-cnn/#dilation'); // Enter goes to the heading with the most matches
    const data = { url: '/p/', excerpt: '', meta: { title: 'P' }, sub_results: [
      { title: '2D convolution', url: '/p/#2d', excerpt: 'x', locations: [1, 2, 3, 4] },
      { title: 'Dilation', url: '/p/#dilation', excerpt: 'y', locations: [5] },
    ] };
    expect(searchResultView(data, 4, 'dilation').best.url).toBe('/p/#dilation'); // a heading that names the word comes first
    expect(searchResultView(data).best.url).toBe('/p/#2d');
    expect(searchResultView({ url: '/p/', excerpt: 'a', meta: { title: 'P' } }).best.url).toBe('/p/');
  });

  it('says which words were matched when they are not the ones typed ("dilaton" → "dilation")', () => {
    const views = [searchResultView({ url: '/p/', excerpt: 'the <mark>Dilation</mark> d and <mark>dilation.</mark> <mark>“dilate”,</mark>', meta: { title: 'P' } })];
    expect(matchedWords(views)).toEqual(['dilation', 'dilate']);
    expect(searchStatus('dilaton', 3, matchedWords(views))).toBe('Nothing matches “dilaton” exactly; 3 pages mention “dilation” or “dilate”.');
    expect(searchStatus('dilation', 3, ['dilation'])).toBe('3 pages mention “dilation”.');
    expect(searchStatus('dila', 1, ['dilation'])).toBe('1 page mentions “dila”.'); // a prefix of what was found
    expect(searchStatus('dilaton', 0, [])).toBe('No page mentions “dilaton”.');
  });

  it('quotes an excerpt once: under its heading when the page excerpt is the same text', () => {
    const view = searchResultView({
      url: '/w/',
      excerpt: 'uses <mark>stride</mark> 1',
      meta: { title: 'Workshop' },
      sub_results: [{ title: 'The architecture', url: '/w/#the-architecture', excerpt: 'uses <mark>stride</mark> 1', locations: [3] }],
    });
    expect(view.page.excerpt).toEqual([]);
    expect(view.sections).toHaveLength(1);
  });

  it('falls back to the URL for a page without a title', () => {
    expect(searchResultView({ url: '/x/', excerpt: '', meta: {} }).page.title).toBe('/x/');
  });

  it('searches only for two or more characters', () => {
    expect(searchableQuery(' s ')).toBeNull();
    expect(searchableQuery('  max   pooling ')).toBe('max pooling');
    expect(searchableQuery('רש')).toBe('רש');
  });

  it('reads an excerpt right to left when most of its letters are Hebrew', () => {
    expect(textDirection('Convolutional Neural Networks (CNN) — רשתות קונבולוציה. אחת מהתכונות של רשת Fully Connected MLP היא חוסר רגישות לסדר בכניסות לרשת. תכונה זאת נרכשת משום')).toBe('rtl');
    expect(textDirection('the stride s of a layer (צעד)')).toBe('ltr');
    expect(textDirection('12 + 3')).toBe('ltr');
  });
});

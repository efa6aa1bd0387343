// The lecture's core flows in every engine: each widget's live TensorFlow.js result agrees with the
// math core, an exercise is checked wrong then right, and the search leads to a heading.
import { test, expect } from './fixtures';
import { textOf, waitFor } from './engine-page';

const LECTURE = 'lectures/10-cnn/';

test('every lecture widget computes its result live with TensorFlow.js, equal to the math core', async ({ tab }) => {
  test.setTimeout(240_000);
  await tab.goto(LECTURE);
  // The widgets the built page holds, counted from its own HTML (what the server sent).
  const expected = await tab.evaluate(async () => {
    const html = await (await fetch(location.href)).text();
    return (html.match(/<concept-1d\b/g) ?? []).length + (html.match(/<conv2d-explorer\b/g) ?? []).length;
  });
  const ids = await tab.evaluate(() => [...document.querySelectorAll('concept-1d, conv2d-explorer')].map((e) => e.querySelector('figure[id]')?.id || e.id));
  expect(ids.length).toBe(expected);
  expect(ids.length).toBeGreaterThanOrEqual(12);
  const results: Record<string, string> = {};
  for (const id of ids) {
    // A widget loads tfjs when it comes into view, as the student scrolls to it.
    await tab.evaluate((i) => document.getElementById(i)!.scrollIntoView({ block: 'center' }), id);
    results[id] = await waitFor(tab, `${id} to be computed by TensorFlow.js`, (i) => {
      const el = document.getElementById(i)!.closest('concept-1d, conv2d-explorer') as HTMLElement;
      const match = el.dataset.tfMatch;
      return match && match !== 'undefined' ? `${match}: ${el.querySelector('[data-tf-status]')?.textContent}` : '';
    }, id, 60_000);
  }
  for (const [id, r] of Object.entries(results)) expect(r, id).toMatch(/^true: .*TensorFlow\.js|^true: .*tf\.conv2d/);
});

test('an exercise checked wrong, then right: the feedback, the status and the page’s count follow', async ({ tab }) => {
  await tab.goto(LECTURE);
  const ex = '[data-exercise="dilation-length"]';
  await tab.evaluate((s) => document.querySelector(s)!.scrollIntoView({ block: 'center' }), ex);
  await waitFor(tab, 'the exercise to load', (s) => !document.querySelector<HTMLElement>(`${s} [data-work]`)!.hidden, ex);
  const total = Number(/of (\d+)/.exec(await textOf(tab, '.toc [data-exercise-progress]'))?.[1]);
  expect(total).toBeGreaterThan(0);

  await tab.click(`${ex} input[data-part="0"]`);
  await tab.type('7');
  await tab.press('Enter');
  const wrong = await waitFor(tab, 'the feedback on 7', (s) => document.querySelector<HTMLElement>(`${s} [data-feedback]`)!.innerText, ex);
  expect(wrong).toContain('Not 7: this is the length without dilation');
  expect(await textOf(tab, `${ex} [data-status]`)).toBe('not solved yet');

  await tab.click(`${ex} input[data-part="0"]`);
  await tab.press('Control+a');
  await tab.type('3');
  await tab.click(`${ex} button[type="submit"]`);
  await waitFor(tab, 'Correct', (s) => /Correct/.test(document.querySelector<HTMLElement>(`${s} [data-feedback]`)!.innerText), ex);
  expect(await textOf(tab, `${ex} [data-status]`)).toBe('solved');
  expect(await textOf(tab, '.toc [data-exercise-progress]')).toContain(`1 of ${total}`);
});

test('search: the header’s button opens it, typed words find the lecture, a result leads to its heading', async ({ tab }) => {
  await tab.goto('');
  await tab.click('button[data-search-open]');
  await waitFor(tab, 'the search box to have focus', () => document.activeElement?.getAttribute('type') === 'search');
  await tab.type('stride');
  const href = await waitFor(tab, 'a result for "Stride"', () =>
    [...document.querySelectorAll<HTMLAnchorElement>('[data-search-dialog] a')].find((a) => a.textContent?.trim() === 'Stride')?.getAttribute('href'), undefined, 60_000);
  expect(href).toBe('/cnn-course/lectures/10-cnn/#stride');
  await tab.evaluate(() => [...document.querySelectorAll<HTMLAnchorElement>('[data-search-dialog] a')].find((a) => a.textContent?.trim() === 'Stride')!.setAttribute('data-test-result', ''));
  await tab.click('[data-test-result]');
  await waitFor(tab, 'the lecture at its Stride heading', () => location.pathname.endsWith('/lectures/10-cnn/') && location.hash === '#stride');
  await waitFor(tab, 'the heading on screen', () => {
    // The new document may still be parsing when its URL already reads #stride.
    const r = document.getElementById('stride')?.getBoundingClientRect();
    return r !== undefined && r.bottom > 0 && r.top < innerHeight;
  });
});

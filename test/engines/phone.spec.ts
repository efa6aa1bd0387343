// The course on a phone, in every engine: at 375×740 nothing scrolls sideways, every control is a
// 24 px target, and a notebook cell is edited, run and stopped with a finger.
import { test, expect } from './fixtures';
import { waitFor, type EnginePage } from './engine-page';
import { WORKSHOP, cellSel, status } from './notebook';

const LECTURE = 'lectures/10-cnn/';

async function asPhone(tab: EnginePage, path: string) {
  await tab.setViewport(375, 740);
  await tab.goto(path);
  const width = await tab.evaluate(() => innerWidth);
  // WebKit sizes the window, whose page may be a few pixels narrower; never wider than a phone.
  expect(width).toBeLessThanOrEqual(375);
  expect(width).toBeGreaterThan(340);
}

/** Visible controls smaller than 24 px either way, and the page's sideways overflow. */
function phoneProblems() {
  const small: string[] = [];
  const controls = document.querySelectorAll<HTMLElement>(
    'button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="slider"], [role="tab"], .cm-content',
  );
  for (const el of controls) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue; // not shown
    if (el.closest('[hidden], details:not([open]) > :not(summary)')) continue;
    if (r.width < 23.5 || r.height < 23.5)
      small.push(`${el.closest('[id]')?.id ?? ''} ${el.tagName.toLowerCase()}${el.getAttribute('type') ? `[${el.getAttribute('type')}]` : ''} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30)}" ${r.width.toFixed(0)}×${r.height.toFixed(0)}`);
  }
  const doc = document.scrollingElement!;
  const wide = [...document.querySelectorAll<HTMLElement>('body *')]
    .filter((el) => el.getBoundingClientRect().right > innerWidth + 1 && !el.closest('pre, .katex-display, .table-scroll, [data-scroll-x], .nb-output, .cm-editor, .cm-scroller, table'))
    .slice(0, 5).map((el) => `${el.tagName.toLowerCase()}.${el.className}`.slice(0, 60));
  return { small, overflow: doc.scrollWidth - innerWidth, wide };
}

for (const path of [LECTURE, WORKSHOP]) {
  test(`${path} at 375×740: nothing scrolls sideways and every control is at least 24 px`, async ({ tab }) => {
    test.setTimeout(120_000);
    await asPhone(tab, path);
    // Scroll through once, so every lazily loaded widget has drawn its controls.
    await tab.evaluate(async () => {
      for (let y = 0; y < document.body.scrollHeight; y += innerHeight) {
        scrollTo(0, y);
        await new Promise((r) => setTimeout(r, 60));
      }
      scrollTo(0, 0);
      await new Promise((r) => setTimeout(r, 500));
    });
    const p = await tab.evaluate(phoneProblems);
    expect(p.overflow, `${tab.engine}: ${path} scrolls sideways by ${p.overflow} px (${p.wide.join(', ')})`).toBeLessThanOrEqual(0);
    expect(p.small, `${tab.engine}: controls under 24 px`).toEqual([]);
  });
}

test('a cell is edited, run and stopped with a finger', async ({ tab }) => {
  test.setTimeout(180_000);
  await asPhone(tab, WORKSHOP);
  const c = cellSel('lenet5');
  await tab.tap(`${c} .nb-edit`);
  await waitFor(tab, 'the editor', (s) => !!document.querySelector(`${s} .cm-content`), c);
  await tab.tap(`${c} .cm-content`);
  await tab.press('Control+a');
  await tab.insertText('print("tapped");\nwhile (true) {}');
  await tab.tap(`${c} .nb-run`);
  await waitFor(tab, 'the cell to print and keep running', (s) =>
    document.querySelector(`${s} .nb-output`)?.textContent?.includes('tapped') && document.querySelector(s)!.classList.contains('nb-is-running'), c, 90_000);
  await tab.tap('[data-nb-stop]');
  const said = await waitFor(tab, 'the notebook to stop the runaway cell', (s) =>
    !document.querySelector(s)!.classList.contains('nb-is-running') && document.querySelector('[data-nb-status]')!.textContent, c, 15_000);
  expect(said).toContain('restarted');
  expect(await status(tab)).toContain('variables cleared');
});

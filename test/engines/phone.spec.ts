// The course on a phone, in every engine: at 375×740 nothing scrolls sideways, every control is a
// 24 px target, and a notebook cell is edited, run and stopped with a finger.
import { test, expect } from './fixtures';
import { waitFor, type EnginePage } from './engine-page';
import { WORKSHOP, cellSel, status } from './notebook';

const LECTURE = 'lectures/10-cnn/';

/** A phone-sized window; false where the engine's window cannot be made that narrow (MiniBrowser: about 450 px). */
async function asPhone(tab: EnginePage, path: string): Promise<boolean> {
  await tab.setViewport(375, 740);
  await tab.goto(path);
  const width = await tab.evaluate(() => innerWidth);
  expect(width).toBeGreaterThan(340);
  return width <= 375;
}

/**
 * Loads `path` in a 375×740 frame of the page, for an engine whose window stays wider: the frame's
 * document lays out, and answers media queries, at 375 px like a phone's.
 */
async function phoneFrame(tab: EnginePage, path: string): Promise<void> {
  await tab.evaluate(async (url) => {
    document.body.replaceChildren();
    const f = document.createElement('iframe');
    f.id = 'phone';
    f.style.cssText = 'width:375px;height:740px;border:0;display:block';
    f.src = url;
    document.body.append(f);
    await new Promise((r) => f.addEventListener('load', r, { once: true }));
  }, new URL(path, tab.base).href);
}

/**
 * Visible controls smaller than 24 px that also fail WCAG 2.5.8's spacing exception (a 24 px circle
 * on each undersized target meets no other target), and the page's sideways overflow. Runs in the
 * phone frame where there is one.
 */
function phoneProblems() {
  const frame = document.querySelector<HTMLIFrameElement>('iframe#phone');
  const doc = frame?.contentDocument ?? document;
  const win = (frame?.contentWindow ?? window) as Window & typeof globalThis;
  const controls = [...doc.querySelectorAll<HTMLElement>(
    'button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="slider"], [role="tab"], .cm-content',
  )].filter((el) => {
    const r = el.getBoundingClientRect();
    return (r.width || r.height) && !el.closest('[hidden]');
  });
  const rects = controls.map((el) => el.getBoundingClientRect());
  const small = controls.flatMap((el, i) => {
    const r = rects[i];
    if (r.width >= 23.5 && r.height >= 23.5) return [];
    const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
    // The circle of radius 12 meets another target's box (or its circle, when that one is small too)?
    const crowded = rects.some((o, j) => {
      if (j === i || controls[j].contains(el) || el.contains(controls[j])) return false;
      const dx = Math.max(o.left - cx, 0, cx - o.right), dy = Math.max(o.top - cy, 0, cy - o.bottom);
      const reach = o.width < 23.5 || o.height < 23.5 ? 24 : 12;
      const ox = o.left + o.width / 2, oy = o.top + o.height / 2;
      return reach === 24 ? Math.hypot(cx - ox, cy - oy) < 24 : Math.hypot(dx, dy) < 12;
    });
    return crowded ? [`${el.closest('[id]')?.id ?? ''} ${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30)}" ${r.width.toFixed(0)}×${r.height.toFixed(0)}`] : [];
  });
  const scroller = doc.scrollingElement!;
  const wide = [...doc.querySelectorAll<HTMLElement>('body *')]
    .filter((el) => el.getBoundingClientRect().right > win.innerWidth + 1 && !el.closest('pre, .katex-display, .table-scroll, [data-scroll-x], .nb-output, .cm-editor, .cm-scroller, table'))
    .slice(0, 5).map((el) => `${el.tagName.toLowerCase()}.${el.className}`.slice(0, 60));
  return { small, overflow: scroller.scrollWidth - win.innerWidth, width: win.innerWidth, wide };
}

for (const path of [LECTURE, WORKSHOP]) {
  test(`${path} at 375×740: nothing scrolls sideways and every control is at least 24 px`, async ({ tab }) => {
    test.setTimeout(120_000);
    if (!(await asPhone(tab, path))) await phoneFrame(tab, path);
    // Scroll through once, so every lazily loaded widget has drawn its controls.
    await tab.evaluate(async () => {
      const w = (document.querySelector<HTMLIFrameElement>('iframe#phone')?.contentWindow ?? window) as Window & typeof globalThis;
      for (let y = 0; y < w.document.body.scrollHeight; y += w.innerHeight) {
        w.scrollTo(0, y);
        await new Promise((r) => setTimeout(r, 60));
      }
      w.scrollTo(0, 0);
      await new Promise((r) => setTimeout(r, 500));
    });
    const p = await tab.evaluate(phoneProblems);
    expect(p.width).toBe(375);
    expect(p.overflow, `${tab.engine}: ${path} scrolls sideways by ${p.overflow} px (${p.wide.join(', ')})`).toBeLessThanOrEqual(0);
    expect(p.small, `${tab.engine}: controls under 24 px`).toEqual([]);
  });
}

test('a cell is edited, run and stopped with a finger', async ({ tab }) => {
  test.setTimeout(180_000);
  // In WebKit at MiniBrowser's narrowest window (about 450 px): WebDriver's taps reach no frame.
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
  expect(said).toMatch(/restarted.*variables are cleared/);
});

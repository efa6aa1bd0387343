// Every field of every concept widget, tried as a student with bad input would: garbage, 10,000 values,
// extremes, and all sliders at both ends. No page error (the fixture), a message in the widget whenever
// the value cannot be used (never a code name), a drawing otherwise, and no main-thread task over
// GROSS_BLOCK_MS.
import type { Page } from '@playwright/test';
import { test, expect, GROSS_BLOCK_MS, widgetInView } from './fixtures';

const LECTURE = 'lectures/10-cnn/';
test.use({ reducedMotion: 'reduce' });
test.describe.configure({ timeout: 300_000 });

const TEN_THOUSAND = Array.from({ length: 10_000 }, (_, i) => ((i * 7) % 11) - 5).join(', ');
const GARBAGE = ['abc', '0x10', '1,,2', '', '   ', '-', 'NaN', 'Infinity', '1e308', '1e999', '½', '1; DROP TABLE', '<b>1</b>', TEN_THOUSAND];
const EXTREMES = ['-3.4e38', '3.4e38', '1e-45', '-0', '1e9', '-1e9, 1e9', '0.1, 0.2, 0.30000000000000004'];
/** Values no field of these widgets accepts (each must get a message). */
const ALWAYS_BAD = new Set(['abc', '0x10', '1,,2', '', '   ', '-', 'NaN', 'Infinity', '1e308', '1e999', '½', '1; DROP TABLE', '<b>1</b>', TEN_THOUSAND]);
const CODE_NAMES = /\b(conv1d|maxPool1d|conv2d|outputSize|kernelSize|inChannels|outChannels|RangeError|undefined)\b/;

interface Outcome { widget: string; field: string; value: string; error: string; drawn: boolean }

/** Tries each value in each field of the widget (restoring the field after each), in the page. */
async function tryFields(page: Page, widget: string, values: string[]): Promise<Outcome[]> {
  return page.locator(widget).evaluate(async (root, values) => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const errorBox = () => root.querySelector<HTMLElement>('[data-error]')!;
    const drawn = () => root.querySelector('svg') !== null && !(root.querySelector<HTMLElement>('[data-body]')?.hidden ?? false);
    const fields = [...root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[type="text"][data-key], input[type="number"], textarea:not([readonly])')];
    const out = [];
    for (const el of fields) {
      const before = el.value;
      for (const value of values) {
        el.value = value; // what a paste does; a number box keeps only what it can read
        el.dispatchEvent(new Event('input', { bubbles: true }));
        await frame();
        const box = errorBox();
        out.push({ widget: root.id, field: el.dataset.key ?? el.dataset.name ?? [...el.attributes].map((a) => a.name).find((n) => n.startsWith('data-')) ?? el.tagName, value: value.slice(0, 30), error: box.hidden ? '' : (box.textContent ?? ''), drawn: drawn() });
      }
      el.value = before;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      await frame();
    }
    return out;
  }, values);
}

/** Every range input to its max, then every one to its min (each change a student's drag), then every select option. */
async function trySlidersAndChoices(page: Page, widget: string): Promise<Outcome[]> {
  return page.locator(widget).evaluate(async (root) => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const out = [];
    const record = (field: string, value: string) => {
      const box = root.querySelector<HTMLElement>('[data-error]')!;
      out.push({ widget: root.id, field, value, error: box.hidden ? '' : (box.textContent ?? ''), drawn: root.querySelector('svg') !== null });
    };
    for (const end of ['max', 'min', 'max'] as const) {
      for (const r of root.querySelectorAll<HTMLInputElement>('input[type="range"]')) {
        r.value = r[end];
        r.dispatchEvent(new Event('input', { bubbles: true }));
        await frame();
        // A slider and its number box never disagree.
        const twin = r.dataset.key ? root.querySelector<HTMLInputElement>(`input[type="number"][data-key="${r.dataset.key}"]`) : null;
        if (twin && twin.value !== r.value) out.push({ widget: root.id, field: r.dataset.key!, value: `slider ${r.value} but box ${twin.value}`, error: 'CONTRADICTION', drawn: false });
        record(r.dataset.key ?? 'scrub', `${end} ${r.value}`);
      }
    }
    for (const s of root.querySelectorAll<HTMLSelectElement>('select')) {
      for (const o of [...s.options]) {
        s.value = o.value;
        s.dispatchEvent(new Event('change', { bubbles: true }));
        s.dispatchEvent(new Event('input', { bubbles: true }));
        await frame();
        record(s.dataset.key ?? [...s.attributes].map((a) => a.name).find((n) => n.startsWith('data-'))!, o.value);
      }
    }
    for (const c of root.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')) {
      c.click();
      await frame();
      record(c.dataset.key ?? 'link', String(c.checked));
    }
    return out;
  });
}

async function longestFrame(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __longest: number }).__longest);
}

/** From here on, count only the frames of what the test does (not the page's loading). */
async function resetLongest(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { __longest: number }).__longest = 0));
}

test('every widget field: garbage, 10,000 values and extremes get a message or a drawing, never a freeze', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __longest: number };
    w.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
    }).observe({ type: 'long-animation-frame', buffered: true });
  });
  await page.goto(LECTURE);
  await page.waitForLoadState('networkidle');
  const ids = await page.locator('concept-1d figure[id], conv2d-explorer[id]').evaluateAll((els) => els.map((e) => e.id));
  expect(ids.length).toBe(12);
  const loading = await longestFrame(page);
  await resetLongest(page);
  const outcomes: Outcome[] = [];
  for (const id of ids) {
    await widgetInView(page, `#${id}`);
    outcomes.push(...(await tryFields(page, `#${id}`, [...GARBAGE, ...EXTREMES])));
  }
  console.log('widgets-fuzz fields tried', outcomes.length, 'longest frame while loading / while fuzzing (ms)', Math.round(loading), Math.round(await longestFrame(page)));
  const fields = new Set(outcomes.map((o) => `${o.widget}.${o.field}`));
  expect(fields.size).toBeGreaterThanOrEqual(30); // every text field, text area and number box of the twelve widgets
  for (const o of outcomes) {
    const what = `${o.widget}.${o.field} = ${JSON.stringify(o.value)}`;
    if (ALWAYS_BAD.has(o.value) || o.value === TEN_THOUSAND.slice(0, 30)) expect(o.error, what).not.toBe('');
    if (o.error) expect(o.error, what).not.toMatch(CODE_NAMES);
    else expect(o.drawn, what).toBe(true);
  }
  expect(await longestFrame(page)).toBeLessThan(GROSS_BLOCK_MS);
});

test('every slider at both ends, every choice and toggle: a drawing or a message, sliders and boxes agreeing', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __longest: number };
    w.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
    }).observe({ type: 'long-animation-frame', buffered: true });
  });
  await page.goto(LECTURE);
  await page.waitForLoadState('networkidle');
  await resetLongest(page);
  const ids = await page.locator('concept-1d figure[id], conv2d-explorer[id], conv2d-animation[id]').evaluateAll((els) => els.map((e) => e.id));
  const outcomes: Outcome[] = [];
  for (const id of ids) {
    await widgetInView(page, `#${id}`);
    outcomes.push(...(await trySlidersAndChoices(page, `#${id}`)));
  }
  console.log('widgets-fuzz sliders and choices tried', outcomes.length, 'with a message', outcomes.filter((o) => o.error).length);
  expect(outcomes.length).toBeGreaterThan(100);
  for (const o of outcomes) {
    const what = `${o.widget}.${o.field} = ${o.value}`;
    expect(o.error, what).not.toBe('CONTRADICTION');
    if (o.error) expect(o.error, what).not.toMatch(CODE_NAMES);
    else expect(o.drawn, what).toBe(true);
  }
  expect(await longestFrame(page)).toBeLessThan(GROSS_BLOCK_MS);
});

test('the workshop’s feature-map index: an empty box is refused, not read as digit #0', async ({ page }) => {
  await page.goto('workshops/10-lenet5/');
  const maps = page.locator('feature-maps');
  await maps.locator('[data-index]').fill('');
  await maps.locator('[data-show]').click();
  await expect(maps.locator('[data-error]')).toHaveText('The test digit number must be a whole number from 0 to 9,999; got "".');
  await expect(maps.locator('[data-status]')).toHaveText('');
});

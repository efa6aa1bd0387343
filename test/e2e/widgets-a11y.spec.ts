// The concept widgets at 375 px, light and dark: touch targets of at least 24 px (slider thumbs and
// checkboxes included), axe clean with its target-size rule switched on, and the link button by keyboard.
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';

const LECTURE = 'lectures/10-cnn/';
const WIDGETS = 'concept-1d, conv2d-explorer, conv2d-animation';
test.use({ reducedMotion: 'reduce' });

for (const theme of ['light', 'dark'] as const) {
  test(`every control of every concept widget is a 24 px target and axe finds nothing serious (${theme}, 375 px)`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 375, height: 800 });
    await page.emulateMedia({ colorScheme: theme });
    await page.addInitScript((t) => localStorage.setItem('theme', t), theme);
    await page.goto(LECTURE);
    await expect(page.locator('#fig-stride fieldset.c1d-controls')).toBeEnabled();
    // The instructors' ⋯ menus opened, so Copy as MDX is measured (and checked by axe) too.
    await page.locator('details.author-menu').evaluateAll((menus) => menus.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    const small = await page.locator(WIDGETS).evaluateAll((widgets) =>
      widgets.flatMap((w) =>
        [...w.querySelectorAll<HTMLElement>('input:not([hidden]), button, select, textarea:not([hidden]), summary')].flatMap((el) => {
          const r = el.getBoundingClientRect();
          return r.width < 23.5 || r.height < 23.5 ? [`${w.querySelector('[id]')?.id ?? w.id} ${el.tagName} ${el.getAttribute('type') ?? ''} ${el.textContent?.trim() || el.getAttribute('aria-label') || ''}: ${r.width.toFixed(1)}×${r.height.toFixed(1)}`] : [];
        }),
      ),
    );
    expect(small).toEqual([]);
    // The thumb is what a finger hits: every slider draws its own (appearance: none) from a 24 px thumb rule
    // (the native one is 16 px). getComputedStyle cannot see a thumb, so the rule that applies is read.
    const thumbs = await page.locator(`:is(${WIDGETS}) input[type="range"]`).evaluateAll((ranges) => {
      const rules = [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules]).filter((r): r is CSSStyleRule => r instanceof CSSStyleRule && r.selectorText.includes('::-webkit-slider-thumb'));
      return ranges.map((el) => {
        const rule = rules.find((r) => el.matches(r.selectorText.replace(/::-webkit-slider-thumb/g, '')) && r.style.width);
        return `${getComputedStyle(el).appearance} ${rule?.style.width ?? 'native'}×${rule?.style.height ?? 'native'}`;
      });
    });
    expect(thumbs.length).toBeGreaterThan(20);
    expect(new Set(thumbs)).toEqual(new Set(['none 24px×24px']));
    const results = await new AxeBuilder({ page }).include(WIDGETS).options({ rules: { 'target-size': { enabled: true } } }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    const widths = await page.locator(WIDGETS).evaluateAll((els) => els.map((el) => [el.querySelector('[id]')?.id ?? el.id, el.scrollWidth, el.clientWidth] as const));
    for (const [id, scroll, client] of widths) expect(scroll, `${id} fits 375 px`).toBeLessThanOrEqual(client);
  });
}

test('the link button works from the keyboard and announces what it did', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(LECTURE);
  const fig = page.locator('#fig-padding');
  await fig.locator('[data-act="next"]').focus(); // then keys only
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab'); // scrubber
  await page.keyboard.press('Tab'); // Copy link
  await expect(fig.locator('[data-act="link"]')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(fig.locator('[data-link-status]')).toHaveText('Link copied.');
  await expect(fig.locator('[data-link-status]')).toHaveAttribute('aria-live', 'polite');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/\?fig-padding\.x=.*&fig-padding\.step=2#fig-padding$/);
});

test('where the clipboard is refused, the link is shown selected with how to copy it', async ({ page }) => {
  await page.goto(LECTURE);
  await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) } }));
  const explorer = page.locator('#fig-conv2d-table-explorer');
  await explorer.scrollIntoViewIfNeeded(); // its code loads when it comes into view
  await explorer.locator('[data-copy-link]').click();
  await expect(explorer.locator('[data-link-status]')).toHaveText('Selected: press Ctrl+C (⌘C) to copy the link.');
  const field = explorer.locator('[data-link-field]');
  await expect(field).toBeVisible();
  await expect(field).toBeFocused();
  expect(await field.inputValue()).toMatch(/\?fig-conv2d-table-explorer\.values=.*#fig-conv2d-table-explorer$/);
  expect(await field.evaluate((el: HTMLInputElement) => el.selectionEnd! - el.selectionStart!)).toBe((await field.inputValue()).length);
});

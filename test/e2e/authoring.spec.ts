// The instructors' authoring reference (/authoring/): every component of src/components/mdx.ts, live, with
// its props table and an example; Copy as MDX on every concept widget, whose copies build; the same menu
// folded on a lecture; and the page kept out of the sitemap, the search index and the offline copy.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, widgetInView } from './fixtures';
import { mdxComponents } from '../unit/authoring-mdx-names';
import { compileError } from '../unit/authoring-compile';

test.beforeEach(async ({ context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
});

test('every MDX component is on the page, with its props table and an example', async ({ page }) => {
  await page.goto('authoring/');
  await expect(page.getByRole('heading', { level: 1, name: 'Authoring reference' })).toBeVisible();
  expect(await page.locator('[data-component]').evaluateAll((els) => els.map((e) => e.getAttribute('data-component')))).toEqual(
    expect.arrayContaining(mdxComponents),
  );
  for (const name of mdxComponents) {
    const section = page.locator(`[data-component="${name}"]`);
    await expect(section.getByRole('heading', { name: `<${name}>` })).toBeVisible();
    await expect(section.locator('[data-props-table]')).toHaveCount(1);
    if (name !== 'NotebookBar') await expect(section.locator('[data-example]').first()).toBeVisible();
  }
  // A concept's table is its definition's: Stride's stride is an integer from 1 to 8, default 2.
  const stride = page.locator('[data-component="Stride"] tr[data-prop="stride"]');
  await expect(stride).toContainText('integer');
  await expect(stride).toContainText('1 to 8');
  await expect(stride.locator('td').nth(2)).toHaveText('2');
  // Live: the widget itself, and each exercise kind.
  await expect(page.locator('[data-component="Stride"] concept-1d')).toHaveCount(1);
  await expect(page.locator('[data-component="Exercise"] [data-exercise]')).toHaveCount(4);
  await expect(page.locator('[data-component="NotebookCell"] nb-cell')).toHaveCount(1);
});

test('Copy as MDX on every concept widget copies its tuned settings, and what it copies builds', async ({ page }, info) => {
  await page.goto('authoring/');
  const widgets = page.locator('[data-component] concept-1d');
  const count = await widgets.count();
  expect(count).toBe(10);
  const copied: string[] = [];
  for (let i = 0; i < count; i++) {
    const widget = widgets.nth(i);
    const name = await widget.evaluate((el) => el.closest('[data-component]')!.getAttribute('data-component')!);
    await widgetInView(page, `[data-component="${name}"] concept-1d figure`);
    // Tune it by hand: one step up on its first slider, or its first checkbox, or its first select.
    const slider = widget.locator('input[type="range"][data-key]').first();
    if (await slider.count()) {
      await slider.focus();
      await page.keyboard.press('ArrowRight');
    } else if (await widget.locator('select[data-key]').count()) {
      await widget.locator('select[data-key]').first().selectOption({ index: 2 });
    } else {
      await widget.locator('input[type="checkbox"][data-key]').first().check();
    }
    // On this page the menu is open: the button shows without unfolding anything.
    const button = widget.getByRole('button', { name: 'Copy as MDX' });
    await expect(button).toBeVisible();
    await button.click();
    await expect(widget.locator('[data-mdx-status]')).toHaveText('MDX copied.');
    const text = await page.evaluate(() => navigator.clipboard.readText());
    expect(text, name).toMatch(new RegExp(`^<${name} \\w+=?.* />$`)); // at least one setting away from the defaults
    copied.push(text);
  }
  // The 2D explorer: start it on an MNIST digit, then copy.
  const explorer = page.locator('[data-component="Conv2dExplorer"] conv2d-explorer');
  await widgetInView(page, '[data-component="Conv2dExplorer"] conv2d-explorer figure');
  await explorer.locator('[data-source]').selectOption('digit-1');
  await explorer.getByRole('button', { name: 'Copy as MDX' }).click();
  await expect(explorer.locator('[data-mdx-status]')).toHaveText('MDX copied.');
  const explorerText = await page.evaluate(() => navigator.clipboard.readText());
  expect(explorerText).toMatch(/^<Conv2dExplorer digit=\{1\} weights=\{\[\[.*\]\]\}.* \/>$/);
  copied.push(explorerText);
  // Paste them all into a scratch page and build it with the build's own plugins and prop checks.
  const scratch = `---\nnumber: 99\ntitle: Scratch\nkind: lecture\nsummary: Pasted widgets.\n---\n\n## Pasted\n\n${copied.join('\n\n')}\n`;
  const dir = info.outputPath('scratch');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, '99-scratch.mdx'), scratch);
  expect(await compileError(scratch, 'content/lectures/99-scratch.mdx')).toBeNull();
});

test('on a lecture, Copy as MDX sits folded in the menu beside Copy link', async ({ page }) => {
  await page.goto('lectures/10-cnn/');
  await widgetInView(page, '#fig-stride');
  const widget = page.locator('concept-1d:has(#fig-stride)');
  const button = widget.getByRole('button', { name: 'Copy as MDX' });
  await expect(button).toBeHidden();
  await expect(widget.getByRole('button', { name: 'Copy link' })).toBeVisible();
  await widget.locator('input[type="range"][data-key="stride"]').fill('3');
  await widget.locator('.author-menu > summary').click();
  await button.click();
  await expect(widget.locator('[data-mdx-status]')).toHaveText('MDX copied.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('<Stride stride={3} />');
});

test('where the clipboard is refused, the MDX is shown selected with how to copy it', async ({ page }) => {
  await page.goto('authoring/');
  await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) } }));
  await widgetInView(page, '[data-component="MaxPool"] concept-1d figure');
  const widget = page.locator('[data-component="MaxPool"] concept-1d');
  await widget.getByRole('button', { name: 'Copy as MDX' }).click();
  await expect(widget.locator('[data-mdx-status]')).toHaveText('Selected: press Ctrl+C (⌘C) to copy the MDX.');
  const field = widget.getByRole('textbox', { name: 'MDX for these settings' });
  await expect(field).toBeVisible();
  await expect(field).toHaveValue('<MaxPool />');
  await expect(field).toBeFocused();
});

test('the page is for instructors: linked from the footer, not in the sitemap, the search or the offline copy', async ({ page, request }) => {
  await page.goto('');
  const contents = await page.locator('.card-list a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(contents).toContain('/cnn-course/lectures/10-cnn/');
  expect(contents.filter((href) => href?.includes('authoring'))).toEqual([]); // not in the contents
  await page.getByRole('contentinfo').getByRole('link', { name: 'authoring reference' }).click();
  await expect(page).toHaveURL(/\/cnn-course\/authoring\/$/);
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
  await expect(page.locator('[data-pagefind-body]')).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Contents' })).toBeVisible();
  // The search index has the course, not this page: no result for its words leads here.
  const urls = await page.evaluate(async () => {
    const pagefind = await import(/* @vite-ignore */ `${document.baseURI.replace(/authoring\/$/, '')}pagefind/pagefind.js`);
    const found: Record<string, string[]> = {};
    for (const q of ['stride', 'NotebookBar', 'WeightsStatus', 'Authoring reference', 'props table']) {
      const { results } = await pagefind.search(q);
      found[q] = await Promise.all(results.map(async (r: { data: () => Promise<{ url: string }> }) => (await r.data()).url));
    }
    return found;
  });
  expect(urls.stride).toContain('/cnn-course/lectures/10-cnn/');
  expect(Object.values(urls).flat().filter((u) => u.includes('authoring'))).toEqual([]);
  const sitemap = await (await request.get('sitemap-0.xml')).text();
  expect(sitemap).toContain('/lectures/10-cnn/');
  expect(sitemap).not.toContain('authoring');
  const sw = await (await request.get('sw.js')).text();
  expect(sw).toContain('lectures/10-cnn/index.html');
  expect(sw).not.toContain('authoring/');
});

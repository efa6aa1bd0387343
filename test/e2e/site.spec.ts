// The course site as a whole: pages, math, text direction, links, themes, accessibility, layout.
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { test, expect } from './fixtures';

const pages = [
  { path: '', title: /Convolutional neural networks/, name: 'home' },
  { path: 'lectures/10-cnn/', title: /Lecture 10/, name: 'lecture', minMath: 20 },
  { path: 'workshops/10-lenet5/', title: /Workshop 10/, name: 'workshop', minMath: 5 },
];
const shots = 'artifacts/screenshots';
mkdirSync(shots, { recursive: true });

for (const p of pages) {
  test(`${p.name} page returns 200 and renders its title`, async ({ page }) => {
    const res = await page.goto(p.path);
    expect(res?.status()).toBe(200);
    await expect(page).toHaveTitle(p.title);
    await expect(page.locator('h1').first()).toBeVisible();
  });
}

for (const p of pages.filter((x) => x.minMath)) {
  test(`${p.name} typesets at least ${p.minMath} formulas at build time`, async ({ request }) => {
    // The static HTML (no JavaScript run) already holds KaTeX's markup.
    const html = await (await request.get(p.path)).text();
    const count = html.match(/class="katex"/g)?.length ?? 0;
    expect(count).toBeGreaterThanOrEqual(p.minMath!);
    expect(html).not.toMatch(/katex-error/);
    // No unrendered $$…$$ left in the prose (code listings may legitimately contain "$$").
    expect(html.replace(/<pre[\s\S]*?<\/pre>/g, '')).not.toMatch(/\$\$/);
  });
}

test('the Hebrew paragraphs read right to left, with formulas left to right', async ({ page }) => {
  await page.goto('lectures/10-cnn/');
  const hebrew = page.locator('div[lang="he"][dir="rtl"]');
  expect(await hebrew.count()).toBeGreaterThanOrEqual(2);
  await expect(hebrew.first()).toContainText('רשת');
  const mathDirection = await hebrew.nth(1).locator('.katex').first().evaluate((el) => getComputedStyle(el).direction);
  expect(mathDirection).toBe('ltr');
});

test('every internal link and asset resolves, and every fragment has its target', async ({ page, request, baseURL }) => {
  const base = new URL(baseURL!);
  const seen = new Set<string>();
  const queue = [base.href];
  while (queue.length) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const res = await page.goto(url);
    expect(res?.status(), url).toBe(200);
    const refs = await page.evaluate(() => [
      ...[...document.querySelectorAll('a[href]')].map((a) => (a as HTMLAnchorElement).href),
      ...[...document.querySelectorAll('link[href]')].map((l) => (l as HTMLLinkElement).href),
      ...[...document.querySelectorAll('[src]')].map((e) => (e as HTMLImageElement).src),
    ]);
    const ids = new Set(await page.evaluate(() => [...document.querySelectorAll('[id]')].map((e) => e.id)));
    for (const ref of refs) {
      const u = new URL(ref);
      if (u.origin !== base.origin) continue;
      expect(u.pathname.startsWith(base.pathname), `${ref} on ${url} is outside the base path`).toBe(true);
      if (u.hash && u.pathname === new URL(url).pathname) expect(ids.has(decodeURIComponent(u.hash.slice(1))), `${ref} on ${url}`).toBe(true);
      u.hash = '';
      if (u.pathname.endsWith('/') && !seen.has(u.href)) queue.push(u.href);
      else if (!seen.has(u.href)) {
        seen.add(u.href);
        const r = await request.get(u.href);
        expect(r.status(), `${u.href} linked from ${url}`).toBe(200);
      }
    }
    // CSS-referenced assets (KaTeX fonts) resolve too.
    const sheets = await page.evaluate(() => [...document.querySelectorAll('link[rel="stylesheet"]')].map((l) => (l as HTMLLinkElement).href));
    for (const sheet of sheets) {
      const css = await (await request.get(sheet)).text();
      for (const m of css.matchAll(/url\(([^)]+)\)/g)) {
        const asset = new URL(m[1].replace(/["']/g, ''), sheet);
        if (asset.protocol === 'data:' || seen.has(asset.href)) continue;
        seen.add(asset.href);
        expect((await request.get(asset.href)).status(), `${asset.href} from ${sheet}`).toBe(200);
      }
    }
  }
  expect([...seen].some((u) => u.includes('/lectures/10-cnn/'))).toBe(true);
  expect([...seen].some((u) => u.includes('/workshops/10-lenet5/'))).toBe(true);
});

test('prev/next navigation and the table of contents link the pages together', async ({ page }) => {
  await page.goto('lectures/10-cnn/');
  await page.getByRole('link', { name: /Workshop 10/ }).click();
  await expect(page).toHaveURL(/workshops\/10-lenet5\/$/);
  await page.getByRole('link', { name: /Lecture 10/ }).first().click();
  await expect(page).toHaveURL(/lectures\/10-cnn\/$/);
  const toc = page.getByRole('navigation', { name: 'On this page' });
  await toc.getByRole('link', { name: 'Max Pooling' }).click();
  await expect(page).toHaveURL(/#max-pooling$/);
});

test('the theme switch flips and remembers the theme without a flash', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('lectures/10-cnn/');
  const root = page.locator('html');
  await expect(root).toHaveAttribute('data-theme', 'light');
  await page.getByRole('button', { name: /Dark theme/ }).click();
  await expect(root).toHaveAttribute('data-theme', 'dark');
  // On the next load the inline head script sets the theme before the first paint.
  // Scripts answer empty, so only the inline head script can have set the theme.
  await page.route('**/*.js', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }));
  await page.reload({ waitUntil: 'commit' });
  await page.waitForSelector('body');
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});

test('print style hides the chrome and keeps the math', async ({ page }) => {
  await page.goto('lectures/10-cnn/');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.locator('.katex').first()).toBeVisible();
});

test.describe('404', () => {
  test.use({ allowedConsoleErrors: [/status of 404/] });
  test('unknown pages get the 404 page with a way back', async ({ page }) => {
  const res = await page.goto('no-such-page/');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('link', { name: 'course contents' })).toHaveAttribute('href', '/cnn-course/');
  });
});

for (const theme of ['light', 'dark'] as const) {
  for (const p of pages) {
    test(`axe finds no serious violation on the ${p.name} page in ${theme} mode`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme });
      await page.goto(p.path);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      const results = await new AxeBuilder({ page }).analyze();
      const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`)).toEqual([]);
    });
  }
}

for (const width of [375, 1280]) {
  test(`layout at ${width}px has no horizontal scroll; screenshots saved`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    for (const p of pages) {
      for (const theme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: theme });
        await page.goto(p.path);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${p.name} at ${width}px (${theme})`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `${shots}/${p.name}-${width}-${theme}.png` });
      }
    }
  });
}

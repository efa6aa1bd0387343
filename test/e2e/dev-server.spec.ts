// The README's first command, `npm run dev`: the dev server serves the pages, a widget computes with
// tfjs, and a notebook cell runs in the notebook's worker (tfjs + MNIST) without Vite reloading it away.
import { spawn, type ChildProcess } from 'node:child_process';
import { test, expect } from './fixtures';

const port = Number(process.env.E2E_DEV_PORT || 4321 + 79);
const root = `http://127.0.0.1:${port}/cnn-course/`;
let server: ChildProcess;

test.describe.configure({ mode: 'serial' });
test.setTimeout(180_000);

test.beforeAll(async () => {
  server = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', 'dev', '--port', String(port), '--host', '127.0.0.1'], {
    stdio: 'ignore',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    const ok = await fetch(root).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error('astro dev did not answer within 120 s');
    await new Promise((r) => setTimeout(r, 500));
  }
});

test.afterAll(() => {
  server?.kill();
});

test('a lecture widget computes with tfjs under the dev server', async ({ page }) => {
  await page.goto(`${root}lectures/10-cnn/`);
  await page.locator('#fig-cross-correlation-w').fill('1, 1, 1');
  await expect(page.locator('#fig-cross-correlation').getByText(/Computed live by TensorFlow\.js/)).toBeVisible({ timeout: 60_000 });
});

test('a notebook cell runs in the notebook worker under the dev server', async ({ page }) => {
  await page.goto(`${root}workshops/10-lenet5/`);
  const cell = page.locator('[data-cell="load-mnist"]');
  await cell.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('[data-nb-status]')).toHaveText('idle', { timeout: 120_000 });
  await expect(cell).toContainText('[2]');
});

test.describe('an authoring mistake', () => {
  // The page is a 404 until the dev server has seen the new file, then a 500 that carries the overlay.
  test.use({ allowedConsoleErrors: [/^Failed to load resource: the server responded with a status of (404|500) /] });
test('an authoring mistake shows in the dev overlay with the file, the line, the component and the prop, not a stack trace', async ({ page }) => {
  const { writeFileSync, rmSync } = await import('node:fs');
  const file = 'content/lectures/97-dev-overlay-check.mdx';
  const body = ['---', 'number: 97', 'title: Overlay check', 'kind: lecture', 'summary: A page with a wrong prop.', '---', '', '## A widget', '', '<Stride strde={2} />', ''];
  writeFileSync(file, body.join('\n'));
  try {
    // The dev server picks the new file up; until it has, the page is a 404.
    await expect(async () => {
      await page.goto(`${root}lectures/97-dev-overlay-check/`);
      await expect(page.locator('vite-error-overlay')).toBeAttached({ timeout: 5_000 });
    }).toPass({ timeout: 60_000 });
    const text = await page.locator('vite-error-overlay').evaluate((el) => el.shadowRoot?.textContent ?? '');
    expect(text).toContain('content/lectures/97-dev-overlay-check.mdx:10');
    expect(text).toContain('<Stride>: unknown prop "strde"');
  } finally {
    rmSync(file, { force: true });
  }
});
});

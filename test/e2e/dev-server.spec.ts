// The README's first command, `npm run dev`: the dev server serves the pages, a widget computes with
// tfjs, and a notebook cell runs in the notebook's worker (tfjs + MNIST) without Vite reloading it away.
import { spawn, type ChildProcess } from 'node:child_process';
import { test, expect } from './fixtures';

const port = Number(process.env.E2E_DEV_PORT || 4321 + 79);
const root = `http://127.0.0.1:${port}/cnn-course/`;
let server: ChildProcess;

test.describe.configure({ mode: 'serial' });
test.setTimeout(180_000);

/** Starts `astro dev` on `port` and waits until it answers. */
async function startDev(port: number): Promise<ChildProcess> {
  const dev = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', 'dev', '--port', String(port), '--host', '127.0.0.1'], {
    stdio: 'ignore',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/cnn-course/`).then((r) => r.ok, () => false);
    if (ok) return dev;
    if (Date.now() > deadline) {
      dev.kill();
      throw new Error('astro dev did not answer within 120 s');
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

test.beforeAll(async () => {
  server = await startDev(port);
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
  // The page with the mistake answers 500 and carries the overlay; the error page asks for a file it lacks (404).
  test.use({ allowedConsoleErrors: [/^Failed to load resource: the server responded with a status of (404|500) /] });
test('an authoring mistake shows in the dev overlay with the file, the line, the component and the prop, not a stack trace', async ({ page }) => {
  const { writeFileSync, rmSync } = await import('node:fs');
  const file = 'content/lectures/97-dev-overlay-check.mdx';
  const body = ['---', 'number: 97', 'title: Overlay check', 'kind: lecture', 'summary: A page with a wrong prop.', '---', '', '## A widget', '', '<Stride strde={2} />', ''];
  writeFileSync(file, body.join('\n'));
  // A dev server of its own, started with the page there: a new file is seen only when the machine's
  // file watching keeps up (on CI it did not within a minute), which is not what this test is about.
  // (The other one stops first: two would share Vite's dependency cache.)
  server?.kill();
  let dev: ChildProcess | undefined;
  try {
    dev = await startDev(port + 1);
    await page.goto(`http://127.0.0.1:${port + 1}/cnn-course/lectures/97-dev-overlay-check/`);
    await expect(page.locator('vite-error-overlay')).toBeAttached({ timeout: 60_000 });
    const text = await page.locator('vite-error-overlay').evaluate((el) => el.shadowRoot?.textContent ?? '');
    expect(text).toContain('content/lectures/97-dev-overlay-check.mdx:10');
    expect(text).toContain('<Stride>: unknown prop "strde"');
  } finally {
    dev?.kill();
    rmSync(file, { force: true });
  }
});
});

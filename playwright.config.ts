import { defineConfig } from '@playwright/test';
import type { Engine } from './test/engines/engine-page';

const port = Number(process.env.E2E_PORT || 4400);
// E2E_OUT lets several people run the suite side by side without clobbering reports.
const out = process.env.E2E_OUT || '.';
// Debian's chromium; never a downloaded browser (these machines cannot fetch one).
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export default defineConfig<object, { engine: Engine }>({
  testDir: 'test/e2e',
  // A gross limit per test: pages with thousands of nodes and in-browser training on a busy 2-core machine.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: `${out}/artifacts/playwright.json` }]],
  outputDir: `${out}/test-results`,
  use: {
    baseURL: `http://127.0.0.1:${port}/cnn-course/`,
    browserName: 'chromium',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    },
    trace: 'retain-on-failure',
    // The built site registers a service worker that precaches the course and reloads a first visit once
    // to become cross-origin isolated; specs about it opt in with test.use({ serviceWorkers: 'allow' }).
    serviceWorkers: 'block',
  },
  // `chromium`: the whole browser suite (test/e2e). The core flows (test/engines) run once per engine,
  // each from Debian's package: `npx playwright test --project=firefox` runs one engine alone.
  projects: [
    { name: 'chromium', testDir: 'test/e2e' },
    { name: 'chromium-core', testDir: 'test/engines', use: { engine: 'chromium' } },
    { name: 'firefox', testDir: 'test/engines', use: { engine: 'firefox' } },
    { name: 'webkit', testDir: 'test/engines', use: { engine: 'webkit' } },
  ],
  webServer: {
    command: `node scripts/serve-dist.mjs ${port}`,
    url: `http://127.0.0.1:${port}/cnn-course/`,
    // Never a server that is already there: it may serve another checkout's dist (a test run that was killed).
    reuseExistingServer: false,
    timeout: 30_000,
  },
});

// Headless Chromium for bench-memory.mjs, with the browser's own process id (to measure its process
// tree): in an off-the-record context, or with a profile on disk as a student has.
import { readdirSync, readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

const launchArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** @typedef {{ context: import('@playwright/test').BrowserContext, rootPid: number, version: string, close: () => Promise<void> }} Launched */

/** @param {{ width: number, height: number }} viewport @returns {Promise<Launched>} */
export async function launchIncognito(viewport) {
  const server = await chromium.launchServer({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: launchArgs });
  const browser = await chromium.connect(server.wsEndpoint());
  const context = await browser.newContext({ serviceWorkers: 'block', viewport });
  return { context, rootPid: /** @type {number} */ (server.process().pid), version: browser.version(), close: async () => (await browser.close(), await server.close()) };
}

/** @param {string} profile @param {{ width: number, height: number }} viewport @returns {Promise<Launched>} */
export async function launchProfile(profile, viewport) {
  const context = await chromium.launchPersistentContext(profile, { executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: launchArgs, serviceWorkers: 'block', viewport });
  // The browser's own process: the one started with this profile whose parent was not.
  const procs = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).flatMap((pid) => {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      return cmd.includes(`--user-data-dir=${profile}`) && !cmd.includes('--type=') ? [Number(pid)] : [];
    } catch {
      return [];
    }
  });
  if (procs.length !== 1) throw new Error(`memory: expected one browser process for ${profile}, found ${procs.length}`);
  const version = await context.newPage().then(async (p) => {
    const v = await p.evaluate(() => navigator.userAgent.match(/Chrome\/([\d.]+)/)?.[1] ?? '?');
    await p.close();
    return v;
  });
  return { context, rootPid: procs[0], version, close: () => context.close() };
}

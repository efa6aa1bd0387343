// The browsers the bench measures in: the core flows' engines (test/engines/drivers), each with one
// tab on the site, the root of its process tree (for CPU time) and its version.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { openChromium } from '../test/engines/drivers/chromium.ts';
import { FIREFOX_PATH, launchFirefox, openFirefox } from '../test/engines/drivers/firefox.ts';
import { MINIBROWSER, WEBKIT_DRIVER, openWebKit, startWebKitDriver } from '../test/engines/drivers/webkit.ts';
import { processTree } from './proc-tree.mjs';

export const ENGINES = ['chromium', 'firefox', 'webkit'];
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Why `engine` cannot run here (a browser or driver that is not installed), or null. */
export function missing(engine) {
  const need = { chromium: [chromiumPath], firefox: [FIREFOX_PATH], webkit: [WEBKIT_DRIVER, MINIBROWSER] }[engine];
  const absent = need.filter((bin) => !existsSync(bin));
  return absent.length ? `${absent.join(' and ')} not installed` : null;
}

/**
 * One engine's browser with one tab on `siteUrl`; `gpu`: Chromium flags that let headless Chromium
 * use a real GPU for WebGL/WebGPU where the machine has one.
 * @returns {Promise<{ page: import('../test/engines/engine-page.ts').EnginePage, pid: number | undefined, version: string, close(): Promise<void> }>}
 */
export async function launch(engine, siteUrl, gpu) {
  if (engine === 'chromium') {
    const gpuFlags = gpu ? ['--ignore-gpu-blocklist', '--enable-gpu', '--use-angle=vulkan', '--enable-features=Vulkan,VulkanFromANGLE,DefaultANGLEVulkan'] : [];
    const browserServer = await chromium.launchServer({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-quic', '--no-first-run', '--enable-unsafe-webgpu', '--disable-background-timer-throttling', ...gpuFlags],
    });
    const browser = await chromium.connect(browserServer.wsEndpoint());
    const page = await openChromium(browser, siteUrl);
    return {
      page, pid: browserServer.process().pid, version: `chromium ${browser.version()}`,
      async close() { await page.close(); await browser.close(); await browserServer.close(); },
    };
  }
  if (engine === 'firefox') {
    const browser = await launchFirefox();
    const page = await openFirefox(browser, siteUrl);
    return {
      page, pid: browser.process()?.pid, version: (await browser.version()).replace('/', ' '),
      async close() { await page.close(); await browser.close(); },
    };
  }
  const driver = await startWebKitDriver();
  const page = await openWebKit(driver, siteUrl);
  return {
    page, pid: driver.pid, version: 'webkit',
    async close() { await page.close(); await driver.stop(); },
  };
}

/**
 * CPU seconds used so far by the browser (the process `rootPid`) and all its child processes (from
 * /proc). The machine is shared, so besides wall-clock images/s we report images per CPU-second,
 * which load barely moves.
 */
export function browserCpuSeconds(rootPid) {
  if (!rootPid) return NaN;
  return processTree(rootPid).reduce((sum, p) => sum + p.cpuSeconds, 0);
}

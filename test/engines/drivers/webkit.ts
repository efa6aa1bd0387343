// WebKit through WebKitGTK's own WebDriver (WebKitWebDriver, Debian's webkit2gtk-driver), which
// drives its MiniBrowser, Safari's engine family, over WebDriver classic. selenium-webdriver talks
// to that driver by URL (`usingServer`), so Selenium Manager never runs and nothing is downloaded.
// MiniBrowser needs a display: each worker starts its own Xvfb. Each page is a new session, so a
// new ephemeral profile (no service worker, cache or storage left from the test before).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { Builder, Key, type WebDriver } from 'selenium-webdriver';
import { Command, Name } from 'selenium-webdriver/lib/command.js';
import type { EnginePage } from '../engine-page.ts';
import { chord, pasteText, reachable, untilReachable } from './shared.ts';

export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER || '/usr/bin/WebKitWebDriver';
/** Where Debian's libwebkit2gtk-4.1-0 puts MiniBrowser (`dpkg -L libwebkit2gtk-4.1-0`). */
export const MINIBROWSER = process.env.MINIBROWSER_PATH || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

export interface WebKitDriver {
  url: string;
  /** WebKitWebDriver's process id: MiniBrowser and its web processes run under it (the bench adds up their CPU time). */
  pid: number | undefined;
  /** What MiniBrowser printed of its console (lines), for the page's errors. */
  console: string[];
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
    s.on('error', fail);
  });
}

/** Starts Xvfb on a free display; resolves with its number once it accepts clients. */
function startXvfb(): Promise<{ display: string; proc: ChildProcess }> {
  return new Promise((ok, fail) => {
    // -displayfd: Xvfb picks a free display and writes its number on fd 3 once it is ready.
    const proc = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
    proc.on('error', (e) => fail(new Error(`webkit: cannot start Xvfb (apt-get install xvfb): ${e.message}`)));
    (proc.stdio[3] as NodeJS.ReadableStream).once('data', (d) => ok({ display: `:${String(d).trim()}`, proc }));
  });
}

export async function startWebKitDriver(): Promise<WebKitDriver> {
  for (const bin of [WEBKIT_DRIVER, MINIBROWSER])
    if (!existsSync(bin)) throw new Error(`webkit: ${bin} is missing: apt-get install webkit2gtk-driver (see .ci/run)`);
  const xvfb = process.env.DISPLAY ? null : await startXvfb();
  const port = await freePort();
  const console: string[] = [];
  const driver = spawn(WEBKIT_DRIVER, [`--port=${port}`], {
    env: { ...process.env, ...(xvfb ? { DISPLAY: xvfb.display } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // MiniBrowser inherits the driver's output; with write-console-messages-to-stdout its console is there.
  for (const stream of [driver.stdout!, driver.stderr!])
    stream.on('data', (d) => console.push(...String(d).split('\n').filter(Boolean)));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const up = await fetch(`${url}/status`).then((r) => r.ok, () => false);
    if (up) break;
    if (i > 100 || driver.exitCode !== null) throw new Error(`webkit: WebKitWebDriver did not start: ${console.join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: driver.pid,
    console,
    async stop() {
      driver.kill();
      xvfb?.proc.kill();
    },
  };
}

const KEYS: Record<string, string> = {
  Control: Key.CONTROL, Shift: Key.SHIFT, Alt: Key.ALT, Meta: Key.META, Enter: Key.ENTER, Escape: Key.ESCAPE,
  Tab: Key.TAB, Backspace: Key.BACK_SPACE, Delete: Key.DELETE, ArrowDown: Key.ARROW_DOWN, ArrowUp: Key.ARROW_UP,
  ArrowLeft: Key.ARROW_LEFT, ArrowRight: Key.ARROW_RIGHT, Home: Key.HOME, End: Key.END,
};

/** Lines MiniBrowser printed for console.error and uncaught exceptions. */
const ERROR_LINE = /CONSOLE [A-Z ]*ERROR/;

export async function openWebKit(driver: WebKitDriver, base: string): Promise<EnginePage> {
  const d: WebDriver = await new Builder()
    .usingServer(driver.url)
    .withCapabilities({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation', '--enable-write-console-messages-to-stdout=true'] },
    })
    .build();
  await d.manage().setTimeouts({ script: 20_000, pageLoad: 90_000 });
  const from = driver.console.length;
  const errors: string[] = [];
  const collect = () => {
    const seen = driver.console.slice(from).filter((l) => ERROR_LINE.test(l));
    errors.splice(0, errors.length, ...seen);
  };
  const url = (path: string) => new URL(path, base).href;
  const element = async (selector: string) => {
    await untilReachable('webkit', selector, () => d.executeScript(reachable, selector));
    return d.findElement({ css: selector });
  };
  const page: EnginePage = {
    engine: 'webkit',
    base,
    get errors() {
      collect();
      return errors;
    },
    async goto(path) {
      await d.get(url(path));
    },
    async reload() {
      await d.navigate().refresh();
    },
    // W3C Execute Script awaits a returned promise; selenium sends the function as text.
    evaluate: (fn, arg) => d.executeScript(`return (${fn.toString()})(arguments[0]);`, arg) as never,
    async click(selector) {
      await (await element(selector)).click();
    },
    async tap(selector) {
      const el = await element(selector);
      // W3C actions with a touch pointer (selenium's typings lack the builder for it).
      const finger = { type: 'pointer', id: 'finger', parameters: { pointerType: 'touch' }, actions: [
        { type: 'pointerMove', origin: el, x: 0, y: 0, duration: 0 }, { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 },
      ] };
      await d.execute(new Command(Name.ACTIONS).setParameter('actions', [finger]));
    },
    async press(key) {
      const keys = chord(key).map((k) => KEYS[k] ?? k);
      let a = d.actions({ async: true });
      for (const k of keys.slice(0, -1)) a = a.keyDown(k);
      a = a.sendKeys(keys[keys.length - 1]);
      for (const k of keys.slice(0, -1).reverse()) a = a.keyUp(k);
      await a.perform();
    },
    async type(text) {
      await d.actions({ async: true }).sendKeys(text).perform();
    },
    async insertText(text) {
      await d.executeScript(pasteText, text);
    },
    async setViewport(width, height) {
      // The window's outer size: the page gets what is left of it (MiniBrowser under Xvfb has no frame).
      await d.manage().window().setRect({ width, height });
    },
    async screenshot(file) {
      const { writeFile } = await import('node:fs/promises');
      await writeFile(file, await d.takeScreenshot(), 'base64');
    },
    async close() {
      await d.quit().catch(() => undefined);
    },
  };
  return page;
}

// Driving the workshop's notebook in any engine, as a student does: edit a cell, run cells, wait.
import { expect } from './fixtures';
import { textOf, waitFor, type EnginePage } from './engine-page';

export const WORKSHOP = 'workshops/10-lenet5/';
export const cellSel = (id: string) => `[data-cell="${id}"]`;

/** Replaces a cell's code through its editor: Edit, select all, then the new code as one paste. */
export async function setCode(tab: EnginePage, id: string, code: string): Promise<void> {
  const c = cellSel(id);
  await tab.click(`${c} .nb-edit`);
  await waitFor(tab, `${id}'s editor`, (s) => !!document.querySelector(`${s} .cm-content`), c);
  await tab.click(`${c} .cm-content`);
  await tab.press('Control+a');
  await tab.insertText(code);
  const now = await tab.evaluate((s) => document.querySelector<HTMLElement>(`${s} .cm-content`)!.innerText, c);
  expect(now.replace(/\s+/g, ''), `${tab.engine}: the code in ${id}'s editor`).toBe(code.replace(/\s+/g, ''));
}

/** The notebook's epochs shortened to `scale` of the data (the loaders cell's documented epochScale). */
export async function shortEpochs(tab: EnginePage, scale: number): Promise<void> {
  const src = await tab.evaluate((s) => document.querySelector(`${s} pre`)!.textContent!, cellSel('loaders'));
  expect(src).toContain('const epochScale = 1;');
  await setCode(tab, 'loaders', src.replace('const epochScale = 1;', `const epochScale = ${scale};`).replace(/\n$/, ''));
}

export const status = (tab: EnginePage) => textOf(tab, '[data-nb-status]');

/** Waits until the notebook's bar says idle; fails at once on an error in a cell. */
export async function waitIdle(tab: EnginePage, timeout: number): Promise<void> {
  const s = await waitFor(tab, 'the notebook to finish', () => {
    const t = document.querySelector('[data-nb-status]')?.textContent ?? '';
    return t === 'idle' || /^Error/.test(t) ? t : '';
  }, undefined, timeout).catch(async (e: Error) => {
    // Say where it stood: the bar, and the running cell's output.
    const where = await tab.evaluate(() => {
      const running = document.querySelector<HTMLElement>('nb-cell.nb-is-running');
      return `${document.querySelector('[data-nb-status]')?.textContent}; ${running?.dataset.cell}: ${running?.querySelector<HTMLElement>('.nb-output')?.innerText.slice(-300)}`;
    }).catch(() => '');
    throw new Error(`${e.message}; the notebook: ${where}`);
  });
  expect(s, `${tab.engine}: the notebook's status`).toBe('idle');
}

/** Clicks each cell's Run in turn (they queue) and waits until the last has run. */
export async function runCells(tab: EnginePage, ids: string[], timeout: number): Promise<void> {
  for (const id of ids) {
    await tab.click(`${cellSel(id)} .nb-run`);
    await waitFor(tab, `${id} to be queued or run`, (s) => document.querySelector(`${s} .nb-count`)!.textContent !== '[ ]', cellSel(id));
  }
  await waitIdle(tab, timeout);
}

/** Marks the first button under `scope` whose text is `text`, so the driver can click it by selector. */
export async function buttonNamed(tab: EnginePage, scope: string, text: string): Promise<string> {
  const found = await tab.evaluate(([s, t]) => {
    const b = [...document.querySelectorAll<HTMLButtonElement>(`${s} button`)].find((x) => x.textContent?.trim() === t && x.offsetParent);
    b?.setAttribute('data-test-target', t);
    return !!b;
  }, [scope, text] as const);
  expect(found, `${tab.engine}: a "${text}" button in ${scope}`).toBe(true);
  return `${scope} button[data-test-target="${text}"]`;
}

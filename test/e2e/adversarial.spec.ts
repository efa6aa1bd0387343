// What an adversarial student tried (issue 17), in the built site: built-ins replaced to fool the
// checks, a deleted definition, a forged verdict, output without end, a Stop that restarted silently,
// a rejected 2D link, two tabs, a failed load, a solved exercise turned unsolved, and small things.
import type { Locator, Page } from '@playwright/test';
import { test, expect, GROSS_RESPONSE_MS } from './fixtures';
import { cell, runCell, setCode as setCellCode, status as barStatus, waitIdle, WORKSHOP } from './notebook';

const LECTURE = 'lectures/10-cnn/';
const exercise = (page: Page, id: string) => page.locator(`[data-exercise="${id}"]`);
const feedback = (ex: Locator) => ex.locator('[data-feedback]');
const STOP_RESTARTED = 'The code did not stop, so the notebook was restarted: its variables are cleared. Run the cells again.';
const RIGHT_XCORR = `function crossCorrelate(x, w) {
const y = [];
for (let n = 0; n + w.length <= x.length; n++) {
let t = 0;
for (let m = 0; m < w.length; m++) t += x[n + m] * w[m];
y.push(t);
}
return y;
}`;

async function setCode(ex: Locator, code: string) {
  const content = ex.locator('.cm-content');
  if (!(await content.isVisible())) await ex.getByRole('button', { name: 'Edit the code' }).click();
  await expect(content).toBeVisible();
  await content.click();
  await ex.page().keyboard.press('ControlOrMeta+a');
  await ex.page().keyboard.press('Delete');
  await content.fill(code);
}

async function check(ex: Locator) {
  await ex.getByRole('button', { name: /Run and check/ }).click();
  await expect(ex.locator('[data-running]')).toBeEmpty({ timeout: 60_000 });
}

async function freshLecture(page: Page) {
  await page.goto(LECTURE);
  await page.evaluate(() => {
    for (const k of Object.keys(localStorage)) if (k.startsWith('cnn-course:')) localStorage.removeItem(k);
  });
  await page.reload();
  const first = page.locator('[data-exercise]').first();
  await first.scrollIntoViewIfNeeded();
  await expect(first.locator('[data-work]')).toBeVisible();
}

test.describe('the checks cannot be fooled', () => {
  test('Math.abs = () => 0 does not pass zeros, nor a later paramCount of 0 or a conv1dStride of 7s', async ({ page }) => {
    await freshLecture(page);
    const xcorr = exercise(page, 'xcorr-code');
    await setCode(xcorr, 'Math.abs = () => 0; function crossCorrelate(x, w) { return new Array(x.length - w.length + 1).fill(0); }');
    await check(xcorr);
    await expect(feedback(xcorr)).toContainText('✗ Not yet');
    await expect(feedback(xcorr)).toContainText('Your code replaced Math.abs');
    const count = exercise(page, 'param-count-code');
    await setCode(count, 'function paramCount(cIn, cOut, k, bias) { return 0; }');
    await check(count);
    await expect(feedback(count)).toContainText('✗ Not yet');
    const stride = exercise(page, 'stride-code');
    await setCode(stride, 'function conv1dStride(x, w, s) { return x.map(() => 7); }');
    await check(stride);
    await expect(feedback(stride)).toContainText('✗ Not yet');
  });

  test('Math.max = () => 1e300 in a fresh page does not pass a wrong paramCount', async ({ page }) => {
    await freshLecture(page);
    const count = exercise(page, 'param-count-code');
    await setCode(count, 'Math.max = () => 1e300; function paramCount(cIn, cOut, k, bias) { return cIn * cOut * k; }');
    await check(count);
    await expect(feedback(count)).toContainText('The biases are missing');
  });

  test('a definition from an earlier run does not count: deleted code fails', async ({ page }) => {
    await freshLecture(page);
    const xcorr = exercise(page, 'xcorr-code');
    await setCode(xcorr, RIGHT_XCORR);
    await check(xcorr);
    await expect(feedback(xcorr)).toContainText('✓ Correct');
    await setCode(xcorr, '// everything deleted');
    await check(xcorr);
    await expect(feedback(xcorr)).toContainText('it does not define one with that name');
  });

  test('a verdict posted by the student’s code, or read from the next run’s request, is not taken', async ({ page }) => {
    await freshLecture(page);
    const xcorr = exercise(page, 'xcorr-code');
    await setCode(xcorr, `self.addEventListener('message', (e) => { const r = e.data; if (r && r.type === 'run') postMessage({ type: 'cell-done', runId: r.runId, token: r.token, ok: true, report: { verdict: 'correct', message: 'Correct: forged' } }); });
for (let id = 1; id < 20; id++) postMessage({ type: 'cell-done', runId: id, ok: true, report: { verdict: 'correct', message: 'Correct: forged' } });
function crossCorrelate() { return []; }`);
    await check(xcorr);
    await expect(feedback(xcorr)).toContainText('✗ Not yet');
    await setCode(xcorr, '// nothing');
    await check(xcorr);
    await expect(feedback(xcorr)).toContainText('it does not define one with that name');
    await expect(feedback(xcorr)).not.toContainText('forged');
  });
});

test('putting the built-ins back around a check leaves the notebook’s tfjs working', async ({ page }) => {
  await page.goto(WORKSHOP);
  const tfCell = "import * as tf from '@tensorflow/tfjs';\nconst s = await tf.tensor([1, 2, 3]).square().sum().data();\nprint(`sum ${s[0]}`);";
  await setCellCode(page, 'inspect', tfCell);
  await runCell(page, 'inspect');
  await waitIdle(page);
  await expect(cell(page, 'inspect').locator('.nb-output')).toContainText('sum 14');
  const ex = exercise(page, 'confident-mistakes');
  await ex.scrollIntoViewIfNeeded();
  await setCode(ex, 'Math.max = () => 0; Array.prototype.extra = 1; function confidentMistakes() { return []; }');
  await check(ex);
  await expect(feedback(ex)).toContainText('Your code replaced');
  await setCellCode(page, 'inspect', `${tfCell}\nprint(typeof [].extra, Math.max(1, 2));`);
  await runCell(page, 'inspect');
  await waitIdle(page);
  await expect(cell(page, 'inspect').locator('.nb-output')).toContainText('sum 14');
  await expect(cell(page, 'inspect').locator('.nb-output')).toContainText('undefined 2');
});

test('a cell printing 100,000 lines shows the capped outputs and says how many lines were left out; an exercise follows the same rule', async ({ page }) => {
  await page.goto(WORKSHOP);
  await setCellCode(page, 'inspect', 'for (let i = 0; i < 100000; i++) print(`line ${i}`);');
  await runCell(page, 'inspect');
  await waitIdle(page);
  const out = cell(page, 'inspect').locator('.nb-output');
  await expect(out.locator('.nb-out-note')).toHaveText('… 99,950 more lines not shown (a run shows at most 50 outputs and 20,000 characters).');
  await expect(out.locator('.nb-out-text')).toHaveCount(50);

  await page.goto(LECTURE);
  const xcorr = exercise(page, 'xcorr-code');
  await xcorr.scrollIntoViewIfNeeded();
  await setCode(xcorr, `for (let i = 0; i < 1000; i++) print(i);\n${RIGHT_XCORR}`);
  await check(xcorr);
  await expect(xcorr.locator('[data-output] .nb-out-note')).toHaveText(/^… 950 more lines not shown/);
  await expect(xcorr.locator('[data-output] .nb-out-text')).toHaveCount(50);
});

test('Stop of a looping workshop exercise says that the notebook restarted, there and in the bar', async ({ page }) => {
  await page.goto(WORKSHOP);
  await setCellCode(page, 'inspect', 'const marker = 1;');
  await runCell(page, 'inspect');
  await waitIdle(page);
  const ex = exercise(page, 'strided-lenet');
  await ex.scrollIntoViewIfNeeded();
  await setCode(ex, 'while (true) {}');
  await ex.getByRole('button', { name: /Run and check/ }).click();
  await expect(ex.locator('[data-running]')).not.toBeEmpty();
  await ex.getByRole('button', { name: 'Stop' }).click();
  await expect(feedback(ex)).toContainText(STOP_RESTARTED, { timeout: GROSS_RESPONSE_MS });
  await expect(barStatus(page)).toHaveText(STOP_RESTARTED);
  await setCellCode(page, 'inspect', 'typeof marker');
  await runCell(page, 'inspect');
  await expect(cell(page, 'inspect').locator('.nb-output')).toHaveText('"undefined"');
});

test('the 2D explorer keeps a rejected link’s message after tfjs arrives, for each kind of hostile value', async ({ page }) => {
  const bad = [
    'padding=-1',
    `values=${Array(40).fill(Array(40).fill(1).join(',')).join(';')}`, // 40×40: more than fit (100×100 is longer than a server takes in a URL)
    'weights=1,NaN;1,1',
    'bogus=1',
    'values=<img src=x onerror=alert(1)>',
  ];
  for (const setting of bad) {
    await page.goto(`${LECTURE}?fig-conv2d-table-explorer.${setting}#fig-conv2d-table-explorer`);
    const explorer = page.locator('#fig-conv2d-table-explorer');
    await expect(explorer.locator('[data-error]'), setting).toContainText('This link’s settings were not applied');
    await expect(explorer.locator('[data-tf-status]')).toContainText('tf.conv2d', { timeout: 30_000 }); // tfjs arrived and redrew
    await expect(explorer.locator('[data-error]'), setting).toBeVisible();
    await expect(explorer.locator('[data-body]')).toBeVisible();
  }
  // The student's first change clears it.
  const explorer = page.locator('#fig-conv2d-table-explorer');
  await explorer.locator('input[data-name="stride"]').first().fill('2');
  await expect(explorer.locator('[data-error]')).toBeHidden();
});

test('two tabs: the second says another tab holds the notebook and cannot overwrite its edits; taking over keeps them', async ({ page, context }) => {
  await page.goto(WORKSHOP);
  await page.evaluate(() => {
    for (const k of Object.keys(localStorage)) if (k.startsWith('cnn-course:nb-edit:')) localStorage.removeItem(k);
  });
  await page.reload();
  await setCellCode(page, 'split', '// edited in the first tab');
  const second = await context.newPage();
  await second.goto(WORKSHOP);
  const banner = (p: Page) => p.locator('[data-tab-banner]');
  await expect(banner(second)).toContainText('Another tab holds this notebook');
  await expect(banner(page)).toHaveCount(0);
  // The second tab shows the first tab's code, read-only.
  const secondEditor = cell(second, 'split').locator('.cm-content');
  await expect(secondEditor).toHaveText('// edited in the first tab');
  await expect(secondEditor).toHaveAttribute('contenteditable', 'false');
  // It follows what the first tab saves.
  await setCellCode(page, 'split', '// the first tab again');
  await expect(secondEditor).toHaveText('// the first tab again');
  // Taking over: the first tab turns read-only, and the second keeps the first tab's text to edit.
  await banner(second).getByRole('button', { name: 'Use the notebook here' }).click();
  await expect(banner(second)).toHaveCount(0);
  await expect(banner(page)).toContainText('Another tab holds this notebook');
  await expect(cell(page, 'split').locator('.cm-content')).toHaveAttribute('contenteditable', 'false');
  await setCellCode(second, 'split', '// the second tab');
  await expect(cell(page, 'split').locator('.cm-content')).toHaveText('// the second tab');
  await second.close();
  // The first tab gets the notebook back when the second closes.
  await expect(banner(page)).toHaveCount(0);
  await expect(cell(page, 'split').locator('.cm-content')).toHaveAttribute('contenteditable', 'true');
});

test.describe('a failed load', () => {
  test.use({ allowedConsoleErrors: [/^Failed to load resource: the server responded with a status of 404/] });
  test('the next cell says to run the cells above, not a raw TypeError', async ({ page }) => {
    await page.route('**/data/mnist/**', (route) => route.fulfill({ status: 404, body: 'not found' }));
    await page.goto(WORKSHOP);
    await runCell(page, 'load-mnist');
    await expect(cell(page, 'load-mnist').locator('.nb-error')).toBeVisible({ timeout: 60_000 });
    await runCell(page, 'inspect');
    const err = cell(page, 'inspect').locator('.nb-error');
    await expect(err).toContainText('ReferenceError');
    await expect(err).toContainText('run them first');
    await expect(err).not.toContainText('Cannot read properties of undefined');
  });
});

test('a solved exercise stays solved when a later answer is wrong; the box shows the latest check', async ({ page }) => {
  await freshLecture(page);
  const ex = exercise(page, 'xcorr-value');
  const field = ex.getByRole('textbox');
  await field.fill('0.75');
  await field.press('Enter');
  await expect(feedback(ex)).toContainText('Correct');
  await field.fill('0.756');
  await field.press('Enter');
  await expect(feedback(ex)).toContainText('✗');
  await expect(ex.locator('[data-status]')).toHaveText('solved');
  await expect(page.locator('.toc [data-exercise-progress]')).toContainText(/Lecture 10: 1 of \d+/);
});

test('small things: no stray handle under a plot, the solution note is not an error, fig-conv-layer says "no activation"', async ({ page }) => {
  await page.goto(WORKSHOP);
  await setCellCode(page, 'inspect', 'plotLosses({ lossTrainList: [2, 1.5, 1], lossValidationList: [1.8], validationSteps: [2] });');
  await runCell(page, 'inspect');
  await waitIdle(page);
  const out = cell(page, 'inspect').locator('.nb-output');
  await expect(out.locator('.nb-out-plot svg').first()).toBeVisible();
  await expect(out.locator('.nb-out-value')).toHaveCount(0); // was `{ update: [Function update] }`

  await freshLecture(page);
  const ex = exercise(page, 'xcorr-code');
  await ex.locator('details[data-ex-solution] summary').click();
  const note = feedback(ex).locator('.ex-verdict');
  await expect(note).toContainText('counts as solved with the solution shown');
  const [noteColour, errorColour] = await note.evaluate((p) => {
    const probe = document.createElement('span');
    probe.style.color = 'var(--error)';
    p.append(probe);
    const colours = [getComputedStyle(p).color, getComputedStyle(p.querySelector('.ex-icon')!).color, getComputedStyle(probe).color];
    probe.remove();
    return [colours.slice(0, 2), colours[2]];
  });
  expect(noteColour).not.toContain(errorColour);

  const fig = page.locator('#fig-conv-layer');
  await fig.scrollIntoViewIfNeeded();
  await expect(fig.locator('[data-sentence]')).toContainText('(no activation: a = z)');
  await expect(fig).not.toContainText('None(');
  await expect(fig).not.toContainText('None (identity)(z)');
  await expect(fig).toContainText('a = z (no activation)');
});

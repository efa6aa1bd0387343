// Exercises that check themselves (issue 11): a number answered wrong then right, a code exercise that
// fails with the differing hidden input shown and then passes, an exception with the student's line,
// hints one at a time and the solution, progress after a reload and its reset, choices, keyboard use,
// axe in both themes, and touch targets at 375 px.
import type { Locator, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, GROSS_RESPONSE_MS } from './fixtures';

const LECTURE = 'lectures/10-cnn/';
const exercise = (page: Page, id: string) => page.locator(`[data-exercise="${id}"]`);
const feedback = (ex: Locator) => ex.locator('[data-feedback]');
const status = (ex: Locator) => ex.locator('[data-status]');
const tocProgress = (page: Page) => page.locator('.toc [data-exercise-progress]');

/** Replaces an exercise's code through its editor, opened as a student does (Edit the code). */
async function setCode(ex: Locator, code: string) {
  const content = ex.locator('.cm-content');
  if (!(await content.isVisible())) await ex.getByRole('button', { name: 'Edit the code' }).click();
  await expect(content).toBeVisible();
  await content.click();
  await ex.page().keyboard.press('ControlOrMeta+a');
  await ex.page().keyboard.press('Delete');
  await content.fill(code);
  await expect(content).toHaveText(code.split('\n').join(''));
}

/** The exercises' code loads when they come near the screen, as a student scrolls to them. */
async function showExercises(page: Page) {
  const first = page.locator('[data-exercise]').first();
  await first.scrollIntoViewIfNeeded();
  await expect(first.locator('[data-work]')).toBeVisible();
}

async function runCheck(ex: Locator) {
  await ex.getByRole('button', { name: /Run and check/ }).click();
  await expect(ex.locator('[data-running]')).toBeEmpty({ timeout: 60_000 });
}

test.beforeEach(async ({ page }) => {
  await page.goto(LECTURE);
  await page.evaluate(() => {
    for (const k of Object.keys(localStorage)) if (k.startsWith('cnn-course:exercises:') || k.startsWith('cnn-course:nb-edit:')) localStorage.removeItem(k);
  });
  await page.reload();
  await showExercises(page);
  await expect(exercise(page, 'xcorr-value').locator('[data-work]')).toBeVisible();
});

test('every exercise is in the static HTML with its id, prompt and math; the page counts them', async ({ page, request }) => {
  const html = await (await request.get(LECTURE)).text();
  const ids = [...html.matchAll(/data-exercise="([^"]+)"/g)].map((m) => m[1]);
  expect(ids.length).toBeGreaterThanOrEqual(18);
  expect(ids).toContain('dilation-code');
  expect(html).toContain('Write conv1d with stride and dilation');
  const ex = exercise(page, 'xcorr-value');
  await expect(ex.locator('.katex').first()).toBeVisible();
  await expect(tocProgress(page)).toContainText(`Lecture 10: 0 of ${ids.length}`);
});

test('a number answered wrong then right: the feedback says what is off, the status and count follow', async ({ page }) => {
  const ex = exercise(page, 'dilation-length');
  await expect(status(ex)).toHaveText('not tried');
  const field = ex.getByRole('textbox');
  await field.fill('0x10');
  await ex.getByRole('button', { name: 'Check' }).click();
  await expect(feedback(ex)).toContainText('is not a number');
  await expect(status(ex)).toHaveText('not tried'); // unreadable input is not a try

  await field.fill('7');
  await field.press('Enter');
  await expect(feedback(ex)).toContainText('Not 7: this is the length without dilation: the kernel spans d(k−1)+1 = 7 samples');
  await expect(status(ex)).toHaveText('not solved yet');
  await expect(field).toHaveAttribute('aria-invalid', 'true');

  await field.fill('3');
  await field.press('Enter');
  await expect(feedback(ex)).toContainText('Correct');
  await expect(status(ex)).toHaveText('solved');
  await expect(field).not.toHaveAttribute('aria-invalid');
  await expect(tocProgress(page)).toContainText(/Lecture 10: 1 of \d+/);
  await ex.screenshot({ path: 'test-results/exercise-number-correct.png' });
});

test('a code exercise fails showing the hidden input, expected and got, then passes; an exception shows its line', async ({ page }) => {
  test.setTimeout(120_000);
  const ex = exercise(page, 'dilation-code');
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.waitForTimeout(500);
  expect(workers.filter((u) => u.includes('notebook.worker'))).toEqual([]); // nothing loads before the first Run
  // The starter code runs and fails: the runtime loads on this first Run.
  await runCheck(ex);
  expect(workers.filter((u) => u.includes('notebook.worker'))).toHaveLength(1);
  await expect(feedback(ex)).toContainText('the result should have 3 values, got 0', { timeout: GROSS_RESPONSE_MS });

  await setCode(ex, `function conv1d(x, w, { stride = 1, dilation = 1 } = {}) {
const y = [];
for (let s = 0; s + w.length <= x.length; s += stride) {
let t = 0;
for (let m = 0; m < w.length; m++) t += x[s + m] * w[m];
y.push(t);
}
return y;
}`);
  await runCheck(ex);
  const fb = feedback(ex);
  await expect(fb).toContainText('The dilation is ignored');
  await expect(fb.locator('dt')).toHaveText(['Hidden input', 'Expected', 'Your function gave']);
  await expect(fb.locator('dd').nth(0)).toHaveText('x = [1, 3, 2, 0, -1, 2, 1], w = [0.5, -1, 0.25], stride = 1, dilation = 2');
  await expect(fb.locator('dd').nth(1)).toHaveText('[-1.75, 2, 2.25]');
  await expect(fb.locator('dd').nth(2)).toHaveText('[-2, -0.5, 0.75, 1.5, -2.25]');
  await expect(status(ex)).toHaveText('not solved yet');
  await ex.screenshot({ path: 'test-results/exercise-code-mismatch.png' });

  await setCode(ex, `function conv1d(x, w, { stride = 1, dilation = 1 } = {}) {
const y = [];
if (dilation > 1) throw new Error('not ready for dilation');
return y;
}`);
  await runCheck(ex);
  await expect(fb).toContainText('Your function threw an error on hidden input 1 of');
  await expect(fb).toContainText('Error: not ready for dilation');
  await expect(fb.locator('.ex-where')).toHaveText(/^at line 3(, column \d+)? of your code:$/);
  await expect(fb.locator('.ex-line')).toHaveText("3 | if (dilation > 1) throw new Error('not ready for dilation');");

  await setCode(ex, `function conv1d(x, w, { stride = 1, dilation = 1 } = {}) {
const span = dilation * (w.length - 1) + 1;
const y = [];
for (let s = 0; s + span <= x.length; s += stride) {
let t = 0;
for (let m = 0; m < w.length; m++) t += x[s + m * dilation] * w[m];
y.push(t);
}
print('checked');
return y;
}`);
  await runCheck(ex);
  await expect(fb).toContainText(/Correct: conv1d agrees with the course's math core on all \d+ hidden inputs/);
  await expect(status(ex)).toHaveText('solved');
  await expect(ex.locator('[data-output]')).toContainText('checked'); // print() shows below the code
});

test('a runaway function can be stopped, and the next run works', async ({ page }) => {
  test.setTimeout(120_000);
  const ex = exercise(page, 'param-count-code');
  // A print() in a loop shows its first outputs only (the notebook's output limit).
  await setCode(ex, 'for (let i = 0; i < 300; i++) print(i);\nfunction paramCount(cIn, cOut, k, bias) {\nreturn 0;\n}');
  await runCheck(ex);
  await expect(ex.locator('[data-output]')).toContainText('… 250 more lines not shown');
  await expect(ex.locator('[data-output] pre')).toHaveCount(50);
  await setCode(ex, 'function paramCount(cIn, cOut, k, bias) {\nwhile (true) {}\n}');
  await ex.getByRole('button', { name: /Run and check/ }).click();
  const stop = ex.getByRole('button', { name: 'Stop' });
  await expect(stop).toBeVisible();
  await stop.click();
  await expect(feedback(ex)).toContainText('Stopped. Your code was not checked. The code did not stop, so the notebook was restarted', { timeout: GROSS_RESPONSE_MS });
  await expect(status(ex)).toHaveText('not solved yet'); // a stopped run leaves the status of the last check
  await setCode(ex, 'function paramCount(cIn, cOut, k, bias) {\nreturn cIn * cOut * k + (bias ? cOut : 0);\n}');
  await runCheck(ex);
  await expect(feedback(ex)).toContainText('Correct');
});

test('hints open one at a time; the solution is recorded as solved with the solution shown', async ({ page }) => {
  const ex = exercise(page, 'stride-length');
  const hints = ex.locator('details[data-ex-hint]');
  await expect(hints).toHaveCount(2);
  await expect(hints.nth(0).locator('summary')).toHaveText('Hint 1 of 2');
  await expect(hints.nth(1)).toBeHidden();
  await hints.nth(0).locator('summary').click();
  await expect(hints.nth(0)).toContainText('windows, starting at');
  await expect(hints.nth(1)).toBeVisible();
  await hints.nth(1).locator('summary').click();
  await expect(hints.nth(1)).toContainText('as long as the whole window fits');

  await ex.locator('details[data-ex-solution] summary').click();
  await expect(ex.locator('details[data-ex-solution]')).toContainText('would run past the end');
  await expect(status(ex)).toHaveText('solved with the solution shown');
  await expect(feedback(ex)).toContainText('counts as solved with the solution shown');
  await expect(tocProgress(page)).toContainText(/Lecture 10: 1 of \d+ ?\(1 of them with the solution shown\)/);
});

test('progress survives a reload, shows on the home page, and resets with an undo', async ({ page }) => {
  const num = exercise(page, 'param-count');
  await num.getByRole('textbox').fill('256');
  await num.getByRole('button', { name: 'Check' }).click();
  const choice = exercise(page, 'odd-kernels');
  const option = (k: number) => choice.locator(`input[data-option="${[2, 3, 4, 5, 7].indexOf(k)}"]`);
  for (const k of [3, 5, 2]) await option(k).check();
  await choice.getByRole('button', { name: 'Check' }).click();
  await expect(feedback(choice)).toContainText('Option 1 is not right: n + 2p − 2 + 1 = n needs p = 1/2');
  await expect(feedback(choice)).toContainText('One more option is true');
  await exercise(page, 'same-padding').locator('details[data-ex-hint] summary').first().click();
  await exercise(page, 'pool-length').getByRole('textbox').fill('4'); // typed, not checked yet

  await page.reload();
  await showExercises(page);
  await expect(exercise(page, 'pool-length').getByRole('textbox')).toHaveValue('4');
  await expect(status(exercise(page, 'pool-length'))).toHaveText('not tried');
  await expect(status(num)).toHaveText('solved');
  await expect(num.getByRole('textbox')).toHaveValue('256');
  await expect(status(choice)).toHaveText('not solved yet');
  await expect(option(2)).toBeChecked();
  await expect(option(4)).not.toBeChecked();
  await expect(exercise(page, 'same-padding').locator('details[data-ex-hint]').first()).toHaveAttribute('open', '');
  const total = Number((await tocProgress(page).getAttribute('data-ids'))!.split(' ').length);
  await expect(tocProgress(page)).toContainText(`Lecture 10: 1 of ${total}`);

  await page.goto('./');
  await expect(page.locator('[data-exercise-progress][data-page="lectures/10-cnn/"]')).toContainText(`Lecture 10: 1 of ${total}`);
  await expect(page.locator('[data-exercise-progress][data-page="workshops/10-lenet5/"]')).toContainText('Workshop 10: 0 of 4');

  await page.goto(LECTURE);
  await showExercises(page);
  await page.getByRole('button', { name: 'Reset progress' }).click();
  await expect(tocProgress(page)).toContainText(`Lecture 10: 0 of ${total}`);
  await expect(status(num)).toHaveText('not tried');
  await expect(num.getByRole('textbox')).toHaveValue('');
  await expect(page.getByRole('button', { name: 'Undo reset' })).toBeFocused();
  await page.getByRole('button', { name: 'Undo reset' }).click();
  await expect(tocProgress(page)).toContainText(`Lecture 10: 1 of ${total}`);
  await expect(status(num)).toHaveText('solved');
});

test('keyboard only: answer a number with Enter, pick a choice with the arrows, edit and run code with Shift+Enter', async ({ page }) => {
  test.setTimeout(120_000);
  const ex = exercise(page, 'xcorr-value');
  await ex.getByRole('textbox').focus();
  await page.keyboard.type('0.75');
  await page.keyboard.press('Enter');
  await expect(feedback(ex)).toContainText('Correct');

  const choice = exercise(page, 'linear-stack');
  await choice.getByRole('radio').first().focus();
  await page.keyboard.press('ArrowDown'); // radio groups move with the arrows
  await expect(choice.getByRole('radio').nth(1)).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(choice.getByRole('button', { name: 'Check' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(feedback(choice)).toContainText('Correct');

  const code = exercise(page, 'param-count-code');
  await code.locator('.ex-body pre').first().focus();
  await page.keyboard.press('Enter');
  const content = code.locator('.cm-content');
  await expect(content).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('function paramCount(cIn, cOut, k, bias) {\nreturn cIn * cOut * k;\n}');
  await page.keyboard.press('Shift+Enter');
  await expect(feedback(code)).toContainText('The biases are missing', { timeout: 60_000 });
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds no serious violation in the exercises (${theme})`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.emulateMedia({ colorScheme: theme });
    await page.reload();
    await showExercises(page);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    const num = exercise(page, 'conv2d-table');
    await num.getByRole('textbox').first().fill('2');
    await num.getByRole('textbox').nth(1).fill('5');
    await num.getByRole('button', { name: 'Check' }).click();
    await exercise(page, 'pool-facts').getByRole('checkbox').first().check();
    await exercise(page, 'pool-facts').getByRole('button', { name: 'Check' }).click();
    await exercise(page, 'stride-length').locator('details[data-ex-hint] summary').first().click();
    await exercise(page, 'conv2d-table').locator('details[data-ex-solution] summary').click();
    await exercise(page, 'xcorr-code').locator('details[data-ex-solution] summary').click();
    await expect(exercise(page, 'xcorr-code').locator('details[data-ex-solution] pre')).toBeVisible();
    const code = exercise(page, 'xcorr-code');
    await runCheck(code);
    await expect(feedback(code)).toContainText('Not yet');
    await code.getByRole('button', { name: 'Edit the code' }).click();
    await expect(code.locator('.cm-content')).toBeVisible();
    const axe = await new AxeBuilder({ page }).include('ex-exercise').include('[data-exercise-progress]').analyze();
    const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`)).toEqual([]);
  });
}

test('at 375 px every control of the exercises is at least 24 px and nothing overflows', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.reload();
  await showExercises(page);
  const code = exercise(page, 'conv2d-code');
  await code.getByRole('button', { name: 'Edit the code' }).click();
  await expect(code.locator('.cm-content')).toBeVisible();
  const small = await page.evaluate(() => {
    const out: string[] = [];
    const targets = document.querySelectorAll<HTMLElement>('ex-exercise :is(button, input, summary), [data-exercise-progress] button');
    for (const t of targets) {
      const r = t.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue; // hidden
      if (r.width < 24 || r.height < 24) out.push(`${t.tagName} ${t.textContent?.trim().slice(0, 30) || t.getAttribute('type')}: ${r.width.toFixed(0)}×${r.height.toFixed(0)}`);
    }
    return out;
  });
  expect(small).toEqual([]);
  const overflow = await page.evaluate(() => [...document.querySelectorAll('ex-exercise')].filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.getAttribute('data-exercise')));
  expect(overflow).toEqual([]);
  await exercise(page, 'conv2d-table').screenshot({ path: 'test-results/exercise-375.png' });
});

test('the workshop exercises check the split sizes and the parameter counts', async ({ page }) => {
  await page.goto('workshops/10-lenet5/');
  await showExercises(page);
  const ex = exercise(page, 'lenet-params');
  const fields = ex.getByRole('textbox');
  const answers = ['156', '2,416', '48120', '10080', '850', '61706'];
  for (let i = 0; i < answers.length; i++) await fields.nth(i).fill(answers[i]);
  await ex.getByRole('button', { name: 'Check' }).click();
  await expect(feedback(ex)).toContainText('5 of 6 are right');
  await expect(ex.locator('[data-part-msg="3"]')).toHaveText('Not 10,080: those are the weights only: add one bias per output (84).');
  await fields.nth(3).fill('10164');
  await ex.getByRole('button', { name: 'Check' }).click();
  await expect(feedback(ex)).toContainText('Correct: all 6 are right.');
  await expect(page.locator('.toc [data-exercise-progress]')).toContainText('Workshop 10: 1 of 4');
});

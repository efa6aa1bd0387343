// Concepts 10 (2D convolution: the table of eight and the explorer) and 11 (LeNet-5 architecture)
// on the built site: sizes and numbers equal the math core's and the PyTorch reference.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { conv2d, convParamCount, outputSize } from '../../src/lib/conv';
import { CONV2D_TABLE } from '../../src/lib/concepts/conv2d-presets';
import { gridToText, parseGrid } from '../../src/lib/concepts/conv2d-text';
import { cellNumber, fmt } from '../../src/lib/concepts/format';
import { lenetLayers, shapeText } from '../../src/lib/concepts/lenet-architecture';

const LECTURE = 'lectures/10-cnn/';
const WORKSHOP = 'workshops/10-lenet5/';
const reference = JSON.parse(readFileSync('test/unit/fixtures/conv-reference.json', 'utf8'));
const ref2d = reference.cases.filter((c: { op: string }) => c.op === 'conv2d');

test.use({ reducedMotion: 'reduce' });

async function outputValues(grid: Locator): Promise<number[][]> {
  const cells = await grid.locator('rect[data-i]').evaluateAll((rects) =>
    rects.map((r) => [Number(r.getAttribute('data-i')), Number(r.getAttribute('data-j')), Number(r.getAttribute('data-value'))]),
  );
  const out: number[][] = [];
  for (const [i, j, v] of cells) (out[i] ??= [])[j] = v;
  return out;
}

async function openExplorer(page: Page): Promise<Locator> {
  await page.goto(LECTURE);
  const explorer = page.locator('#fig-conv2d-table-explorer');
  await explorer.scrollIntoViewIfNeeded();
  await expect(explorer).toHaveAttribute('data-source', 'tfjs'); // tfjs loaded lazily and used
  return explorer;
}

async function setNumber(explorer: Locator, name: string, axis: 0 | 1, value: number) {
  const input = explorer.locator(`input[data-name="${name}"][data-axis="${axis}"]`);
  await input.fill(String(value));
}

/** The explorer's output (from tfjs) against the math core run here on what the page shows. */
async function expectOutputMatchesCore(explorer: Locator, opts: { padding: [number, number]; stride: [number, number]; dilation: [number, number] }, bias: number) {
  const x = parseGrid(await explorer.locator('textarea[data-x]').inputValue(), 'input', 28);
  const w = parseGrid(await explorer.locator('textarea[data-w]').inputValue(), 'kernel', 7);
  if (!x.ok || !w.ok) throw new Error('the page shows an unreadable grid');
  const core = conv2d([x.grid], [[w.grid]], [bias], opts)[0];
  const shown = await outputValues(explorer.locator('[data-output]'));
  expect(shown.length).toBe(core.length);
  expect(shown[0].length).toBe(core[0].length);
  core.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(shown[i][j] - v)).toBeLessThan(1e-4)));
  const texts = await explorer.locator('[data-output] text[data-i]').allTextContents();
  expect(texts).toEqual(core.flat().map((v) => cellNumber(v)));
  return core;
}

test('the eight captioned configurations render with outputSize-sized grids', async ({ page }) => {
  await page.goto(LECTURE);
  const table = page.locator('#fig-conv2d-table');
  await expect(table.locator('conv2d-animation')).toHaveCount(8);
  for (const p of CONV2D_TABLE) {
    const fig = page.locator(`#fig-conv2d-table-${p.id}`);
    const caption = (await fig.locator('figcaption').innerText()).replace(/\s+/g, ' ');
    for (const line of p.caption) expect(caption).toContain(line);
    const s = p.settings;
    const rows = outputSize(s.input[0], s.kernel[0], { padding: s.padding[0], stride: s.stride[0], dilation: s.dilation[0] });
    const cols = outputSize(s.input[1], s.kernel[1], { padding: s.padding[1], stride: s.stride[1], dilation: s.dilation[1] });
    await expect(fig.locator('[data-output] rect[data-i]')).toHaveCount(rows * cols);
    await expect(fig.locator('[data-output] rect[data-i="' + (rows - 1) + '"][data-j="' + (cols - 1) + '"]')).toHaveCount(1);
    await expect(fig.locator('[data-input] rect.c2d-in')).toHaveCount(s.input[0] * s.input[1]);
    await expect(fig.locator('[data-scrub]')).toHaveAttribute('max', String(rows * cols - 1));
  }
  // The two identical seed captions are told apart by their input size.
  await expect(page.locator('#fig-conv2d-table-padding-strides figcaption')).toContainText('input=5×5');
  await expect(page.locator('#fig-conv2d-table-padding-strides-odd figcaption')).toContainText('input=6×6');
});

test('an animation steps, scrubs, and highlights the receptive field of a hovered output cell', async ({ page }) => {
  await page.goto(LECTURE);
  const fig = page.locator('#fig-conv2d-table-dilation');
  await fig.scrollIntoViewIfNeeded();
  await expect(fig.locator('[data-play]')).toHaveAttribute('aria-pressed', 'false'); // reduced motion: no autoplay
  await fig.locator('[data-next]').click();
  await expect(fig.locator('[data-live]')).toContainText('Step 2 of 9: output cell (0, 1)');
  await fig.locator('[data-scrub]').fill('8');
  await expect(fig.locator('[data-live]')).toContainText('Step 9 of 9: output cell (2, 2)');
  await fig.locator('[data-output] rect[data-i="1"][data-j="0"]').hover();
  await expect(fig.locator('[data-live]')).toContainText('output cell (1, 0)');
  // dilation 2: the nine taps of cell (1, 0) are input rows 1, 3, 5 × cols 0, 2, 4
  const lit = await fig.locator('[data-input] rect.c2d-rf').evaluateAll((rs) => rs.map((r) => `${r.getAttribute('data-r')},${r.getAttribute('data-c')}`));
  expect(lit.sort()).toEqual(['1,0', '1,2', '1,4', '3,0', '3,2', '3,4', '5,0', '5,2', '5,4']);
  await expect(fig.locator('[data-output] rect.c2d-current')).toHaveAttribute('data-i', '1');
});

test('animations autoplay without reduced motion', async ({ browser }) => {
  const page = await browser.newPage({ reducedMotion: 'no-preference' });
  await page.goto(LECTURE);
  const fig = page.locator('#fig-conv2d-table-no-padding-no-strides');
  await fig.scrollIntoViewIfNeeded();
  await expect(fig.locator('[data-play]')).toHaveAttribute('aria-pressed', 'true');
  await fig.locator('[data-play]').click();
  await expect(fig.locator('[data-play]')).toHaveAttribute('aria-pressed', 'false');
  await page.close();
});

test('changing hyper-parameters in the explorer shows the math core\'s numbers, computed by tfjs', async ({ page }) => {
  const explorer = await openExplorer(page);
  await setNumber(explorer, 'input', 0, 6); // linked: 6×6
  await expect(explorer.locator('input[data-name="input"][data-axis="1"]')).toHaveValue('6');
  await setNumber(explorer, 'padding', 0, 1);
  await setNumber(explorer, 'stride', 0, 2);
  await expect(explorer.locator('[data-formula]')).toContainText('H_out = ⌊(n + 2p − d·(k−1) − 1) / s⌋ + 1 = ⌊(6 + 2·1 − 1·(3−1) − 1) / 2⌋ + 1 = 3');
  await expect(explorer).toHaveAttribute('data-source', 'tfjs');
  await expect(explorer.locator('[data-tf-status]')).toContainText('tf.conv2d');
  await expectOutputMatchesCore(explorer, { padding: [1, 1], stride: [2, 2], dilation: [1, 1] }, 0);
  // rows and columns apart: unlink and give the columns their own dilation
  await explorer.locator('[data-link]').uncheck();
  await setNumber(explorer, 'dilation', 1, 2);
  await setNumber(explorer, 'kernel', 0, 2);
  await explorer.locator('input[data-bias]').fill('-1.5');
  await expect(explorer.locator('[data-output] rect[data-i]')).toHaveCount(
    outputSize(6, 2, { padding: 1, stride: 2 }) * outputSize(6, 3, { padding: 1, stride: 2, dilation: 2 }),
  );
  await expectOutputMatchesCore(explorer, { padding: [1, 1], stride: [2, 2], dilation: [1, 2] }, -1.5);
  // the tfjs call shown is for these settings
  await expect(explorer.locator('[data-call]')).toContainText("tf.stridedSlice(full, [0, 0, 0, 0], full.shape, [1, 2, 2, 1])");
  // a typed input grid sets the size and the output follows
  await explorer.locator('textarea[data-x]').fill('1 2 3\n4 5 6\n7 8 9\n1 0 1');
  await expect(explorer.locator('input[data-name="input"][data-axis="0"]')).toHaveValue('4');
  await expectOutputMatchesCore(explorer, { padding: [1, 1], stride: [2, 2], dilation: [1, 2] }, -1.5);
});

for (const index of [5, 7]) {
  test(`reference conv2d case ${index} set through the explorer's controls`, async ({ page }) => {
    const ref = ref2d[index];
    const explorer = await openExplorer(page);
    await explorer.locator('textarea[data-x]').fill(gridToText(ref.x[0]));
    await explorer.locator('textarea[data-w]').fill(gridToText(ref.w[0][0]));
    await explorer.locator('input[data-bias]').fill(String(ref.b[0]));
    await setNumber(explorer, 'padding', 0, ref.padding);
    await setNumber(explorer, 'stride', 0, ref.stride);
    await setNumber(explorer, 'dilation', 0, ref.dilation);
    const shown = await outputValues(explorer.locator('[data-output]'));
    expect(shown.length).toBe(ref.y[0].length);
    ref.y[0].forEach((row: number[], i: number) => row.forEach((v, j) => expect(Math.abs(shown[i][j] - v)).toBeLessThan(1e-4)));
  });
}

test('invalid settings show a clear message, never a broken drawing', async ({ page }) => {
  const explorer = await openExplorer(page);
  await setNumber(explorer, 'kernel', 0, 7); // 7×7 kernel on the 4×4 input
  const error = explorer.locator('[data-error]');
  await expect(error).toBeVisible();
  await expect(error).toContainText('No output along the rows: the dilated kernel spans 7 cells');
  await expect(explorer.locator('[data-body]')).toBeHidden();
  await setNumber(explorer, 'kernel', 0, 3);
  await expect(error).toBeHidden();
  await expect(explorer.locator('[data-output] rect[data-i]')).toHaveCount(4);
  await setNumber(explorer, 'stride', 0, 0);
  await expect(error).toHaveText('Stride (rows) must be a whole number from 1 to 4, got 0.');
  await setNumber(explorer, 'stride', 0, 1);
  await explorer.locator('textarea[data-w]').fill('1 2\n3');
  await expect(error).toContainText('The kernel is ragged: row 2 has 1 numbers but row 1 has 2.');
  await explorer.locator('textarea[data-w]').fill('1 2\n3 x');
  await expect(error).toHaveText('The kernel, row 2, entry 2: "x" is not a number (write numbers like 2, −0.5 or 1e3).');
  await explorer.locator('textarea[data-w]').fill('1 0\n0 -1');
  await expect(error).toBeHidden();
  await expectOutputMatchesCore(explorer, { padding: [0, 0], stride: [1, 1], dilation: [1, 1] }, 0);
});

test('a table figure loads its settings into the explorer, and a real digit can be convolved', async ({ page }) => {
  const explorer = await openExplorer(page);
  await page.locator('#fig-conv2d-table-padding-strides-odd [data-explore]').click();
  await expect(explorer.locator('input[data-name="input"][data-axis="0"]')).toHaveValue('6');
  await expect(explorer.locator('input[data-name="stride"][data-axis="1"]')).toHaveValue('2');
  await expect(explorer.locator('[data-output] rect[data-i]')).toHaveCount(9);
  await expectOutputMatchesCore(explorer, { padding: [1, 1], stride: [2, 2], dilation: [1, 1] }, 0);
  await explorer.locator('select[data-source]').selectOption('digit-0');
  await expect(explorer.locator('input[data-name="input"][data-axis="0"]')).toHaveValue('28');
  await expect(explorer.locator('input[data-name="input"][data-axis="0"]')).toBeDisabled();
  await expect(explorer.locator('[data-scrub]')).toHaveAttribute('max', String(14 * 14 - 1));
  await expect(explorer.locator('[data-output]')).toHaveAttribute('data-cols', '14');
  await expect(explorer).toHaveAttribute('data-source', 'tfjs');
  await explorer.locator('select[data-kernel-preset]').selectOption('edge-top');
  await expect(explorer.locator('textarea[data-w]')).toHaveValue('-1 -1 -1\n0 0 0\n1 1 1');
  await expect(explorer.locator('[data-output] rect.c2d-neg').first()).toBeAttached(); // edges below strokes are negative
  // hovering the output picks the cell under the pointer, even where the shaded grid is blank
  const box = (await explorer.locator('[data-output] svg').boundingBox())!;
  await page.mouse.move(box.x + box.width * (3.5 / 14), box.y + box.height * (0.5 / 14));
  await expect(explorer.locator('[data-live]')).toContainText('Step 4 of 196: y[0,3] = ');
});

test('the explorer works from the keyboard alone', async ({ page }) => {
  const explorer = await openExplorer(page);
  await explorer.locator('select[data-preset]').focus();
  await page.keyboard.press('Tab'); // source
  await page.keyboard.press('Tab'); // kernel preset
  await page.keyboard.press('Tab'); // link checkbox
  await page.keyboard.press('Tab'); // input rows
  await expect(explorer.locator('input[data-name="input"][data-axis="0"]')).toBeFocused();
  await page.keyboard.press('ArrowUp'); // 4 → 5, linked
  await expect(explorer.locator('input[data-name="input"][data-axis="1"]')).toHaveValue('5');
  await expect(explorer.locator('[data-output] rect[data-i]')).toHaveCount(9);
  // on to the output grid: arrows move the window, Enter plays and pauses
  const grid = explorer.locator('[data-output]');
  while (!(await grid.evaluate((el) => el === document.activeElement))) await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowRight');
  await expect(explorer.locator('[data-live]')).toContainText('Step 2 of 9: y[0,1] =');
  await page.keyboard.press('ArrowDown');
  await expect(explorer.locator('[data-live]')).toContainText('Step 5 of 9: y[1,1] =');
  const core = await expectOutputMatchesCore(explorer, { padding: [0, 0], stride: [1, 1], dilation: [1, 1] }, 0);
  await expect(explorer.locator('[data-live]')).toContainText(`= ${fmt(core[1][1], 2)}.`);
  await page.keyboard.press('End');
  await expect(explorer.locator('[data-live]')).toContainText('Step 9 of 9');
  await page.keyboard.press('Enter');
  await expect(explorer.locator('[data-play]')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Enter');
  await expect(explorer.locator('[data-play]')).toHaveAttribute('aria-pressed', 'false');
  // While it played (one step per 0.8 s, however slow the machine) it may have moved on: next is one more, looping after the last.
  const paused = Number((await explorer.locator('[data-live]').textContent())!.match(/^Step (\d+) of 9/)![1]);
  await page.keyboard.press('Tab'); // play button
  await expect(explorer.locator('[data-play]')).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab'); // next
  await page.keyboard.press('Enter');
  await expect(explorer.locator('[data-live]')).toContainText(`Step ${(paused % 9) + 1} of 9`);
  const outline = await explorer.locator('[data-next]').evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none'); // visible focus
});

test('the LeNet-5 diagram shows every shape and parameter count', async ({ page }) => {
  await page.goto(WORKSHOP);
  const fig = page.locator('#fig-lenet-arch');
  const layers = lenetLayers();
  const groups = fig.locator('.ln-layer');
  await expect(groups).toHaveCount(8);
  const expected = [
    ['Input', '1×28×28', 0], ['C1', '6×28×28', convParamCount({ inChannels: 1, outChannels: 6, kernelSize: [5, 5] })],
    ['S2', '6×14×14', 0], ['C3', '16×10×10', convParamCount({ inChannels: 6, outChannels: 16, kernelSize: [5, 5] })],
    ['S4', '16×5×5', 0], ['C5', '120', convParamCount({ inChannels: 16, outChannels: 120, kernelSize: [5, 5] })],
    ['F6', '84', 10164], ['Output', '10', 850],
  ] as const;
  for (let i = 0; i < 8; i++) {
    const g = groups.nth(i);
    await expect(g).toHaveAttribute('data-shape', expected[i][1]);
    await expect(g).toHaveAttribute('data-params', String(expected[i][2]));
    await expect(g.locator('.ln-name')).toHaveText(`${expected[i][0]} · ${expected[i][1]}`);
    expect(shapeText(layers[i].shape)).toBe(expected[i][1]);
  }
  for (const text of ['156 params', '2,416 params', '48,120 params', '10,164 params', '850 params']) await expect(fig.locator('svg')).toContainText(text);
  await expect(fig.locator('.ln-total')).toHaveText('Total: 61,706 parameters');
  // stepping and focusing move the flow and the receptive field
  await fig.locator('[data-next]').click();
  await expect(fig.locator('[data-live]')).toContainText('Step 2 of 8: C1');
  await expect(fig.locator('.ln-rf.ln-show')).toHaveAttribute('data-layer', '1');
  await groups.nth(3).focus();
  await expect(fig.locator('[data-live]')).toContainText('C3, convolution 5×5, 16 filters + ReLU: 6×14×14 → 16×10×10');
  await expect(fig.locator('[data-layer-code]')).toHaveText("tf.layers.conv2d({ filters: 16, kernelSize: 5, activation: 'relu' })");
  await page.keyboard.press('ArrowDown');
  await expect(groups.nth(4)).toBeFocused();
  await expect(fig.locator('[data-live]')).toContainText('S4');
  await expect(fig.locator('[data-call]')).toContainText('model.countParams(); // 61706');
  await fig.locator('summary').click();
  await fig.locator('[data-copy]').click();
  await expect(fig.locator('[data-copy-status]')).toHaveText(/Copied\.|Selected: press Ctrl\+C/);
  // the page's first figure draws a real digit at the input
  await expect(page.locator('#fig-lenet .ln-digit rect').first()).toBeAttached();
});

test('the initial HTML, without JavaScript, already holds the SVG diagrams', async ({ request }) => {
  const lecture = await (await request.get(LECTURE)).text();
  expect(lecture.match(/<svg class="c2d-svg c2d-input"/g)?.length).toBe(9); // 8 figures + the explorer
  expect(lecture.match(/<svg class="c2d-svg c2d-output"/g)?.length).toBe(9);
  expect(lecture).toContain('<svg class="c2d-svg c2d-kernel"');
  expect(lecture).toContain('kernel size=3<br>padding=1<br>stride=2<br>dilation=1<br>input=6×6');
  const workshop = await (await request.get(WORKSHOP)).text();
  expect(workshop.match(/<svg class="ln-svg"/g)?.length).toBe(2);
  expect(workshop).toContain('Total: 61,706 parameters');
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds no serious violation in the 2D widgets and LeNet-5 (${theme}, 375 px)`, async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.emulateMedia({ colorScheme: theme });
    await page.goto(LECTURE);
    // The 2D widgets' code loads when they come into view, as a student scrolls to them.
    await page.locator('#fig-conv2d-table-explorer').scrollIntoViewIfNeeded();
    await expect(page.locator('#fig-conv2d-table-explorer')).toHaveAttribute('data-source', /core|tfjs/);
    const lecture = await new AxeBuilder({ page }).include('#fig-conv2d-table').analyze();
    const bad = (r: typeof lecture) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
    expect(bad(lecture)).toEqual([]);
    const widths = await page.locator('#fig-conv2d-table').evaluate((el) => [el.scrollWidth, el.clientWidth]);
    expect(widths[0]).toBeLessThanOrEqual(widths[1]); // nothing overflows a phone screen
    await page.goto(WORKSHOP);
    const workshop = await new AxeBuilder({ page }).include('#fig-lenet').include('#fig-lenet-arch').analyze();
    expect(bad(workshop)).toEqual([]);
  });
}

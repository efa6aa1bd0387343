// Links that reproduce a widget: "Copy link" puts the widget's settings (keyed by its id) in a URL;
// opening it restores the widget exactly and scrolls to it. A link with a bad value says so in the widget.
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';

const LECTURE = 'lectures/10-cnn/';
test.use({ reducedMotion: 'reduce' });

async function copiedLink(context: BrowserContext, page: Page, widget: Locator): Promise<string> {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await widget.locator('[data-act="link"], [data-copy-link]').first().click();
  await expect(widget.locator('[data-link-status]').first()).toHaveText(/^Link copied/);
  return page.evaluate(() => navigator.clipboard.readText());
}

/** The widget is on screen (the link scrolled to it): its top near the top, or as high as the page's end allows. */
async function expectOnScreen(page: Page, widget: Locator) {
  await expect.poll(async () => {
    const box = await widget.boundingBox();
    const { atEnd } = await page.evaluate(() => ({ atEnd: scrollY + innerHeight >= document.documentElement.scrollHeight - 2 }));
    const height = page.viewportSize()!.height;
    return box !== null && box.y > -box.height && box.y < (atEnd ? height : height / 3);
  }).toBe(true);
}

const values = (fig: Locator, key: string) => fig.locator(`[data-key="${key}"]`).evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));

test('a copied link restores a 1D widget exactly, and scrolls to it', async ({ page, context }) => {
  await page.goto(LECTURE);
  const fig = page.locator('#fig-stride');
  await fig.scrollIntoViewIfNeeded();
  await expect(fig.locator('fieldset.c1d-controls')).toBeEnabled();
  await fig.locator('input[data-key="x"]').fill('1, -2.5, 3, 0.125, 4, 1e9, -7, 2');
  await fig.locator('input[data-key="w"]').fill('0.5, -1');
  await fig.locator('input[type="range"][data-key="stride"]').fill('3');
  await fig.locator('input[type="number"][data-key="padding"]').fill('1');
  await fig.locator('[data-act="next"]').click();
  await fig.locator('[data-act="next"]').click();
  await expect(fig.locator('[data-pos]')).toHaveText('Window 3 of 3');
  const result = await fig.locator('[data-result="y"]').textContent();
  const link = await copiedLink(context, page, fig);
  expect(link).toMatch(/\/cnn-course\/lectures\/10-cnn\/\?fig-stride\.x=1,-2\.5,3,0\.125,4,1000000000,-7,2&fig-stride\.w=0\.5,-1&fig-stride\.padding=1&fig-stride\.stride=3&fig-stride\.dilation=1&fig-stride\.step=3#fig-stride$/);

  const other = await context.newPage();
  await other.goto(link);
  const restored = other.locator('#fig-stride');
  await expect(restored.locator('fieldset.c1d-controls')).toBeEnabled();
  await expect(restored.locator('[data-pos]')).toHaveText('Window 3 of 3');
  await expect(restored.locator('[data-result="y"]')).toHaveText(result!);
  expect(await values(restored, 'x')).toEqual(['1, -2.5, 3, 0.125, 4, 1000000000, -7, 2']);
  expect(await values(restored, 'stride')).toEqual(['3', '3']); // slider and number box agree
  expect(await values(restored, 'padding')).toEqual(['1', '1']);
  await expect(restored.locator('[data-error]')).toBeHidden();
  await expectOnScreen(other, restored);
  await expect(restored.locator('[data-tf-status]')).toContainText('equal to the math core', { timeout: 20_000 });
  // Reduced motion or not, a linked widget holds still on its step.
  await other.waitForTimeout(1500);
  await expect(restored.locator('[data-pos]')).toHaveText('Window 3 of 3');
  // The link of the restored widget is the same link.
  expect(await copiedLink(context, other, restored)).toBe(link);
});

test('a copied link restores the 2D explorer (grids, sizes per axis, bias, step) and scrolls to it', async ({ page, context }) => {
  await page.goto(LECTURE);
  const explorer = page.locator('#fig-conv2d-table-explorer');
  await explorer.scrollIntoViewIfNeeded();
  await expect(explorer).toHaveAttribute('data-valid', 'true');
  await explorer.locator('textarea[data-x]').fill('1 2 3 4\n5 6 7 8\n9 10 11 12');
  await explorer.locator('textarea[data-w]').fill('1 0\n0 -1');
  await explorer.locator('[data-link]').uncheck();
  await explorer.locator('input[data-name="padding"][data-axis="1"]').fill('1');
  await explorer.locator('input[data-bias]').fill('-0.5');
  await explorer.locator('[data-next]').click();
  await explorer.locator('[data-next]').click();
  const live = await explorer.locator('[data-live]').textContent();
  expect(live).toContain('Step 3 of');
  const link = await copiedLink(context, page, explorer);
  expect(link).toContain('?fig-conv2d-table-explorer.values=1,2,3,4;5,6,7,8;9,10,11,12&fig-conv2d-table-explorer.weights=1,0;0,-1&fig-conv2d-table-explorer.padding=0,1&');
  expect(link).toMatch(/bias=-0\.5&fig-conv2d-table-explorer\.step=3#fig-conv2d-table-explorer$/);

  const other = await context.newPage();
  await other.goto(link);
  const restored = other.locator('#fig-conv2d-table-explorer');
  await expect(restored).toHaveAttribute('data-valid', 'true');
  await expect(restored.locator('[data-live]')).toHaveText(live!);
  await expect(restored.locator('textarea[data-x]')).toHaveValue('1 2 3 4\n5 6 7 8\n9 10 11 12');
  await expect(restored.locator('input[data-name="padding"][data-axis="0"]')).toHaveValue('0');
  await expect(restored.locator('input[data-name="padding"][data-axis="1"]')).toHaveValue('1');
  await expect(restored.locator('input[data-bias]')).toHaveValue('-0.5');
  await expect(restored.locator('[data-link]')).not.toBeChecked(); // rows and columns differ
  await expectOnScreen(other, restored);
  expect(await copiedLink(context, other, restored)).toBe(link);
});

test('every concept widget on the lecture gives a link that reopens it as it was', async ({ page, context }) => {
  test.setTimeout(300_000); // twenty widgets, each opened again from its link
  await page.goto(LECTURE);
  const ids = await page.locator('concept-1d figure[id], conv2d-explorer[id], conv2d-animation[id]').evaluateAll((els) => els.map((e) => e.id));
  expect(ids.length).toBeGreaterThanOrEqual(11 + 1 + 8);
  for (const id of ids) {
    const widget = page.locator(`#${id}`);
    await widget.scrollIntoViewIfNeeded();
    await widget.locator('[data-act="next"], [data-next]').first().click(); // step 2
    const link = await copiedLink(context, page, widget);
    expect(link, id).toContain(`${id}.step=2`);
    const other = await context.newPage();
    await other.goto(link);
    const restored = other.locator(`#${id}`);
    await expectOnScreen(other, restored).catch((e) => { throw new Error(`${id}: ${e}`); });
    await expect(restored.locator('[data-pos], [data-live]').first()).toContainText(/(Window|Output|Point|Step) 2 of/);
    expect(await copiedLink(context, other, restored), id).toBe(link);
    await other.close();
  }
});

test('a link with a value the widget cannot use says so in the widget, in the field’s own words', async ({ page }) => {
  await page.goto(`${LECTURE}?fig-dilation.stride=17&fig-conv2d-table-explorer.values=${Array(100).fill('1,2').join(';')}&fig-conv2d-table-dilation.step=99#fig-dilation`);
  const fig = page.locator('#fig-dilation');
  await expect(fig.locator('[data-error]')).toHaveText(
    'This link’s settings were not applied: Stride s must be a whole number from 1 to 8, got 17. The widget shows its starting settings.',
  );
  await expectOnScreen(page, fig);
  expect(await values(fig, 'stride')).toEqual(['1', '1']); // the starting settings, shown consistently
  // The same words a student gets typing the value.
  await fig.locator('input[type="number"][data-key="stride"]').fill('17');
  await expect(fig.locator('[data-error]')).toHaveText('Stride s must be a whole number from 1 to 8, got 17');
  const explorer = page.locator('#fig-conv2d-table-explorer');
  await expect(explorer.locator('[data-error]')).toHaveText('This link’s settings were not applied: The input has 100 rows; at most 28 fit. The widget shows its starting settings.');
  await expect(explorer.locator('[data-body]')).toBeVisible();
  await expect(page.locator('#fig-conv2d-table-dilation [data-error]')).toHaveText(
    'This link’s settings were not applied: Window step must be a whole number from 1 to 9, got 99. The widget shows its starting settings.',
  );
});

test('the workshop’s LeNet-5 diagram links to one layer, and a bad layer number says so', async ({ page, context }) => {
  await page.goto('workshops/10-lenet5/');
  const fig = page.locator('#fig-lenet-arch');
  await fig.scrollIntoViewIfNeeded();
  for (let i = 0; i < 4; i++) await fig.locator('[data-next]').click();
  await expect(fig.locator('[data-live]')).toContainText('Step 5 of');
  const link = await copiedLink(context, page, fig);
  expect(link).toMatch(/\/cnn-course\/workshops\/10-lenet5\/\?fig-lenet-arch\.step=5#fig-lenet-arch$/);
  const other = await context.newPage();
  await other.goto(link);
  const restored = other.locator('#fig-lenet-arch');
  await expectOnScreen(other, restored);
  await expect(restored.locator('[data-live]')).toContainText('Step 5 of');
  await expect(restored.locator('[data-error]')).toBeHidden();
  await other.goto('workshops/10-lenet5/?fig-lenet-arch.step=40#fig-lenet-arch');
  await expect(restored.locator('[data-error]')).toHaveText(/^This link’s settings were not applied: Layer step must be a whole number from 1 to \d+, got 40\. The widget shows its starting settings\.$/);
  await expect(restored.locator('[data-live]')).toContainText('Step 1 of');
});

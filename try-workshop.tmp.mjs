import { chromium } from '@playwright/test';
const port = process.env.PORT || 4400;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const errors = [];
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`); });
page.on('pageerror', (e) => errors.push('pageerror ' + e.message));
await page.goto(`http://127.0.0.1:${port}/cnn-course/workshops/10-lenet5/`);
const cell = (id) => page.locator(`[data-cell="${id}"]`);
async function setCode(id, code) {
  const c = cell(id); const content = c.locator('.cm-content');
  if (!(await content.isVisible())) await c.getByRole('button', { name: 'Edit' }).click();
  await content.click(); await page.keyboard.press('ControlOrMeta+a'); await page.keyboard.press('Delete'); await content.fill(code);
}
const scale = process.env.SCALE || '0.02';
const src = await cell('loaders').locator('pre').first().innerText();
await setCode('loaders', src.replace('const epochScale = 1;', `const epochScale = ${scale};`));
const t0 = Date.now();
await page.locator('nb-bar').getByRole('button', { name: 'Run all', exact: true }).click();
for (let i = 0; i < 200; i++) {
  await page.waitForTimeout(3000);
  const st = await page.locator('[data-nb-status]').textContent();
  const tv = await page.locator('.nb-out-training').evaluateAll((els) => els.map((e) => `${e.dataset.state} ${e.dataset.step}/${e.dataset.totalSteps} ${e.dataset.imagesPerSec ?? ''}`));
  console.log(((Date.now()-t0)/1000).toFixed(0), st, JSON.stringify(tv));
  if (st === 'idle' || /Error/.test(st)) break;
}
for (const id of ['load-mnist','inspect','lenet5','lr-sweep','training','load-model','test-risk','predictions']) {
  console.log(id, '=>', (await cell(id).locator('.nb-output').innerText()).slice(0, 400).replace(/\n/g,' | '));
}
await page.screenshot({ path: '/tmp/shots/workshop-full.png', fullPage: true });
await cell('lr-sweep').screenshot({ path: '/tmp/shots/sweep.png' });
await cell('training').screenshot({ path: '/tmp/shots/training.png' });
console.log('weights-status:', await page.locator('weights-status').first().innerText());
await page.waitForTimeout(4000);
console.log('confusion:', (await page.locator('confusion-matrix [data-status]').innerText()));
console.log('errors:', errors.join('\n'));
await browser.close();

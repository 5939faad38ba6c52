/**
 * The README's picture of the value-mapping step (docs/images/import-value-mapping.png), taken in Chromium at
 * 1366×768 from the real UI. Not part of the normal runs: `README_SCREENSHOT=1 npx playwright test
 * readme-screenshot` regenerates it (after `npm run build`). The picture is the viewport scrolled to the 逐个值选择
 * table with four values chosen, not yet checked again, and saved as a PNG of a few hundred colours at most.
 */
import path from 'node:path';
import { expect, test } from './helpers';
import { choose, roster } from './value-mapping-roster';

test.skip(!process.env.README_SCREENSHOT, 'regenerates the README picture only when README_SCREENSHOT=1');
test.use({ viewport: { width: 1366, height: 768 } });
test.describe.configure({ timeout: 180_000 });

test('README picture: the value-mapping step of an import', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByRole('menuitem', { name: '数据导入导出' }).click({ timeout: 30_000 });
  const checked = page.waitForResponse((response) => response.url().endsWith('/rpc/import.dryRun') && response.ok());
  await page.locator('input[type=file]').setInputFiles({ name: '花名册.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await roster(0) });
  await checked;
  await choose(page, '学习强国', /^“学习强国”技能频道（/);
  await choose(page, '技能强国', /^技能强国-全国产业工人技能学习平台（别名）$/);
  await choose(page, '县农技学堂', /^新增为本县平台$/);
  await page.keyboard.press('Escape');
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
  const step = page.getByLabel('逐个值选择');
  await step.scrollIntoViewIfNeeded();
  await page.evaluate(() => document.querySelector('[aria-label="逐个值选择"]')?.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: path.resolve(__dirname, '..', '..', 'docs', 'images', 'import-value-mapping.png'), animations: 'disabled' });
});

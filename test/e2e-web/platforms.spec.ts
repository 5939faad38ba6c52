import fs from 'node:fs';
import { createDemoData } from '../support/web-host-process';
import { expect, saveScreenshot, tempDataDir, test, withHostOn } from './helpers';

// A fresh host per test on a busy two-core machine: allow more than the default minute.
test.describe.configure({ timeout: 120_000 });

const TECH_SKILLS = '工业和信息化技术技能人才网上学习平台';

test('platform directory: three levels, adoption and 两目录一系统 by keyboard, demo rows marked, a local platform added', async ({ page }) => {
  const dataDir = tempDataDir();
  try {
    createDemoData(dataDir, 20);
    await withHostOn(dataDir, async (host) => {
      await page.goto(host.url);
      await page.getByRole('menuitem', { name: '平台目录' }).click({ timeout: 30_000 });

      const national = page.locator('.ant-card').filter({ hasText: '部推荐（' });
      const province = page.locator('.ant-card').filter({ hasText: '面向全省（' });
      const city = page.locator('.ant-card').filter({ hasText: '面向地市（' });
      await expect(national).toContainText('部推荐（5 个');
      await expect(province.getByRole('row').filter({ hasText: '【演示】' }).first()).toContainText('演示数据');
      // The five real national platforms are not demo data; they come from above and are read-only here.
      const techRow = national.getByRole('row').filter({ hasText: TECH_SKILLS });
      await expect(techRow).not.toContainText('演示数据');
      await expect(techRow).toContainText('省级下发');

      const adopt = page.getByRole('switch', { name: `采用 ${TECH_SKILLS}` });
      await expect(adopt).not.toBeChecked();
      await adopt.focus();
      const saved = page.waitForResponse((r) => r.url().endsWith('/rpc/platforms.adopt'));
      await page.keyboard.press('Space');
      expect((await saved).status()).toBe(200);
      await expect(adopt).toBeChecked();
      const directory = page.getByRole('switch', { name: `${TECH_SKILLS} 纳入两目录一系统` });
      await directory.focus();
      await page.keyboard.press('Space');
      await expect(directory).toBeChecked();

      await page.getByRole('button', { name: '新增本地平台' }).click();
      const dialog = page.getByRole('dialog', { name: '新增本地平台' });
      await expect(dialog.getByLabel('平台名称')).toBeFocused();
      await page.keyboard.type('道里区社区技能微课堂');
      await dialog.getByLabel('平台层级').click();
      const levels = page.locator('.ant-select-dropdown:visible');
      // The ministry's list comes from above only.
      await expect(levels.getByTitle('部推荐', { exact: true })).toHaveCount(0);
      await levels.getByTitle('面向全省', { exact: true }).click();
      await dialog.getByRole('button', { name: '添加' }).click();
      await expect(dialog).toBeHidden();
      await expect(province.getByRole('row').filter({ hasText: '道里区社区技能微课堂' })).toContainText('本县添加');
      await expect(city).not.toContainText('道里区社区技能微课堂');

      await page.reload();
      await expect(page.getByRole('switch', { name: `采用 ${TECH_SKILLS}` })).toBeChecked({ timeout: 30_000 });
      await expect(page.getByRole('switch', { name: `${TECH_SKILLS} 纳入两目录一系统` })).toBeChecked();
      await saveScreenshot(page, 'platforms');
    });
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

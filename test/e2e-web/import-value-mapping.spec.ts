/**
 * Issue #14 in the real UI: a roster with no 户籍 column, platforms written the clerks' way and a category word not
 * in the list. Each value is decided once (not once per row), the import takes every row, 户籍 is 待补充, and the
 * choices are remembered for the county's next import.
 */
import { expect, saveScreenshot, test } from './helpers';
import { choose, roster } from './value-mapping-roster';

test.describe.configure({ timeout: 180_000 });

test('a roster without 户籍 column and with the clerks\' platform names goes in with one choice per value', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByRole('menuitem', { name: '数据导入导出' }).click({ timeout: 30_000 });
  const checked = () => page.waitForResponse((response) => response.url().endsWith('/rpc/import.dryRun') && response.ok());

  let done = checked();
  await page.locator('input[type=file]').setInputFiles({ name: '花名册.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await roster(0) });
  await done;
  await expect(page.getByTestId('import-count-invalid')).toContainText('7');
  const groups = page.getByRole('table').filter({ hasText: '文件中的值' });
  // One line per distinct value, with its rows: 4 values for 7 rows.
  await expect(groups.getByRole('row')).toHaveCount(5);
  for (const line of ['学习强国 · 3 行', '技能强国 · 2 行', '县农技学堂 · 2 行', '脱贫户 · 2 行']) await expect(groups.getByText(line)).toBeVisible();
  await expect(page.getByText('还有 4 个值没有选择，涉及 9 行')).toBeVisible();

  await choose(page, '学习强国', /^“学习强国”技能频道（/);
  await choose(page, '技能强国', /^技能强国-全国产业工人技能学习平台（别名）$/);
  await choose(page, '县农技学堂', /^新增为本县平台$/);
  await choose(page, '脱贫户', /^建档立卡贫困劳动力$/, '建档立卡');
  await expect(page.getByRole('button', { name: '按选择重新检查（4 个值）' })).toBeEnabled();
  await page.keyboard.press('Escape');
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
  await saveScreenshot(page, 'import-value-mapping');

  done = checked();
  await page.getByRole('button', { name: '按选择重新检查（4 个值）' }).click();
  await done;
  await expect(page.getByText('所有的值都已选择')).toBeVisible();
  await expect(page.getByTestId('import-count-new')).toContainText('7');
  await expect(page.getByTestId('import-count-invalid')).toContainText('0');
  await expect(page.getByText(/7 名学员的户籍将记为“待补充”/)).toBeVisible();

  await page.getByRole('button', { name: '导入 7 名学员' }).click();
  await expect(page.getByText('导入完成：已导入 7 名学员。')).toBeVisible();
  const remembered = page.getByRole('table').filter({ hasText: '更新时间' });
  await expect(remembered.getByRole('row')).toHaveCount(5);

  // The next roster of the county: every value is already decided.
  await page.getByRole('button', { name: '导入另一个文件' }).click();
  done = checked();
  await page.locator('input[type=file]').setInputFiles({ name: '花名册2.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await roster(1) });
  await done;
  await expect(page.getByTestId('import-count-new')).toContainText('7');
  await expect(page.getByTestId('import-count-invalid')).toContainText('0');
  // 县农技学堂 is in the directory now and matches outright; the other three are remembered.
  await expect(groups.getByText('已记住')).toHaveCount(3);
  // 户籍 for the whole list at once this time.
  done = checked();
  await page.getByRole('radio', { name: '全部城镇' }).check();
  await done;
  await expect(page.getByText(/户籍将记为“待补充”/)).toHaveCount(0);
  await page.getByRole('button', { name: '导入 7 名学员' }).click();
  await expect(page.getByText('导入完成：已导入 7 名学员。')).toBeVisible();

  await page.getByRole('menuitem', { name: '学员登记' }).click();
  await expect(page.getByTestId('trainee-total')).toHaveText('共 14 人');
  await page.getByRole('checkbox', { name: '只看待补充' }).check();
  // The first list's 7 (户籍 待补充) and the second's one without 人员类别.
  await expect(page.getByTestId('trainee-total')).toHaveText('共 8 人');
});

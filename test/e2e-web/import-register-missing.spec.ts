/**
 * Issue #14 item 4 in the real UI: a platform's learning-record sheet (培训记录) names one registered trainee and
 * three that are not. The check groups them (4 行的学员尚未登记); 同时登记这些学员 checks again with their
 * registrations; the row without a phone stays an error naming 联系电话; the import registers the two trainees with
 * their three records and the registered trainee's record.
 */
import type { Page } from '@playwright/test';
import { validIdNumber } from '../support/temp-app';
import { call, expect, test } from './helpers';
import { LI_SI } from './trainee-data';

test.describe.configure({ timeout: 180_000 });

const PLATFORM = '中国职业培训在线';

function records(): Buffer {
  const lines = [
    '身份证号,姓名,手机号码,培训平台,课程名称,开始日期,学时,是否签到',
    `${LI_SI.idNumber},${LI_SI.name},,${PLATFORM},电工基础,2026-03-02,4,是`,
    `${validIdNumber('19880808', 21)},吴一,13900003021,${PLATFORM},电工基础,2026-03-02,4,是`,
    `${validIdNumber('19880808', 21)},吴一,13900003021,${PLATFORM},焊工入门,2026-03-09,6,否`,
    `${validIdNumber('19880808', 23)},吴三,13900003023,${PLATFORM},电工基础,2026-03-03,4,是`,
    `${validIdNumber('19880808', 25)},吴五,,${PLATFORM},电工基础,2026-03-04,4,是`,
  ];
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

const dryRunAnswered = (page: Page) => page.waitForResponse((response) => response.url().endsWith('/rpc/import.dryRun') && response.ok());

test('records of unregistered trainees register them with one choice, the row lacking a phone stays an error', async ({ page, host }) => {
  await call(page.request, host, 'trainees.create', LI_SI);
  await page.goto(host.url);
  await page.getByRole('menuitem', { name: '数据导入导出' }).click({ timeout: 30_000 });
  // A button-style radio: its input is hidden, the label takes the click.
  await page.getByRole('radiogroup', { name: '导入内容：' }).getByText('培训记录', { exact: true }).click();
  await expect(page.getByRole('radio', { name: '培训记录' })).toBeChecked();
  let answered = dryRunAnswered(page);
  await page.locator('input[type=file]').setInputFiles({ name: '学习记录.csv', mimeType: 'text/csv', buffer: records() });
  await answered;

  const group = page.getByRole('alert').filter({ hasText: '4 行的学员尚未登记' });
  await expect(group).toContainText('其中 3 行（2 名学员）有登记所需的姓名、身份证号、联系电话，可以同时登记。');
  await expect(group).toContainText('1 行缺少登记所需的内容');
  await expect(page.getByTestId('import-count-new')).toContainText('1');
  await expect(page.getByTestId('import-count-invalid')).toContainText('4');

  answered = dryRunAnswered(page);
  await group.getByRole('checkbox', { name: '同时登记这些学员' }).check();
  await answered;
  await expect(page.getByRole('alert').filter({ hasText: '其中 3 行将同时登记 2 名学员，学员和培训记录一起导入。' })).toBeVisible();
  await expect(page.getByTestId('import-count-new')).toContainText('4');
  await expect(page.getByTestId('import-count-invalid')).toContainText('1');
  // The row lacking a phone, named by its column: sheet row 6.
  const lacking = page.getByRole('table', { name: '有误的行' }).getByRole('row').filter({ hasText: '要同时登记这名学员' });
  await expect(lacking).toHaveCount(1);
  await expect(lacking.getByRole('cell').nth(0)).toHaveText('6');
  await expect(lacking.getByRole('cell').nth(1)).toHaveText('手机号码');

  await page.getByRole('button', { name: '只导入正确的 4 行' }).click();
  await expect(page.getByText('导入完成：已导入 4 条培训记录，同时登记了 2 名学员。')).toBeVisible();
  const trainees = await call<{ total: number }>(page.request, host, 'trainees.list', { pageSize: 10 });
  expect(trainees.total).toBe(3);
  const enrolments = await call<{ total: number }>(page.request, host, 'enrolments.list', { pageSize: 10 });
  expect(enrolments.total).toBe(4);
});

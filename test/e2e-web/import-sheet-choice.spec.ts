/**
 * Issue #14 item 3 in the real UI: the corpus roster whose list is on its second sheet (填表说明, 花名册, 汇总). The
 * check offers 花名册 first (the most recognisable header), each sheet with its rows and recognised columns; a sheet
 * without a header gives an error that keeps the choice on screen; choosing the roster again imports it whole.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { call, expect, test } from './helpers';

test.describe.configure({ timeout: 180_000 });

const ROSTERS = join(__dirname, '..', 'fixtures', 'rosters');
const FILE = '08-roster-on-second-sheet.xlsx';

interface Expected {
  file: string;
  sheets: number;
  sheet: number;
  header: string[];
  dryRun: { rows: number; new: number; invalid: number };
}
const expected = (JSON.parse(readFileSync(join(ROSTERS, 'manifest.json'), 'utf8')) as Expected[]).find((r) => r.file === FILE)!;

const dryRunAnswered = (page: Page) => page.waitForResponse((response) => response.url().endsWith('/rpc/import.dryRun'));

async function chooseSheet(page: Page, name: RegExp): Promise<void> {
  const answered = dryRunAnswered(page);
  await page.getByLabel('工作表：').click();
  const list = page.locator('.ant-select-dropdown:visible');
  await expect(list).toHaveCount(1);
  await list.locator('.ant-select-item-option').filter({ hasText: name }).click();
  await answered;
}

test('a roster on the second sheet is offered first, and imported through the sheet choice', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByRole('menuitem', { name: '数据导入导出' }).click({ timeout: 30_000 });
  let answered = dryRunAnswered(page);
  await page.locator('input[type=file]').setInputFiles({
    name: FILE,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: readFileSync(join(ROSTERS, FILE)),
  });
  await answered;

  // The roster's sheet is the one read and the first offered; the others are listed with what their headers name.
  const columns = expected.header.length;
  const chooser = page.getByLabel('工作表：');
  const rosterSheet = new RegExp(`^花名册 · \\d+ 行 · 认出 ${columns} 列$`);
  // The list is closed: the only text of that form is the chosen value.
  await expect(page.getByText(rosterSheet)).toBeVisible();
  await expect(page.getByTestId('import-count-new')).toContainText(String(expected.dryRun.new));
  await chooser.click();
  const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  await expect(options).toHaveCount(expected.sheets);
  await expect(options.first()).toHaveText(rosterSheet);
  await expect(options.filter({ hasText: /^填表说明 · 3 行 · 未找到表头$/ })).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);

  // A sheet with no header: the error names it, and the choice stays so another can be taken.
  await chooseSheet(page, /^汇总/);
  await expect(page.getByText('在工作表“汇总”的前 30 行中没有找到表头')).toBeVisible();
  await expect(page.getByTestId('import-count-new')).toHaveCount(0);
  await expect(chooser).toBeVisible();

  await chooseSheet(page, /^花名册/);
  await expect(page.getByTestId('import-count-rows')).toContainText(String(expected.dryRun.rows));
  await expect(page.getByTestId('import-count-new')).toContainText(String(expected.dryRun.new));
  await expect(page.getByTestId('import-count-invalid')).toContainText(String(expected.dryRun.invalid));

  answered = page.waitForResponse((response) => response.url().endsWith('/rpc/import.commit') && response.ok());
  await page.getByRole('button', { name: `导入 ${expected.dryRun.new} 名学员` }).click();
  await answered;
  await expect(page.getByText(`导入完成：已导入 ${expected.dryRun.new} 名学员。`)).toBeVisible();
  const list = await call<{ total: number }>(page.request, host, 'trainees.list', { pageSize: 10 });
  expect(list.total).toBe(expected.dryRun.new);
});

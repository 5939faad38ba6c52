/**
 * 数据导入导出 in the real UI against the real host: a county sheet built here with exceljs (never a committed
 * binary), checked, mapped by hand, imported without its wrong row; and an export saved as a download.
 */
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { idChecksumChar, maskIdNumber } from '../../src-shared/domain/id-card';
import { call, expect, rpc, saveScreenshot, test, type RunningHost } from './helpers';
import { LI_SI, WANG_FANG, ZHAO_QIANG } from './trainee-data';

// A fresh host per test on a busy two-core machine: allow more than the default minute.
test.describe.configure({ timeout: 120_000 });

/** LI_SI's number with the check digit changed: the one invalid row. */
const BAD_ID = `${LI_SI.idNumber.slice(0, 17)}${LI_SI.idNumber.endsWith('8') ? '9' : '8'}`;

/** A sheet as counties make them: a title row above the header, and a name column called 学员 that no synonym knows. */
async function countySheet(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('学员');
  sheet.addRow(['某某县百日免费线上技能培训学员名单']);
  sheet.addRow(['学员', '身份证号码', '手机号', '人员类别', '户籍', '注册日期']);
  sheet.addRow(['李四', LI_SI.idNumber, LI_SI.phone, '贫困劳动力', '农村', '2020-04-10']);
  sheet.addRow(['钱五', BAD_ID, '13900001111', '失业人员', '城镇', '2020-04-11']);
  sheet.addRow(['王芳', WANG_FANG.idNumber, WANG_FANG.phone, '失业人员', '城镇', '2020-04-20']);
  sheet.addRow(['赵强', ZHAO_QIANG.idNumber, ZHAO_QIANG.phone, '农村转移就业劳动者', '农村', '2020-05-01']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function openImportPage(page: Page, host: RunningHost): Promise<void> {
  await page.goto(host.url);
  // The first load of the app on a busy two-core machine can take a while.
  await page.getByRole('menuitem', { name: '数据导入导出' }).click({ timeout: 30_000 });
  await expect(page.getByText('导入内容：')).toBeVisible();
}

async function chooseFile(page: Page, name: string, buffer: Buffer, mimeType: string): Promise<void> {
  const uploaded = page.waitForResponse((response) => response.url().includes('/upload?') && response.ok());
  await page.locator('input[type=file]').setInputFiles({ name, mimeType, buffer });
  await uploaded;
}

test('a county sheet is checked, its unknown column mapped by hand, and only its valid rows imported', async ({ page, host }) => {
  // Already registered: the sheet's last row is counted as existing, not imported twice.
  await rpc(page.request, host, 'trainees.create', ZHAO_QIANG);
  await openImportPage(page, host);

  // A damaged old-format workbook (an OLE2 signature and nothing else) is not taken for a password-protected one,
  // and gets the step-by-step advice to save it as .xlsx.
  const ole2 = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
  await chooseFile(page, '名单.xls', ole2, 'application/vnd.ms-excel');
  await expect(page.getByText(/无法读取这个旧版 Excel（\.xls）.*另存为.*Excel 工作簿（\*\.xlsx）/)).toBeVisible();
  await expect(page.getByText('设置了打开密码')).toHaveCount(0);

  await chooseFile(page, '学员名单.xlsx', await countySheet(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  await expect(page.getByText('没有找到这些必填的列：姓名')).toBeVisible();

  const rechecked = page.waitForResponse((response) => response.url().endsWith('/rpc/import.dryRun') && response.ok());
  await page.getByLabel('“学员”列的内容').click();
  await page.locator('.ant-select-dropdown:visible').getByTitle('姓名', { exact: true }).click();
  await rechecked;

  await expect(page.getByTestId('import-count-rows')).toContainText('4');
  await expect(page.getByTestId('import-count-new')).toContainText('2');
  await expect(page.getByTestId('import-count-existing')).toContainText('1');
  await expect(page.getByTestId('import-count-invalid')).toContainText('1');
  const problem = page.getByRole('table', { name: '有误的行' }).getByRole('row').filter({ hasText: '校验码' });
  await expect(problem).toHaveCount(1);
  // Title row 1, header row 2: 钱五 sits on the sheet's row 4, in the column the file calls 身份证号码.
  await expect(problem.getByRole('cell').nth(0)).toHaveText('4');
  await expect(problem.getByRole('cell').nth(1)).toHaveText('身份证号码');
  await saveScreenshot(page, 'import-dry-run');

  await page.getByRole('button', { name: '只导入正确的 2 行' }).click();
  await expect(page.getByText('导入完成：已导入 2 名学员。')).toBeVisible();
  // The heading follows: no longer 还没有导入 once the rows are in (#17 item 5).
  await expect(page.getByText('检查结果（已导入）')).toBeVisible();
  await expect(page.getByText('检查结果（还没有导入）')).toHaveCount(0);
  await expect(page.getByTestId('import-left-out')).toHaveText('另有 1 行有误，没有导入，已列在错误报告中，改好后可再导入。1 名学员之前已登记过，没有重复导入。');
  await expect(page.getByRole('button', { name: '下载未导入行的错误报告' })).toBeVisible();

  await page.getByRole('link', { name: '到学员登记查看' }).click();
  await expect(page.getByTestId('trainee-total')).toHaveText('共 3 人');
  for (const name of ['李四', '王芳', '赵强']) await expect(page.getByRole('row', { name })).toBeVisible();
  await expect(page.getByRole('row', { name: '钱五' })).toHaveCount(0);
});

async function exportTrainees(page: Page): Promise<ExcelJS.Worksheet> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出学员名单' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await file.path());
  return workbook.worksheets[0]!;
}

function sheetText(sheet: ExcelJS.Worksheet): string {
  const lines: string[] = [];
  sheet.eachRow((row) => lines.push(JSON.stringify(row.values)));
  return lines.join('\n');
}

test('the template and exports download as .xlsx, ID numbers masked unless the clerk asks for full ones', async ({ page, host }) => {
  await rpc(page.request, host, 'trainees.create', LI_SI);
  await openImportPage(page, host);

  const template = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载学员名单导入模板' }).click();
  expect((await template).suggestedFilename()).toBe('学员名单导入模板.xlsx');

  const masked = sheetText(await exportTrainees(page));
  expect(masked).toContain('李四');
  expect(masked).toContain(maskIdNumber(LI_SI.idNumber));
  expect(masked).not.toContain(LI_SI.idNumber);

  await page.getByRole('checkbox', { name: '导出完整身份证号（将记录在操作日志中）' }).check();
  expect(sheetText(await exportTrainees(page))).toContain(LI_SI.idNumber);
});

/** A long list as CSV (quick to build here): 100,000 distinct valid people, so the check takes seconds. */
function longListCsv(): Buffer {
  const lines = ['姓名,身份证号,手机号,人员类别,户籍,注册日期'];
  for (let i = 0; i < 100_000; i += 1) {
    const block = Math.floor(i / 1000);
    const first17 = `2301021990${String(1 + (block % 12)).padStart(2, '0')}${String(1 + Math.floor(block / 12)).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`;
    lines.push(`张三,${first17}${idChecksumChar(first17)},13800138000,失业人员,农村,2020-04-01`);
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

test('a long check can be cancelled: nothing is kept, and another file can be checked', async ({ page, host }) => {
  await openImportPage(page, host);
  await chooseFile(page, '长名单.csv', longListCsv(), 'text/csv');
  const cancelled = page.waitForResponse((response) => response.url().endsWith('/rpc/import.dryRun'));
  await page.getByRole('button', { name: '取消检查' }).click();
  expect((await cancelled).status()).toBe(400);
  await expect(page.getByText('已取消检查文件，没有导入任何数据。')).toBeVisible();
  await expect(page.getByTestId('import-count-rows')).toHaveCount(0);
  expect(await call(page.request, host, 'trainees.list', {})).toMatchObject({ total: 0 });
  await chooseFile(page, '学员名单.xlsx', await countySheet(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  await expect(page.getByText('没有找到这些必填的列：姓名')).toBeVisible();
});

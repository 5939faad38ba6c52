/** The roster of the value-mapping specs: no 户籍 column, platforms written the clerks' way, a category word not in the list. */
import ExcelJS from 'exceljs';
import { expect, type Page } from '@playwright/test';
import { validIdNumber } from '../support/temp-app';

const PLATFORM_OF_ROW = ['学习强国', '学习强国', '学习强国', '技能强国', '技能强国', '县农技学堂', '县农技学堂'];
const CATEGORY_OF_ROW = ['失业、两后生', '失业人员', '脱贫户', '两后生', '脱贫户', '失业人员', ''];

export async function roster(offset: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('花名册');
  sheet.addRow(['某某街道免费线上技能培训学员花名册']);
  sheet.addRow(['姓名', '身份证号', '联系电话', '人员类别', '注册日期', '培训平台']);
  PLATFORM_OF_ROW.forEach((platform, i) => {
    const row = sheet.addRow([`学员${'甲乙丙丁戊己庚辛壬癸'[i]}${'一二'[offset]}`, validIdNumber('19900303', offset * 10 + i), `1390000${String(offset * 10 + i).padStart(4, '0')}`, CATEGORY_OF_ROW[i], '2026-03-02', platform]);
    row.getCell(2).numFmt = '@';
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Picks an option of the value's 处理方式 select, typing `search` first to find it in a long list. */
export async function choose(page: Page, value: string, option: RegExp, search?: string): Promise<void> {
  const select = page.getByLabel(`“${value}”的处理方式`);
  // The previous value's list fades out for a moment and holds the same options (新增为本县平台): wait until it is
  // gone, so that the click lands in this value's list, not in one that disappears under the pointer.
  const openLists = page.locator('.ant-select-dropdown:visible');
  await expect(openLists).toHaveCount(0);
  await select.click();
  await expect(openLists).toHaveCount(1);
  if (search) await page.keyboard.type(search);
  await openLists.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
}

/**
 * The import templates: the first sheet is the list (header with the Chinese column names, ID and phone columns in
 * Text format so Excel never turns an ID number into 2.30102E+17, drop-downs for categories, household, platform,
 * occupation and sign-in), then 填写说明 (instructions) and a hidden 选项 sheet holding the drop-down lists (a list
 * written inline in a validation is capped at 255 characters; platform names are longer than that together).
 */
import ExcelJS from 'exceljs';
import { PERSON_CATEGORIES } from '../../../src-shared/domain/categories';
import { TRAINEE_SHEET, type ImportField, type ImportKind } from '../../../src-shared/schemas/import';
import { fieldLabel, REQUIRED_FIELDS } from './headers';

/** Rows prepared with formats and drop-downs; clerks can add more, Excel copies the formats down. */
const PREPARED_ROWS = 2000;

const COLUMNS: Record<ImportKind, ReadonlyArray<{ field: ImportField; width: number; text?: boolean }>> = {
  trainees: TRAINEE_SHEET.map((c) => ({ field: c.name, width: c.width, ...(c.text ? { text: true } : {}) })),
  enrolments: [
    { field: 'idNumber', width: 22, text: true },
    { field: 'name', width: 12 },
    { field: 'platform', width: 36 },
    { field: 'occupation', width: 18 },
    { field: 'courseName', width: 24 },
    { field: 'startDate', width: 14 },
    { field: 'endDate', width: 14 },
    { field: 'hours', width: 8 },
    { field: 'signedIn', width: 10 },
    { field: 'learningRecord', width: 24 },
    { field: 'testResult', width: 16 },
  ],
};

export function templateColumns(kind: ImportKind) {
  return COLUMNS[kind].map((c) => ({ ...c, header: fieldLabel(kind, c.field) }));
}

const INSTRUCTIONS: Record<ImportKind, string[]> = {
  trainees: [
    '1. 每行填写一名学员，不要合并单元格；表头（第一行）不要修改。标 * 的列必须填写。',
    '2. 身份证号：18位，最后一位可以是 X。本列已设为“文本”格式；如果从别的表格粘贴，请用“选择性粘贴 → 数值”，不要让号码变成 2.30102E+17 这样的数字。',
    '3. 联系电话：11位手机号码，或带区号的座机号码，例如 0451-12345678。',
    `4. 人员类别：${PERSON_CATEGORIES.map((c) => c.name).join('、')}。一人属于多个类别时用顿号分隔，例如“建档立卡贫困劳动力、两后生”。`,
    '5. 户籍：填“农村”或“城镇”（农业户口、非农业户口也可以）。',
    '6. 注册日期：写成 2020-04-01、2020/4/1 或 2020年4月1日。',
    '7. 注册平台：从下拉列表中选择；不在列表中的平台请先在“平台目录”中添加。可以不填。',
    '8. 导入时先检查：程序会列出有问题的行、列和原因；全部正确后才导入，或选择只导入正确的行。',
  ],
  enrolments: [
    '1. 每行填写一名学员在一个平台上学习的一门课程（一个培训人次）。表头（第一行）不要修改。标 * 的列必须填写。',
    '2. 身份证号：该学员必须已在本单位登记。本列已设为“文本”格式，请不要让号码变成 2.30102E+17 这样的数字。',
    '3. 培训平台、职业（工种）：从下拉列表中选择。',
    '4. 开始日期、结束日期：写成 2020-04-01、2020/4/1 或 2020年4月1日；结束日期可以不填，不能早于开始日期。',
    '5. 学时：数字，例如 8 或 8.5。是否签到：填“是”或“否”。',
    '6. 同一学员、同一平台、同一课程、同一开始日期的记录只导入一次。',
  ],
};

export interface TemplateLists {
  platforms: readonly string[];
  occupations: readonly string[];
}

function listRange(options: ExcelJS.Worksheet, column: number, values: readonly string[]): string {
  values.forEach((value, i) => {
    options.getCell(i + 1, column).value = value;
  });
  const letter = String.fromCharCode(64 + column);
  return `选项!$${letter}$1:$${letter}$${Math.max(values.length, 1)}`;
}

export async function buildTemplate(kind: ImportKind, lists: TemplateLists): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(kind === 'trainees' ? '学员名单' : '培训记录', { views: [{ state: 'frozen', ySplit: 1 }] });
  const instructions = workbook.addWorksheet('填写说明');
  const options = workbook.addWorksheet('选项', { state: 'hidden' });
  const columns = templateColumns(kind);
  sheet.columns = columns.map((c) => ({
    header: REQUIRED_FIELDS[kind].includes(c.field) ? `*${c.header}` : c.header,
    width: c.width,
    style: c.text ? { numFmt: '@' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  const ranges: Partial<Record<ImportField, string>> = {
    categories: listRange(options, 1, PERSON_CATEGORIES.map((c) => c.name)),
    ruralHukou: listRange(options, 2, ['农村', '城镇']),
    platform: listRange(options, 3, lists.platforms),
    occupation: listRange(options, 4, lists.occupations),
    signedIn: listRange(options, 5, ['是', '否']),
  };
  columns.forEach((column, i) => {
    const range = ranges[column.field];
    const letter = String.fromCharCode(65 + i);
    if (column.text) {
      for (let r = 2; r <= PREPARED_ROWS; r += 1) sheet.getCell(`${letter}${r}`).numFmt = '@';
    }
    if (!range) return;
    // Categories may hold several names ("A、B"): a warning, not a stop, lets the clerk type a combination.
    const several = column.field === 'categories';
    for (let r = 2; r <= PREPARED_ROWS; r += 1) {
      sheet.getCell(`${letter}${r}`).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [range],
        showErrorMessage: true,
        errorStyle: several ? 'warning' : 'stop',
        errorTitle: '请从列表中选择',
        error: several ? '多个类别请用顿号分隔，每个都必须是规定的类别。' : `请从下拉列表中选择${column.header}。`,
      };
    }
  });
  instructions.getColumn(1).width = 120;
  instructions.addRow([kind === 'trainees' ? '学员名单导入模板 · 填写说明' : '培训记录导入模板 · 填写说明']).font = { bold: true, size: 14 };
  for (const line of INSTRUCTIONS[kind]) instructions.addRow([line]).alignment = { wrapText: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

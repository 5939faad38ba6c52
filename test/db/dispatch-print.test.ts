/**
 * The official table printed: the .xlsx read back with exceljs (merged ranges, labels, figures, page setup); the
 * PDF printed by Debian's Chromium, read back with pdftotext; and page 1 rendered to PNG and compared with the
 * committed reference image, so that a layout regression fails. Regenerate the reference after an intended layout
 * change with UPDATE_REFERENCE=1 and look at it before committing.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPdfPrinter } from '../../src-node/print/pdf';
import { renderTableHtml } from '../../src-shared/print/html-table';
import { buildCountyTable } from '../../src-shared/domain/dispatch-table';
import { fillDispatchFixture, PERIOD_1_FIGURES } from '../support/dispatch-fixture';
import { decodePngGray, differingShare, inkShare } from '../support/png-gray';
import { openTempApp, type TempApp } from '../support/temp-app';

const REFERENCE = path.resolve(__dirname, '../fixtures/dispatch-table-reference.png');
/** Anti-aliasing may move a few pixels; a moved line, column or paragraph moves far more than this. */
const TOLERANCE = 0.005;

let app: TempApp;
let work: string;
let periodId: string;

beforeAll(async () => {
  app = await openTempApp();
  await fillDispatchFixture(app.context);
  await app.context.invoke('settings.set', { contactPhone: '0451-82345678' });
  periodId = (await app.context.services.reference.periods())[0]!.id;
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-print-'));
}, 60_000);

afterAll(async () => {
  await app.dispose();
  fs.rmSync(work, { recursive: true, force: true });
});

async function exported(format: 'pdf' | 'xlsx' | 'html'): Promise<{ fileName: string; bytes: Buffer }> {
  const result = await app.context.invoke('table.export', { target: { periodId }, format });
  if (!result.ok) throw new Error(`${result.error.code} ${result.error.message}`);
  const data = result.data as { fileName: string; base64: string; byteLength: number };
  const bytes = Buffer.from(data.base64, 'base64');
  expect(bytes.length).toBe(data.byteLength);
  return { fileName: data.fileName, bytes };
}

describe('.xlsx', () => {
  it('reads back with the merged header, every label, the figures and the A4 landscape page setup', async () => {
    const { fileName, bytes } = await exported('xlsx');
    expect(fileName).toBe('线上培训行动实施情况双周调度表_哈尔滨市道里区_2020-04-10.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['调度表', '附页']);
    const sheet = workbook.getWorksheet('调度表')!;
    const merges = (sheet.model as unknown as { merges: string[] }).merges;
    expect([...merges].sort()).toEqual(['A2:E2', 'A3:E3', 'A4:B4', 'C4:E4', 'A7:E7', 'A8:E8'].sort());
    const text = (address: string) => String(sheet.getCell(address).value);
    expect(text('A1')).toBe('附件');
    expect(text('A2')).toBe('线上培训行动实施情况双周调度表');
    expect(text('A3')).toBe('填报单位：哈尔滨市道里区');
    expect(text('A4')).toBe('线上培训学员情况');
    expect(text('C4')).toBe('纳入机构目录的线上培训平台数量');
    expect(['A5', 'B5', 'C5', 'D5', 'E5'].map(text)).toEqual(['实名注册学员人次数', '线上培训总人次数', '面向全省', '面向地市', '部推荐54家线上平台机构※']);
    expect(['A6', 'B6', 'C6', 'D6', 'E6'].map((a) => sheet.getCell(a).value)).toEqual(Object.values(PERIOD_1_FIGURES));
    expect(text('A7')).toBe('注：※采用情况（具体平台名称）可另附页');
    expect(text('A8')).toBe('截止日期：2020年4月10日');
    expect(['A10', 'B10', 'C10'].map(text)).toEqual(['填表人：张三', '审核人：', '联系电话：0451-82345678']);
    expect(text('D10')).toMatch(/^填报日期：\d{4}年\d{1,2}月\d{1,2}日$/);
    expect(sheet.getCell('A5').border.top?.style).toBe('thin');
    expect(sheet.getCell('A5').font.name).toBe('黑体');
    expect(sheet.getCell('A6').font.name).toBe('仿宋');
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 1, printArea: 'A1:E10' });
    expect(sheet.getColumn(5).width).toBeGreaterThan(sheet.getColumn(1).width!);

    const attached = workbook.getWorksheet('附页')!;
    expect(String(attached.getCell('A2').value)).toContain('部推荐54家线上平台机构采用情况');
    const names = [String(attached.getCell('B4').value), String(attached.getCell('B5').value)].sort();
    expect(names).toEqual(['中国职业培训在线', '技能强国-全国产业工人技能学习平台'].sort());
  });
});

describe('PDF', () => {
  it('is printed by Chromium with every label and figure, and the attached page', async () => {
    const { fileName, bytes } = await exported('pdf');
    expect(fileName.endsWith('.pdf')).toBe(true);
    const file = path.join(work, 'table.pdf');
    fs.writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const label of [
      '附件',
      '线上培训行动实施情况双周调度表',
      '填报单位：哈尔滨市道里区',
      '线上培训学员情况',
      '纳入机构目录的线上培训平台数量',
      '实名注册学员人次数',
      '线上培训总人次数',
      '面向全省',
      '面向地市',
      '部推荐54家线上平台机构※',
      '注：※采用情况（具体平台名称）可另附页',
      '截止日期：2020年4月10日',
      '填表人：张三',
      '审核人：',
      '联系电话：0451-82345678',
      '附页',
      '中国职业培训在线',
      '技能强国-全国产业工人技能学习平台',
    ]) {
      expect(text, label).toContain(label);
    }
    const figuresLine = text.split('\n').find((line) => /^\s*\d+(\s+\d+){4}\s*$/.test(line));
    expect(figuresLine?.trim().split(/\s+/).map(Number)).toEqual(Object.values(PERIOD_1_FIGURES));
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+2/);
    // A4 landscape (841.89 x 595.28 pt; Chromium rounds to whole pixels).
    expect(info).toMatch(/Page size:\s+84[12]\.\d+ x 59[45]\.\d+ pts \(A4\)/);
  });

  it('renders page 1 like the committed reference image', async () => {
    // A fixed model (no dates from the clock), so the picture is the same every day.
    const model = buildCountyTable({
      unitName: '哈尔滨市道里区',
      cutoffDate: '2020-04-10',
      figures: { registeredTrainees: 1234, trainingPersonTimes: 5678, provincePlatforms: 3, cityPlatforms: 2, nationalPlatforms: 2 },
      nationalPlatformNames: ['中国职业培训在线', '技能强国-全国产业工人技能学习平台'],
      signatures: { filledBy: '张三', phone: '0451-82345678', filledOn: '2020-04-11' },
    });
    const printer = chromiumPdfPrinter({ idleMs: 0 });
    const render = async (html: string, name: string) => {
      const pdf = path.join(work, `${name}.pdf`);
      fs.writeFileSync(pdf, await printer.print(html));
      execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(work, name)]);
      return fs.readFileSync(path.join(work, `${name}.png`));
    };
    const actual = await render(renderTableHtml(model), 'page');
    if (process.env.UPDATE_REFERENCE === '1') fs.writeFileSync(REFERENCE, actual);
    const reference = decodePngGray(fs.readFileSync(REFERENCE));
    const page = decodePngGray(actual);
    expect(inkShare(page)).toBeGreaterThan(0.01);
    expect(differingShare(page, reference)).toBeLessThan(TOLERANCE);

    // The comparison has teeth: the same table with its header row a little taller differs beyond the tolerance.
    const shifted = await render(renderTableHtml(model).replace('</style>', 'th { padding-top: 4mm; }</style>'), 'shifted');
    expect(differingShare(decodePngGray(shifted), reference)).toBeGreaterThan(TOLERANCE);
  }, 60_000);
});

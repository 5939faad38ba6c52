/**
 * The city report printed (issue #15 item 6) on both stores, through the staff routes: the official table with one
 * row per county as the city submitted it (a county left out by 强制上报 at 0, named in the note) and 合计, the 附页 of the
 * ministry-recommended platforms its accepted counties adopted, and the 填表人 / 审核人 / 联系电话 / 填报日期 lines; as
 * .xlsx (cells read back), as PDF printed by Debian's Chromium (page count, text by pdftotext) and as the preview
 * HTML. Refused before the city submitted, and to another city's account.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { countiesOf, type Unit } from '../../src-shared/domain/units';
import { NAMED_NATIONAL_PLATFORMS } from '../../src-shared/reference-data';
import { describeEachServer } from '../support/fixtures';
import { applyCountyOp, figuresOf, reportIdOf } from '../support/level-fixture';
import { asStaff } from '../support/staff';

const CUTOFF = '2020-04-10';
const QTH = '230900';
const [XINXING, TAOSHAN, QIEZIHE, BOLI] = countiesOf(QTH) as [Unit, Unit, Unit, Unit];
const [P1, P2] = NAMED_NATIONAL_PLATFORMS.map((p) => p.name) as [string, string];
const FORCE_REASON = `${QIEZIHE.name}待核实，${BOLI.name}未报送，先行上报`;

async function submit(db: Parameters<typeof applyCountyOp>[0], county: string, n: number, names: string[]) {
  const id = reportIdOf(county, CUTOFF);
  const figures = { ...figuresOf(n), nationalPlatforms: names.length };
  const submittedAt = '2020-04-11T02:00:00.000Z';
  const outcome = await applyCountyOp(db, county, 'dispatch_report', id, { id, periodId: `default-${CUTOFF}`, cutoffDate: CUTOFF, countyCode: county, status: 'submitted', computed: { figures, nationalPlatformNames: names, computedAt: submittedAt }, adjustments: [], figures, forceReason: null, submittedAt });
  expect(outcome.status).toBe('applied');
}

/** Every cell's text of a sheet, row by row. */
function sheetText(sheet: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell) => cells.push(cell.value === null || cell.value === undefined ? '' : String(cell.value)));
    rows.push(cells);
  });
  return rows;
}

describeEachServer('the city report printed', { server: { staff: { now: () => new Date('2020-04-12T02:00:00Z') } } }, (test) => {
  let qth: string;
  let province: string;
  let other: string;
  const get = (app: Parameters<typeof asStaff>[0], token: string, format: 'html' | 'xlsx' | 'pdf') => asStaff(app, token, { method: 'GET', url: `/api/v1/staff/city-reports/${QTH}/${CUTOFF}/table.${format}` });

  test.beforeAll(async ({ store, staffLogin }) => {
    qth = await staffLogin('qth-clerk', 'city', QTH);
    province = await staffLogin('prov', 'province');
    other = await staffLogin('jixi-clerk', 'city', '230300');
    await submit(store.db, XINXING.code, 10, [P1, P2]);
    await submit(store.db, TAOSHAN.code, 20, [P1]);
    await submit(store.db, QIEZIHE.code, 30, []);
  });

  test('is refused before the city submitted its city report, saying what to do', async ({ server }) => {
    const early = await get(server.app, qth, 'html');
    expect(early.status).toBe(409);
    expect(early.json).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('还没有上报市级报表') } });
  });

  test('submitted with 强制上报, it prints the frozen rows, 合计, the 附页 and the signature lines as .xlsx', async ({ server }) => {
    for (const county of [XINXING.code, TAOSHAN.code]) {
      expect((await asStaff(server.app, qth, { method: 'POST', url: `/api/v1/staff/reports/${county}/${CUTOFF}/accept`, payload: {} })).status).toBe(200);
    }
    const submitted = await asStaff(server.app, qth, { method: 'POST', url: `/api/v1/staff/city-reports/${QTH}/${CUTOFF}/submit`, payload: { note: null, forceReason: FORCE_REASON } });
    expect(submitted.json).toMatchObject({ ok: true, data: { stage: 'submitted' } });

    const xlsx = await get(server.app, qth, 'xlsx');
    expect(xlsx.status).toBe(200);
    expect(String(xlsx.response.headers['content-disposition'])).toContain(encodeURIComponent('市级报表-七台河市-2020-04-10.xlsx'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.response.rawPayload as unknown as ArrayBuffer);
    const table = sheetText(workbook.worksheets[0]!);
    const flat = table.flat();
    expect(flat).toContain('填报单位：七台河市');
    const rowOf = (name: string) => table.find((r) => r[0] === name);
    expect(rowOf(XINXING.name)?.slice(1, 6).map(Number)).toEqual([10, 20, 1, 0, 2]);
    expect(rowOf(TAOSHAN.name)?.slice(1, 6).map(Number)).toEqual([20, 40, 1, 0, 1]);
    // 茄子河 was pending and 勃利 never reported: in the table at 0, not their figures, and named in the note.
    expect(rowOf(QIEZIHE.name)?.slice(1, 6).map(Number)).toEqual([0, 0, 0, 0, 0]);
    expect(rowOf(BOLI.name)?.slice(1, 6).map(Number)).toEqual([0, 0, 0, 0, 0]);
    expect(flat.some((c) => c.startsWith('注：※') && c.includes(`${QIEZIHE.name}、${BOLI.name}本期未审核通过，未计入本表`))).toBe(true);
    expect(rowOf('合计')?.slice(1, 3).map(Number)).toEqual([30, 60]);
    expect(table.map((r) => r[0]).indexOf('合计')).toBeGreaterThan(table.map((r) => r[0]).indexOf(BOLI.name));
    for (const label of ['填表人：', '审核人：', '联系电话：', '填报日期：']) expect(flat.some((c) => c.startsWith(label)), label).toBe(true);
    expect(flat).toContain('填表人：qth-clerk');
    expect(flat).toContain('填报日期：2020年4月12日');
    const attached = sheetText(workbook.getWorksheet('附页')!);
    expect(attached.find((r) => r.includes(P1))).toContain('2');
    expect(attached.find((r) => r.includes(P2))).toContain('1');
  });

  test('prints the same as PDF on A4 (table and 附页: two pages) and as the preview HTML; the province may print it too', async ({ server }) => {
    const pdf = await get(server.app, province, 'pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.response.headers['content-type']).toBe('application/pdf');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'city-report-'));
    try {
      const file = path.join(dir, 'city.pdf');
      fs.writeFileSync(file, pdf.response.rawPayload);
      expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Pages:\s+2/);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      for (const label of ['线上培训行动实施情况双周调度表', '填报单位：七台河市', XINXING.name, BOLI.name, '本期未审核通过', '合计', '截止日期：2020年4月10日', '填表人：qth-clerk', '审核人：', '联系电话：', '填报日期：2020年4月12日', '附页', '七台河市汇总，共 2 家', P2]) {
        expect(text, label).toContain(label);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const html = await get(server.app, qth, 'html');
    expect((html.json as { data: { html: string } }).data.html).toContain(`${QIEZIHE.name}、${BOLI.name}本期未审核通过`);
  });

  test('is refused to another city\'s account', async ({ server }) => {
    expect((await get(server.app, other, 'xlsx')).status).toBe(403);
  });
});

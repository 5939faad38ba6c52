/**
 * The renderers on the roll-up variant (what the provincial server prints for a city or the province) and on
 * hostile text: HTML structure and escaping, .xlsx merges and page setup. The county variant is covered end to end
 * in test/db/dispatch-print.test.ts.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderTableHtml } from '../../src-shared/print/html-table';
import { renderTableXlsx } from '../../src-node/print/xlsx-table';
import { buildCountyTable, buildRollupTable } from '../../src-shared/domain/dispatch-table';

const SIGNATURES = { filledBy: '王五', phone: '0451-1', filledOn: '2020-04-26' };
const figures = (r: number, t: number) => ({ registeredTrainees: r, trainingPersonTimes: t, provincePlatforms: 2, cityPlatforms: 1, nationalPlatforms: 1 });
const rollup = buildRollupTable({
  unitName: '哈尔滨市',
  cutoffDate: '2020-04-24',
  units: [
    { unitName: '道里区', figures: figures(100, 300), nationalPlatformNames: ['中国职业培训在线'] },
    { unitName: '南岗区', figures: figures(50, 80), nationalPlatformNames: ['中国职业培训在线'] },
  ],
  distinctPlatformTotals: { provincePlatforms: 2, cityPlatforms: 1, nationalPlatforms: 1 },
  signatures: SIGNATURES,
});

describe('HTML', () => {
  it('renders the roll-up with a unit column over both header rows, one row per unit and 合计', () => {
    const html = renderTableHtml(rollup);
    expect(html).toContain('<th rowspan="2" scope="col">单位</th>');
    expect(html).toContain('<th colspan="2" scope="colgroup">线上培训学员情况</th>');
    expect(html).toContain('<th colspan="3" scope="colgroup">纳入机构目录的线上培训平台数量</th>');
    expect(html).toContain('<tr class="total"><td class="unit-name">合计</td><td>150</td><td>380</td><td>2</td><td>1</td><td>1</td></tr>');
    expect(html).toContain('@page { size: A4 landscape;');
    expect(html).toMatch(/采用单位数[\s\S]*中国职业培训在线<\/td><td>2<\/td>/);
  });

  it('escapes names typed by clerks, and has no script', () => {
    const model = buildCountyTable({
      unitName: '<script>alert(1)</script>',
      cutoffDate: '2020-04-10',
      figures: figures(1, 1),
      nationalPlatformNames: ['"平台" & <b>'],
      signatures: { ...SIGNATURES, filledBy: "O'Neil" },
    });
    const html = renderTableHtml(model);
    expect(html).not.toMatch(/<script|<b>/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;平台&quot; &amp; &lt;b&gt;');
    expect(html).toContain('O&#39;Neil');
  });
});

describe('.xlsx', () => {
  it('merges the roll-up header, stores figures as numbers and repeats the header rows when printed', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderTableXlsx(rollup)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('调度表')!;
    const merges = (sheet.model as unknown as { merges: string[] }).merges;
    expect(merges).toEqual(expect.arrayContaining(['A2:F2', 'A3:F3', 'A4:A5', 'B4:C4', 'D4:F4']));
    expect(sheet.getCell('A4').value).toBe('单位');
    expect(sheet.getRow(8).values).toEqual([undefined, '合计', 150, 380, 2, 1, 1]);
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, printArea: 'A1:F12' });
    const attached = workbook.getWorksheet('附页')!;
    expect(attached.getRow(3).values).toEqual([undefined, '序号', '平台名称', '采用单位数']);
    expect(attached.getRow(4).values).toEqual([undefined, 1, '中国职业培训在线', 2]);
  });

  it('says so on the attached page when no ministry-recommended platform was adopted', async () => {
    const model = buildCountyTable({ unitName: '道里区', cutoffDate: '2020-04-10', figures: figures(0, 0), nationalPlatformNames: [], signatures: SIGNATURES });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderTableXlsx(model)) as unknown as ArrayBuffer);
    expect(String(workbook.getWorksheet('附页')!.getCell('A4').value)).toContain('未采用');
    expect(renderTableHtml(model)).toContain('本单位截至该日未采用部推荐线上平台机构。');
  });
});

/**
 * Issue #17 item 7: the province's roll-up (13 cities + 合计) prints on one A4 landscape page with its note and
 * signature line, the 附页 on the next; a longer roll-up (a province of 30 units) spills onto more pages with the
 * column headings repeated at the top of each. Printed by Debian's Chromium, read back with pdfinfo and pdftotext.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromiumPdfPrinter, type PdfPrinter } from '../../src-node/print/pdf';
import { buildRollupTable } from '../../src-shared/domain/dispatch-table';
import { zeroFigures } from '../../src-shared/domain/dispatch-figures';
import { citiesOfProvince, HEILONGJIANG_CODE } from '../../src-shared/domain/units';
import { renderTableHtml } from '../../src-shared/print/html-table';

let printer: PdfPrinter;
let work: string;
beforeAll(() => {
  printer = chromiumPdfPrinter({ idleMs: 0 });
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'skills-desk-rollup-print-'));
});
afterAll(async () => {
  await printer.close();
  fs.rmSync(work, { recursive: true, force: true });
});

async function printed(unitNames: readonly string[]): Promise<{ pages: string[] }> {
  const units = unitNames.map((unitName, i) => ({ unitName, figures: { ...zeroFigures(), registeredTrainees: 1000 + i, trainingPersonTimes: 20_000 + i }, nationalPlatformNames: [] }));
  const model = buildRollupTable({ unitName: '黑龙江省', cutoffDate: '2020-04-10', units, signatures: { filledBy: '张三', reviewer: '李四', phone: '0451-82345678', filledOn: '2020-04-11' } });
  const file = path.join(work, `rollup-${unitNames.length}.pdf`);
  fs.writeFileSync(file, await printer.print(renderTableHtml(model)));
  const count = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  const pages = Array.from({ length: count }, (_, i) => execFileSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), file, '-'], { encoding: 'utf8' }));
  return { pages };
}

it('prints the 13 cities of Heilongjiang and 合计 on one page, signatures included, the 附页 next', async () => {
  const cities = citiesOfProvince(HEILONGJIANG_CODE).map((c) => c.name);
  expect(cities).toHaveLength(13);
  const { pages } = await printed(cities);
  expect(pages).toHaveLength(2);
  for (const text of [...cities, '合计', '13,078', '审核人：李四', '联系电话：0451-82345678', '填报日期：2020年4月11日']) expect(pages[0]).toContain(text);
  expect(pages[1]).toContain('部推荐54家线上平台机构采用情况（黑龙江省汇总');
}, 120_000);

it('repeats the column headings on every page of a roll-up too long for one', async () => {
  const units = Array.from({ length: 30 }, (_, i) => `第${i + 1}单位`);
  const { pages } = await printed(units);
  // The 附页 is always the last page.
  const tablePages = pages.slice(0, -1);
  expect(tablePages.length).toBeGreaterThan(1);
  expect(pages.at(-1)).toContain('部推荐54家线上平台机构采用情况');
  for (const page of tablePages) expect(page).toContain('实名注册学员人次数');
  expect(tablePages.at(-1)).toContain('合计');
}, 120_000);

/**
 * Issue 14 item 3: old formats are read (SheetJS in the import worker), so a forged .xls or .et must come back as
 * a Chinese message saying what to do, with nothing imported, and must not take more than the worker's heap: every
 * file here is also read by a worker with a small heap (64 MB), which still answers with the clerk's message
 * rather than dying. A CSV of one line with a million columns is stopped by the column limit.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIFF_DAMAGED, BIFF_FORGED, NOT_A_WORKBOOK_BUT_HTML, TOO_MANY_COLUMNS, XLSX_DAMAGED } from '../../src-main/core/import/limits';
import { listSheets, readSheet } from '../../src-main/core/import/read-sheet';
import { liveTrainees, xlsxBytes } from '../db/import-fixtures';
import { openTempApp, validIdNumber, type TempApp } from '../support/temp-app';
import { deflated, zipFile, ROSTER_HEADER } from '../support/zip-writer';

let app: TempApp;
beforeEach(async () => {
  app = await openTempApp();
});
afterEach(async () => {
  await app.dispose();
});

const OLE_HEADER = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const SMALL_HEAP = { resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 } };

/** A real one-trainee .xls (BIFF8) as Excel 97-2003 saves it. */
function xlsRoster(): Buffer {
  const sheet = XLSX.utils.aoa_to_sheet([ROSTER_HEADER, ['张三', validIdNumber('19900101', 11), '13800138000', '失业人员', '农村', '2020-04-01']]);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, '名单');
  return XLSX.write(book, { type: 'buffer', bookType: 'biff8' }) as Buffer;
}

/**
 * The .xls with its DIMENSIONS record (0x0200, BIFF8: first row, last row + 1 as 32-bit, first/last column as
 * 16-bit) rewritten to claim two billion rows: a reader that sizes anything from it would allocate without bound.
 */
function hugeRowCount(): Buffer {
  const bytes = Buffer.from(xlsRoster());
  const record = Buffer.from([0x00, 0x02, 0x0e, 0x00]);
  let at = bytes.indexOf(record);
  let patched = 0;
  while (at >= 0) {
    bytes.writeUInt32LE(0x7fffffff, at + 4 + 4);
    patched += 1;
    at = bytes.indexOf(record, at + 1);
  }
  expect(patched).toBeGreaterThan(0);
  return bytes;
}

/** Deterministic "random" bytes (an LCG): the same forged file on every run. */
function noise(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0;
  for (let i = 0; i < length; i += 1) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

async function refusedEverywhere(name: string, bytes: Buffer, message: string | RegExp): Promise<void> {
  const file = path.join(app.dir, name);
  fs.writeFileSync(file, bytes);
  // The service path, as the import page uploads it.
  const stored = await app.context.services.files.put(bytes, name);
  const result = await app.context.invoke('import.dryRun', { fileId: stored.fileId, kind: 'trainees' });
  expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', message } });
  expect(await liveTrainees(app.context)).toBe(0);
  // The readers in a worker with a small heap: the same message, not a dead worker (XLSX_CRASHED).
  await expect(listSheets(file, SMALL_HEAP)).rejects.toThrow(message);
}

/** After a hostile file the next real roster is read and imported. */
async function realRosterImports(): Promise<void> {
  const stored = await app.context.services.files.put(xlsRoster(), '名单.xls');
  const dry = await app.context.invoke('import.dryRun', { fileId: stored.fileId, kind: 'trainees' });
  expect(dry).toMatchObject({ ok: true, data: { counts: { new: 1, invalid: 0 } } });
  const { jobId } = (dry as { data: { jobId: string } }).data;
  expect(await app.context.invoke('import.commit', { jobId, skipInvalid: false })).toMatchObject({ ok: true, data: { imported: 1 } });
}

describe('hostile old-format files', () => {
  it('refuses random bytes behind an OLE header', async () => {
    await refusedEverywhere('forged.xls', Buffer.concat([OLE_HEADER, noise(64 * 1024, 14)]), BIFF_DAMAGED);
    await refusedEverywhere('forged-short.xls', Buffer.concat([OLE_HEADER, noise(100, 3)]), BIFF_DAMAGED);
    // SheetJS takes a zeroed header for a zip and says "Unsupported ZIP encryption": damaged, not password-protected.
    await refusedEverywhere('zeroed.xls', Buffer.concat([OLE_HEADER, Buffer.alloc(504)]), BIFF_DAMAGED);
    await realRosterImports();
  }, 60_000);

  it('refuses a BIFF whose dimensions claim two billion rows', async () => {
    await refusedEverywhere('huge.xls', hugeRowCount(), new RegExp(`${escape(BIFF_FORGED)}|${escape(BIFF_DAMAGED)}`));
    await realRosterImports();
  }, 60_000);

  it('refuses a zip that is no workbook, renamed .xls', async () => {
    const zip = zipFile([deflated('readme.txt', '这不是表格'), deflated('photo.jpg', noise(2048, 9))]);
    await refusedEverywhere('renamed.xls', zip, XLSX_DAMAGED);
    await realRosterImports();
  }, 60_000);

  it('reads a real .xlsx that was renamed .xls (the content decides, not the name)', async () => {
    const bytes = await xlsxBytes({ header: ROSTER_HEADER, rows: [['李四', validIdNumber('19850505', 21), '13800138001', '失业人员', '农村', '2020-04-01']] });
    const stored = await app.context.services.files.put(bytes, '名单.xls');
    expect(await app.context.invoke('import.dryRun', { fileId: stored.fileId, kind: 'trainees' })).toMatchObject({ ok: true, data: { counts: { new: 1 } } });
  });

  it('refuses an .et that is really an HTML page (a system "exported to Excel")', async () => {
    const html = `<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="utf-8"></head><body><table>` +
      `<tr>${ROSTER_HEADER.map((h) => `<td>${h}</td>`).join('')}</tr>` +
      `<tr><td>张三</td><td>${validIdNumber('19900101', 11)}</td><td>13800138000</td><td>失业人员</td><td>农村</td><td>2020-04-01</td></tr></table></body></html>`;
    await refusedEverywhere('export.et', Buffer.from(html, 'utf8'), NOT_A_WORKBOOK_BUT_HTML);
    await refusedEverywhere('export.xls', Buffer.from(`\uFEFF\r\n<!DOCTYPE html>${html}`, 'utf8'), NOT_A_WORKBOOK_BUT_HTML);
    await refusedEverywhere('export2003.xls', Buffer.from('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>', 'utf8'), NOT_A_WORKBOOK_BUT_HTML);
    await realRosterImports();
  }, 60_000);

  it('refuses a CSV of one line with a million columns by the column limit', async () => {
    const line = Buffer.from(`${ROSTER_HEADER.join(',')}${',x'.repeat(1_000_000)}\r\n`, 'utf8');
    const stored = await app.context.services.files.put(line, 'wide.csv');
    expect(await app.context.invoke('import.dryRun', { fileId: stored.fileId, kind: 'trainees' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: TOO_MANY_COLUMNS } });
    expect(await liveTrainees(app.context)).toBe(0);
    const file = path.join(app.dir, 'wide.csv');
    fs.writeFileSync(file, line);
    const read = async () => {
      for await (const row of readSheet(file)) void row;
    };
    await expect(read()).rejects.toThrow(TOO_MANY_COLUMNS);
    await realRosterImports();
  }, 60_000);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

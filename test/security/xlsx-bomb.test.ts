/**
 * Issue 18, item 5: a small .xlsx must not take the app down. Every bomb is built here from a few KB of deflate
 * (test/support/zip-writer.ts). Each file goes through the real path (import.dryRun: file store, format sniffing,
 * the worker thread, the dry run) and must come back as a Chinese error value with nothing imported, the process
 * still answering, and a normal file importing right after.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dryRun } from '../../src-main/core/import/dry-run';
import {
  CSV_TOO_LARGE,
  MAX_CSV_BYTES,
  MAX_ROWS,
  TOO_MANY_ROWS,
  TOO_MANY_STRINGS,
  XLSX_CRASHED,
  XLSX_LIMITS,
  XLSX_SIZE_MISMATCH,
  XLSX_SUSPICIOUS,
  XLSX_TOO_LARGE,
} from '../../src-main/core/import/limits';
import { readSheet, type ReadSheetOptions } from '../../src-main/core/import/read-sheet';
import { buildDirectory } from '../../src-main/core/import/row-parse';
import { UnreadableFileError } from '../../src-main/core/import/sheet-source';
import { checkZipDirectory, openZipEntry, readZipDirectory } from '../../src-main/core/import/zip-directory';
import { dryRunBytes, liveTrainees, xlsxBytes } from '../db/import-fixtures';
import { openTempApp, validIdNumber, type TempApp } from '../support/temp-app';
import {
  deflated,
  repeatedDeflate,
  SHEET_HEAD,
  SHEET_TAIL,
  STRINGS_HEAD,
  STRINGS_TAIL,
  ROSTER_HEADER,
  rowCells,
  xlsxOf,
  type ZipPart,
} from '../support/zip-writer';

let app: TempApp;
beforeEach(async () => {
  app = await openTempApp();
});
afterEach(async () => {
  await app.dispose();
});

const HEADER = ROSTER_HEADER;
const cells = rowCells;
const HEADER_ROW = `<row r="1">${cells(1, HEADER)}</row>`;
const rosterRow = (r: number, seq: number) => `<row r="${r}">${cells(r, ['张三', validIdNumber('19900101', seq), '13800138000', '失业人员', '农村', '2020-04-01'])}</row>`;

/** A valid one-trainee sheet, with `extraRows` more XML after it. */
function roster(extraRows = ''): ZipPart {
  return deflated('xl/worksheets/sheet1.xml', `${SHEET_HEAD}${HEADER_ROW}${rosterRow(2, 11)}${extraRows}${SHEET_TAIL}`);
}

/** ~1 MB of shared strings, 1,000 strings of 1,000 letters: 3,900 copies are the 3.9 GB. */
const MEGABYTE_OF_STRINGS = `<si><t>${'A'.repeat(1000)}</t></si>`.repeat(1000);

function stringsBomb(declaredSize?: number): ZipPart {
  const part = repeatedDeflate('xl/sharedStrings.xml', STRINGS_HEAD, MEGABYTE_OF_STRINGS, 3900, STRINGS_TAIL);
  return declaredSize === undefined ? part : { ...part, declaredSize };
}

function writeFile(name: string, bytes: Buffer): string {
  const file = path.join(app.dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

async function refused(bytes: Buffer, message: string): Promise<void> {
  const result = await dryRunBytes(app.context, bytes, 'trainees');
  expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', message } });
}

/** The app is still up, and a normal file imports after the bad one. */
async function normalImportWorks(): Promise<void> {
  const rows = [['李四', validIdNumber('19850505', 21), '13800138001', '失业人员', '农村', '2020-04-01']];
  const dry = await dryRunBytes(app.context, await xlsxBytes({ header: HEADER, rows }), 'trainees');
  expect(dry).toMatchObject({ ok: true, data: { counts: { new: 1, invalid: 0 } } });
  const { jobId } = (dry as { data: { jobId: string } }).data;
  expect(await app.context.invoke('import.commit', { jobId, skipInvalid: false })).toMatchObject({ ok: true, data: { imported: 1 } });
  expect(await liveTrainees(app.context)).toBe(1);
}

describe('xlsx bombs: the zip directory is judged before anything is inflated', () => {
  it('refuses an 11 MB file whose shared strings declare 3.9 GB, from its directory alone', async () => {
    const bytes = xlsxOf(roster(), stringsBomb());
    expect(bytes.length).toBeLessThan(12 * 1024 * 1024);
    // readZipDirectory and checkZipDirectory read the directory only: no inflate stream exists yet.
    const file = writeFile('bomb.xlsx', bytes);
    await expect(readZipDirectory(file, XLSX_LIMITS).then((entries) => checkZipDirectory(entries, XLSX_LIMITS))).rejects.toThrow(XLSX_TOO_LARGE);
    await refused(bytes, XLSX_TOO_LARGE);
    expect(await liveTrainees(app.context)).toBe(0);
    await normalImportWorks();
  });

  it('refuses an entry that inflates more than 100:1, even within the size limits', async () => {
    // 50 MB of shared strings from ~50 KB: under every size limit, 1,000:1.
    const strings = repeatedDeflate('xl/sharedStrings.xml', STRINGS_HEAD, MEGABYTE_OF_STRINGS, 50, STRINGS_TAIL);
    await refused(xlsxOf(roster(), strings), XLSX_SUSPICIOUS);
    await normalImportWorks();
  });
});

describe('xlsx bombs: a directory that lies is stopped by the capped inflate', () => {
  it('stops a shared-strings entry that declares 1 KB and inflates to 3.9 GB at its declared size', async () => {
    const bytes = xlsxOf(roster(), stringsBomb(1024));
    const file = writeFile('liar.xlsx', bytes);
    const entries = await readZipDirectory(file, XLSX_LIMITS);
    checkZipDirectory(entries, XLSX_LIMITS); // the directory alone looks harmless
    let delivered = 0;
    const read = async () => {
      for await (const chunk of await openZipEntry(file, entries.find((e) => e.name === 'xl/sharedStrings.xml')!)) delivered += (chunk as Buffer).length;
    };
    await expect(read()).rejects.toThrow(XLSX_SIZE_MISMATCH);
    expect(delivered).toBeLessThanOrEqual(1024);
    await refused(bytes, XLSX_SIZE_MISMATCH);
    await normalImportWorks();
  });
});

describe('xlsx bombs: past the directory check, the row and shared-string caps hold', () => {
  it(`refuses a sheet of more than ${MAX_ROWS.toLocaleString('en')} rows`, async () => {
    const blankRows = Array.from({ length: MAX_ROWS }, (_, i) => `<row r="${i + 3}"/>`).join('');
    await refused(xlsxOf(roster(blankRows)), TOO_MANY_ROWS);
    await normalImportWorks();
  }, 60_000);

  it(`refuses a shared-strings table of more than ${XLSX_LIMITS.maxSharedStrings.toLocaleString('en')} strings`, async () => {
    const many = Array.from({ length: XLSX_LIMITS.maxSharedStrings + 1 }, (_, i) => `<si><t>${i}</t></si>`).join('');
    const strings = deflated('xl/sharedStrings.xml', `${STRINGS_HEAD}${many}${STRINGS_TAIL}`);
    expect(strings.size).toBeLessThan(XLSX_LIMITS.maxSharedStringsBytes);
    await refused(xlsxOf(roster(), strings), TOO_MANY_STRINGS);
    await normalImportWorks();
  }, 60_000);
});

describe('CSV: size and rows are capped too', () => {
  it('refuses a CSV over the size limit without reading it', async () => {
    // Text well past the 4 KB that format sniffing reads, then a sparse tail: the size is there, the bytes are not.
    const file = writeFile('big.csv', Buffer.from(`${HEADER.join(',')}\n${',,,,,\n'.repeat(2000)}`));
    fs.truncateSync(file, MAX_CSV_BYTES + 1);
    const stored = app.context.services.files.adopt(file);
    expect(await app.context.invoke('import.dryRun', { fileId: stored.fileId, kind: 'trainees' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: CSV_TOO_LARGE } });
  });

  it(`refuses a CSV of more than ${MAX_ROWS.toLocaleString('en')} rows`, async () => {
    const text = `${HEADER.join(',')}\n张三,${validIdNumber('19900101', 11)},13800138000,失业人员,农村,2020-04-01\n${',,,,,\n'.repeat(MAX_ROWS)}`;
    await refused(Buffer.from(text, 'utf8'), TOO_MANY_ROWS);
    await normalImportWorks();
  });
});

describe('xlsx: a worker that runs out of memory', () => {
  it('becomes a clear error with nothing imported, and the next import works', async () => {
    const { platforms, reference } = app.context.services;
    const directory = buildDirectory(await platforms.list(), await reference.occupations());
    const tiny: ReadSheetOptions = { resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 } };
    // Control: a one-trainee roster reads within the same tiny limits, so below it is the file that kills the worker.
    const small = writeFile('small.xlsx', xlsxOf(roster()));
    expect((await dryRun({ kind: 'trainees', file: small, db: app.context.db, directory, sheet: tiny })).counts).toMatchObject({ new: 1 });
    // 200,000 distinct 40-character strings: ~10 MB of XML, a table far larger than a 16 MB heap holds.
    const many = Array.from({ length: 200_000 }, (_, i) => `<si><t>${String(i).padStart(40, '0')}</t></si>`).join('');
    const heavy = writeFile('heavy.xlsx', xlsxOf(roster(), deflated('xl/sharedStrings.xml', `${STRINGS_HEAD}${many}${STRINGS_TAIL}`)));
    const failure = await (async () => {
      for await (const _ of readSheet(heavy, tiny)) {
        // reading to the end or to the failure
      }
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UnreadableFileError);
    expect(failure).toMatchObject({ message: XLSX_CRASHED, cause: { code: 'ERR_WORKER_OUT_OF_MEMORY' } });
    await expect(dryRun({ kind: 'trainees', file: heavy, db: app.context.db, directory, sheet: tiny })).rejects.toMatchObject({ code: 'VALIDATION', message: XLSX_CRASHED });
    expect(await liveTrainees(app.context)).toBe(0);
    // The same file with the default limits reads (it is a valid roster), in the same process.
    const plan = await dryRun({ kind: 'trainees', file: heavy, db: app.context.db, directory });
    expect(plan.counts).toMatchObject({ new: 1, invalid: 0 });
    await normalImportWorks();
  }, 60_000);
});

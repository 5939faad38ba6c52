/**
 * Attack on issue #18 item 5 (sec-attack): the row and size caps leave the width of a row free. One cell at column
 * XFD (16,384, Excel's last) in the header row makes every row 16,384 cells wide: the dry run keeps each rejected
 * row at the header's width (dry-run.ts, `reject`), in the app's main thread, so a few MB of tiny invalid rows
 * (200,000 x 16,384 cells) become gigabytes there, past the worker and its heap limit. A CSV header of 16,384 commas
 * does the same, parsed in the main thread itself. A row wider than MAX_COLUMNS (the UI maps columns 1-999) is
 * refused while it is read: in the worker for .xlsx, in the CSV parser for CSV.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_COLUMNS, TOO_MANY_COLUMNS } from '../../src-main/core/import/limits';
import { csvRows } from '../../src-main/core/import/csv-reader';
import { dryRunBytes } from '../db/import-fixtures';
import { openTempApp, validIdNumber, type TempApp } from '../support/temp-app';
import { deflated, ROSTER_HEADER, rowCells, SHEET_HEAD, SHEET_TAIL, textCell, xlsxOf } from '../support/zip-writer';

let app: TempApp;
beforeEach(async () => {
  app = await openTempApp();
});
afterEach(async () => {
  await app.dispose();
});

const HEADER = ROSTER_HEADER;
const cells = rowCells;

/** A header row with one more cell at column XFD, then `invalidRows` one-cell rows the dry run rejects. */
function wideSheet(invalidRows: number, far = textCell('XFD1', '备注')): Buffer {
  const header = `<row r="1">${cells(1, HEADER)}${far}</row>`;
  const good = `<row r="2">${cells(2, ['张三', validIdNumber('19900101', 11), '13800138000', '失业人员', '农村', '2020-04-01'])}</row>`;
  const bad = Array.from({ length: invalidRows }, (_, i) => `<row r="${i + 3}">${textCell(`A${i + 3}`, '无')}</row>`).join('');
  return xlsxOf(deflated('xl/worksheets/sheet1.xml', `${SHEET_HEAD}${header}${good}${bad}${SHEET_TAIL}`));
}

describe('rows wider than any roster are refused while they are read', () => {
  it('an .xlsx whose header has a cell at column XFD is refused with a clear message, nothing kept', async () => {
    const result = await dryRunBytes(app.context, wideSheet(50), 'trainees');
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: TOO_MANY_COLUMNS } });
  });

  it('a blank, merely formatted cell far right does not count: the file still imports', async () => {
    const result = await dryRunBytes(app.context, wideSheet(0, '<c r="XFD1" s="0"/>'), 'trainees');
    expect(result).toMatchObject({ ok: true, data: { counts: { new: 1 } } });
  });

  it('a CSV whose header line has 16,384 cells is refused by the parser, before the row is built', async () => {
    const csv = `${HEADER.join(',')}${','.repeat(16_384 - HEADER.length)}\n张三,${validIdNumber('19900101', 11)},13800138000,失业人员,农村,2020-04-01\n`;
    expect(() => [...csvRows(csv)]).toThrow(TOO_MANY_COLUMNS);
    const result = await dryRunBytes(app.context, Buffer.from(csv, 'utf8'), 'trainees');
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: TOO_MANY_COLUMNS } });
  });

  it('a row exactly MAX_COLUMNS wide still reads', () => {
    const csv = `${HEADER.join(',')}${','.repeat(MAX_COLUMNS - HEADER.length)}\n`;
    expect([...csvRows(csv)][0]?.cells.length).toBe(MAX_COLUMNS);
  });

  // The delimiter was chosen by splitting the whole first line three times: a 100 MB line of commas (no newline)
  // became three arrays of up to 100 million strings in the main thread before any cell was parsed.
  it('the delimiter is chosen without splitting the first line into arrays', () => {
    const split = vi.spyOn(String.prototype, 'split');
    try {
      const line = ','.repeat(2_000_000);
      expect(() => [...csvRows(line)]).toThrow(TOO_MANY_COLUMNS);
      const hugeSplits = split.mock.contexts.filter((text) => String(text).length >= 1_000_000);
      expect(hugeSplits).toEqual([]);
    } finally {
      split.mockRestore();
    }
  });
});

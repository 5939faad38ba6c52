/**
 * The roster corpus (test/fixtures/rosters, see its README) through the readers: each file's sheets are listed, the
 * roster sheet is the one offered first, its header is found on the row the manifest says (two rows for a two-row
 * header), and the rows after it hold the expected number of trainees, hidden ones marked.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellText } from '../../src-main/core/import/cells';
import { bestSheet, findHeaderRow, scoreSheets } from '../../src-main/core/import/header-row';
import { mapColumns } from '../../src-main/core/import/headers';
import { listSheets, readSheet } from '../../src-main/core/import/read-sheet';
import type { SheetRow } from '../../src-main/core/import/sheet-source';
import type { RosterExpectation } from '../fixtures/rosters/generate';

const dir = path.resolve(__dirname, '../fixtures/rosters');
const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as RosterExpectation[];

async function rowsOf(file: string, sheet: number): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const row of readSheet(file, { sheet })) rows.push(row);
  return rows;
}

describe('roster corpus through the readers', () => {
  it('has at least 12 rosters, each file present', () => {
    expect(manifest.length).toBeGreaterThanOrEqual(12);
    for (const entry of manifest) expect(fs.existsSync(path.join(dir, entry.file)), entry.file).toBe(true);
  });

  it.each(manifest.map((m) => [m.file, m] as const))('%s: sheet, header and row counts', async (_name, expected) => {
    const file = path.join(dir, expected.file);
    const sheets = scoreSheets('trainees', await listSheets(file));
    expect(sheets).toHaveLength(expected.sheets);
    const offered = bestSheet(sheets)!;
    expect(offered.number).toBe(expected.sheet);
    // Rows are counted only when there is a choice to make (several sheets).
    if (expected.sheets > 1) for (const sheet of sheets) expect(sheet.rowCount).toEqual(expect.any(Number));
    else expect(sheets[0]!.rowCount).toBeNull();

    const rows = await rowsOf(file, offered.number);
    const found = findHeaderRow('trainees', rows)!;
    expect(found.header.rowNumber).toBe(expected.headerRow);
    const map = mapColumns('trainees', found.header);
    expect(map.headers.filter((_, i) => map.fields[i] !== null)).toEqual(expected.header);
    // A trainee row has an ID number under the ID column: titles, 合计 and signature lines have none.
    const idColumn = map.fields.indexOf('idNumber');
    const data = rows.filter((r) => r.rowNumber > expected.headerRow && cellText(r.cells[idColumn] ?? null) !== '');
    expect(data).toHaveLength(expected.dataRows);
    expect(data.filter((r) => r.hidden)).toHaveLength(expected.hiddenRows);
  });
});

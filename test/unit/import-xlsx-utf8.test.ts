/** Chinese text read back intact by the streaming reader, whatever the chunk boundaries (see exceljs-utf8-fix.ts). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { completeUtf8Length } from '../../src-main/core/import/exceljs-utf8-fix';
import { readXlsxRows } from '../../src-main/core/import/xlsx-reader';

describe('UTF-8 across chunk boundaries', () => {
  it('cuts before an incomplete character', () => {
    const bytes = Buffer.from('a农村', 'utf8'); // 1 + 3 + 3 bytes
    expect(completeUtf8Length(bytes)).toBe(7);
    expect(completeUtf8Length(bytes.subarray(0, 6))).toBe(4);
    expect(completeUtf8Length(bytes.subarray(0, 5))).toBe(4);
    expect(completeUtf8Length(bytes.subarray(0, 1))).toBe(1);
  });

  it('reads 10,000 rows of Chinese inline strings without a replacement character', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'utf8-')), 'a.xlsx');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
    const sheet = workbook.addWorksheet('学员');
    for (let i = 0; i < 10_000; i += 1) sheet.addRow([`张三${i}`, '失业人员、两后生', '农村', '黑龙江省哈尔滨市道里区']).commit();
    sheet.commit();
    await workbook.commit();
    let rows = 0;
    for await (const row of readXlsxRows(file)) {
      rows += 1;
      expect(row.cells.join('')).not.toContain('\uFFFD');
    }
    expect(rows).toBe(10_000);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }, 60_000);
});

/**
 * Rows of the first worksheet of an .xlsx file, read with exceljs's streaming reader: memory stays bounded by a
 * row (plus the shared-strings table) whatever the number of rows. Date-formatted cells come back as Date (styles
 * are cached for that); formulas as their cached result; rich text as its plain text.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { installExcelUtf8Fix } from './exceljs-utf8-fix';
import type { RawCell, SheetRow } from './sheet-source';

installExcelUtf8Fix();

type ExcelValue = ExcelJS.CellValue | undefined;

/**
 * The text as a string of its own. V8 returns a substring of 13 or more characters as a view into its parent, and
 * the XML parser's cell texts are substrings of the decoded chunk (~100 rows): one ID number kept in an import plan
 * would keep its whole chunk alive, about 1 KB per kept row, 100 MB for a 100,000-row sheet. Concatenating makes
 * V8 copy the text into a new flat string, and the slice then refers to that copy only.
 */
export function detached(text: string): string {
  return text.length < 13 ? text : (text + ' ').slice(0, -1);
}

/** Flattens exceljs's cell value shapes to the plain values the importer understands. */
export function plainCell(value: ExcelValue): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return detached(value);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value !== 'object') return null;
  if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((part) => part.text ?? '').join('');
  if ('result' in value) return plainCell(value.result as ExcelValue);
  if ('formula' in value || 'sharedFormula' in value) return null;
  if ('text' in value && typeof value.text === 'string') return value.text; // hyperlink
  if ('error' in value) return null; // #N/A, #VALUE!
  return null;
}

export async function* readXlsxRows(file: string): AsyncGenerator<SheetRow> {
  const input = fs.createReadStream(file);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as ExcelValue[] | Record<string, ExcelValue>;
        const cells: RawCell[] = [];
        // row.values is 1-based and sparse: index 0 is always empty.
        const list = Array.isArray(values) ? values : [];
        for (let i = 1; i < list.length; i += 1) cells.push(plainCell(list[i]));
        yield { rowNumber: row.number, cells };
      }
      return; // The first worksheet only: further sheets are instructions or drop-down lists.
    }
  } finally {
    input.destroy();
  }
}

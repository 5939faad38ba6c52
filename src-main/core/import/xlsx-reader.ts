/**
 * Rows of the first worksheet of an .xlsx file, read with exceljs's streaming parsers: memory stays bounded by a
 * row (plus the shared-strings table, capped) whatever the number of rows. Runs inside the worker thread of
 * xlsx-worker.ts, never in the app's main thread. Date-formatted cells come back as Date (styles
 * are cached for that); formulas as their cached result; rich text as its plain text.
 */
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { installExcelUtf8Fix } from './exceljs-utf8-fix';
import { MAX_COLUMNS, TOO_MANY_COLUMNS, TOO_MANY_STRINGS, XLSX_DAMAGED, XLSX_LIMITS, type XlsxLimits } from './limits';
import { UnreadableFileError, type RawCell, type SheetRow } from './sheet-source';
import { checkZipDirectory, openZipEntry, readZipDirectory } from './zip-directory';

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

type Chunk = Buffer | string;

/** The parts of exceljs's WorkbookReader this reader drives (see readXlsxRows for why; exceljs-utf8-fix.ts patches the same). */
interface ReaderInternals {
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(entry: AsyncIterable<Chunk>, sheetNo: string): Generator<{ eventType: string; value: unknown }>;
}

const WORKSHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/;

/**
 * The shared-strings table grows by push() while exceljs parses it: counting there stops a table of millions of
 * tiny strings (which a byte cap alone would let through as ~40 bytes of heap per 16 bytes of XML) at the limit.
 */
function capSharedStrings(reader: object, max: number): void {
  let table: unknown = undefined;
  Object.defineProperty(reader, 'sharedStrings', {
    configurable: true,
    get: () => table,
    set: (value: unknown) => {
      if (Array.isArray(value)) {
        const push = value.push.bind(value);
        value.push = (...items: unknown[]) => {
          if (value.length + items.length > max) throw new UnreadableFileError(TOO_MANY_STRINGS);
          return push(...items);
        };
      }
      table = value;
    },
  });
}

async function drain(parts: AsyncGenerator<unknown>): Promise<void> {
  for await (const _ of parts) {
    // 'cache' mode yields nothing: the table is kept on the reader.
  }
}

/**
 * Rows of the first worksheet. The zip is opened through its central directory (zip-directory.ts), its declared
 * sizes judged before anything is inflated, and only the five entries the rows need are inflated, each capped at its
 * declared size, in the order exceljs needs them (shared strings before the sheet, so no temp file is written). The
 * XML is still parsed by exceljs, whose per-entry parsers are called directly instead of through its unzipper loop.
 */
export async function* readXlsxRows(file: string, limits: XlsxLimits = XLSX_LIMITS): AsyncGenerator<SheetRow> {
  const entries = await readZipDirectory(file, limits);
  checkZipDirectory(entries, limits);
  const named = (name: string) => entries.find((e) => e.name === name);
  // The first worksheet in the zip, as exceljs's own loop took it: further sheets are instructions or drop-downs.
  const sheet = entries.find((e) => WORKSHEET.test(e.name));
  if (!sheet) throw new UnreadableFileError(XLSX_DAMAGED);
  const sharedStrings = named('xl/sharedStrings.xml');
  if (sharedStrings && sharedStrings.uncompressedSize > limits.maxSharedStringsBytes) throw new UnreadableFileError(TOO_MANY_STRINGS);

  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const reader = workbook as unknown as ReaderInternals;
  capSharedStrings(workbook, limits.maxSharedStrings);
  const rels = named('xl/_rels/workbook.xml.rels');
  if (rels) await reader._parseRels(await openZipEntry(file, rels));
  const book = named('xl/workbook.xml');
  if (book) await reader._parseWorkbook(await openZipEntry(file, book));
  if (sharedStrings) await drain(reader._parseSharedStrings(await openZipEntry(file, sharedStrings)));
  const styles = named('xl/styles.xml');
  if (styles) await reader._parseStyles(await openZipEntry(file, styles));

  const input = await openZipEntry(file, sheet);
  try {
    for (const { eventType, value } of reader._parseWorksheet(input, WORKSHEET.exec(sheet.name)![1]!)) {
      if (eventType !== 'worksheet') continue;
      for await (const row of value as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as ExcelValue[] | Record<string, ExcelValue>;
        const cells: RawCell[] = [];
        // row.values is 1-based and sparse: index 0 is always empty.
        const list = Array.isArray(values) ? values : [];
        // Refused here, in the worker: a row as wide as its last cell would be cloned to the main thread and kept
        // there at that width for every rejected row (see MAX_COLUMNS).
        // Trailing empty cells (a formatted but blank column far right) do not count.
        let width = list.length - 1;
        while (width > MAX_COLUMNS && (list[width] === null || list[width] === undefined)) width -= 1;
        if (width > MAX_COLUMNS) throw new UnreadableFileError(TOO_MANY_COLUMNS);
        for (let i = 1; i <= width; i += 1) cells.push(plainCell(list[i]));
        yield { rowNumber: row.number, cells };
      }
    }
  } finally {
    input.destroy();
  }
}

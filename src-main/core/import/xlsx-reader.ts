/**
 * Rows of a worksheet of an .xlsx file (any sheet, hidden rows marked), read with exceljs's streaming parsers: memory stays bounded by a
 * row (plus the shared-strings table, capped) whatever the number of rows. Runs inside the worker thread of
 * xlsx-worker.ts, never in the app's main thread. Date-formatted cells come back as Date (styles
 * are cached for that); formulas as their cached result; rich text as its plain text.
 */
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { installExcelUtf8Fix } from './exceljs-utf8-fix';
import { MAX_COLUMNS, TOO_MANY_COLUMNS, TOO_MANY_STRINGS, XLSX_DAMAGED, XLSX_LIMITS, type XlsxLimits } from './limits';
import { HEAD_ROWS, UnreadableFileError, type RawCell, type SheetPreview, type SheetRow } from './sheet-source';
import { checkZipDirectory, openZipEntry, readZipDirectory, type ZipEntry } from './zip-directory';

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

/** One worksheet of the workbook, in tab order, with the zip entry that holds its XML. */
interface WorkbookSheet {
  number: number;
  name: string;
  hidden: boolean;
  modelId: string;
  entry: ZipEntry;
}

interface OpenWorkbook {
  reader: ReaderInternals;
  sheets: WorkbookSheet[];
}

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;

/** A relationship's target as a zip entry name: 'worksheets/sheet2.xml' and '/xl/worksheets/sheet2.xml' alike. */
function entryName(target: string): string {
  const trimmed = target.replace(/^\/+/, '');
  return trimmed.startsWith('xl/') ? trimmed : `xl/${trimmed}`;
}

/**
 * The sheets in tab order (xl/workbook.xml), each with its entry through xl/_rels/workbook.xml.rels. A workbook
 * without those parts (some generators) gets its worksheet entries in zip order, named 1, 2, ...
 */
function workbookSheets(entries: readonly ZipEntry[], reader: { model?: unknown; workbookRels?: unknown }): WorkbookSheet[] {
  const model = reader.model as { sheets?: Array<{ name?: string; id?: number; state?: string; rId?: string }> } | undefined;
  const rels = (Array.isArray(reader.workbookRels) ? reader.workbookRels : []) as Array<{ Id?: string; Target?: string }>;
  const byName = new Map(entries.map((e) => [e.name, e]));
  const listed: WorkbookSheet[] = [];
  for (const sheet of model?.sheets ?? []) {
    const target = rels.find((r) => r.Id === sheet.rId)?.Target;
    const entry = target ? byName.get(entryName(target)) : undefined;
    if (!entry || !WORKSHEET.test(entry.name)) continue; // a chart sheet, or a dangling reference
    listed.push({ number: 0, name: sheet.name ?? '', hidden: sheet.state === 'hidden' || sheet.state === 'veryHidden', modelId: String(sheet.id ?? listed.length + 1), entry });
  }
  const sheets = listed.length > 0 ? listed : entries.filter((e) => WORKSHEET.test(e.name)).map((entry, i) => ({ number: 0, name: String(i + 1), hidden: false, modelId: String(i + 1), entry }));
  return sheets.map((sheet, i) => ({ ...sheet, number: i + 1, name: sheet.name || `Sheet${i + 1}` }));
}

/**
 * The zip is opened through its central directory (zip-directory.ts), its declared sizes judged before anything is
 * inflated, and only the entries the rows need are inflated, each capped at its declared size, in the order exceljs
 * needs them (shared strings before the sheets, so no temp file is written). The XML is still parsed by exceljs,
 * whose per-entry parsers are called directly instead of through its unzipper loop.
 */
async function openWorkbook(file: string, limits: XlsxLimits): Promise<OpenWorkbook & { file: string }> {
  const entries = await readZipDirectory(file, limits);
  checkZipDirectory(entries, limits);
  const named = (name: string) => entries.find((e) => e.name === name);
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
  const sheets = workbookSheets(entries, workbook as unknown as { model?: unknown; workbookRels?: unknown });
  // Not an .xlsx at all (a zip of photos renamed .et): nothing to read.
  if (sheets.length === 0) throw new UnreadableFileError(XLSX_DAMAGED);
  if (sharedStrings) await drain(reader._parseSharedStrings(await openZipEntry(file, sharedStrings)));
  const styles = named('xl/styles.xml');
  if (styles) await reader._parseStyles(await openZipEntry(file, styles));
  return { file, reader, sheets };
}

const ROW_TAG = /<row\b[^>]*>/g;
/** A tag cut by a chunk boundary is kept for the next chunk; a longer "tag" is not a row tag anyone wrote. */
const MAX_CARRY = 4096;

/**
 * exceljs's streaming worksheet reader drops <row hidden="1">: the raw XML is watched on its way to the parser and
 * the hidden rows' numbers noted. Each chunk's tags are read before the chunk is parsed, so a row's mark is known
 * before the row is yielded. Tags are ASCII, so a chunk is scanned as latin1 whatever UTF-8 it cuts.
 */
async function* noteHiddenRows(input: AsyncIterable<Chunk>, hidden: Set<number>): AsyncGenerator<Chunk> {
  let carry = '';
  for await (const chunk of input) {
    const text = carry + (typeof chunk === 'string' ? chunk : chunk.toString('latin1'));
    ROW_TAG.lastIndex = 0;
    let end = 0;
    for (let tag = ROW_TAG.exec(text); tag; tag = ROW_TAG.exec(text)) {
      end = ROW_TAG.lastIndex;
      if (!/\shidden="(1|true)"/.test(tag[0])) continue;
      const number = /\sr="(\d+)"/.exec(tag[0]);
      if (number) hidden.add(Number(number[1]));
    }
    const open = text.lastIndexOf('<');
    carry = open >= end && !text.includes('>', open) && text.length - open <= MAX_CARRY ? text.slice(open) : '';
    yield chunk;
  }
}

async function* sheetRows(opened: OpenWorkbook & { file: string }, sheet: WorkbookSheet): AsyncGenerator<SheetRow> {
  const input = await openZipEntry(opened.file, sheet.entry);
  const hidden = new Set<number>();
  try {
    for (const { eventType, value } of opened.reader._parseWorksheet(noteHiddenRows(input, hidden), sheet.modelId)) {
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
        if (hidden.delete(row.number)) yield { rowNumber: row.number, cells, hidden: true };
        else yield { rowNumber: row.number, cells };
      }
    }
  } finally {
    input.destroy();
  }
}

function hasValue(row: SheetRow): boolean {
  return row.cells.some((c) => c !== null && !(typeof c === 'string' && c.trim() === ''));
}

/**
 * Every sheet with its first HEAD_ROWS rows, for the sheet choice. With several sheets each is read to its end to
 * count its rows (streaming, nothing kept but the head); a workbook of one sheet is not: there is no choice to
 * make, and reading its 100,000 rows twice would double the import's reading time.
 */
export async function listXlsxSheets(file: string, limits: XlsxLimits = XLSX_LIMITS): Promise<SheetPreview[]> {
  const opened = await openWorkbook(file, limits);
  const previews: SheetPreview[] = [];
  for (const sheet of opened.sheets) {
    const head: SheetRow[] = [];
    let rowCount = 0;
    for await (const row of sheetRows(opened, sheet)) {
      if (head.length < HEAD_ROWS) head.push(row);
      else if (opened.sheets.length === 1) break;
      if (hasValue(row)) rowCount += 1;
    }
    previews.push({ number: sheet.number, name: sheet.name, hidden: sheet.hidden, rowCount: opened.sheets.length === 1 ? null : rowCount, head });
  }
  return previews;
}

/** Rows of one sheet (1-based tab number); the first sheet when none is named. */
export async function* readXlsxRows(file: string, limits: XlsxLimits = XLSX_LIMITS, sheetNumber = 1): AsyncGenerator<SheetRow> {
  const opened = await openWorkbook(file, limits);
  const sheet = opened.sheets.find((s) => s.number === sheetNumber);
  if (!sheet) throw new UnreadableFileError(`工作簿中没有第 ${sheetNumber} 个工作表。请重新选择工作表。`);
  yield* sheetRows(opened, sheet);
}

/**
 * Rows of an .xls (Excel 97-2003, BIFF8; also BIFF5 from Excel 95) or WPS .et file, read with SheetJS CE
 * (@e965/xlsx, Apache-2.0). SheetJS parses a BIFF file whole, in memory: there is no streaming BIFF reader in any
 * maintained library. It is bounded instead (limits.ts): the file's size is checked before parsing, rows past the
 * format's 65,536 are not read, a declared range past the format's limits is refused, and the parse runs inside
 * the import's worker thread (xlsx-worker.ts), whose heap limit a hostile file can exhaust without touching the app.
 *
 * Cells come out as the .xlsx reader's do: text, numbers, booleans, and a Date (UTC midnight of the day) for a
 * number formatted as a date; an ID number stored as a number stays the number Excel kept (its digits are lost),
 * which the row checks recognise and report.
 */
import fs from 'node:fs';
import * as XLSX from '@e965/xlsx';
import {
  BIFF_DAMAGED,
  BIFF_ENCRYPTED,
  BIFF_FORGED,
  BIFF_MAX_COLUMNS,
  BIFF_MAX_ROWS,
  BIFF_TOO_LARGE,
  MAX_BIFF_BYTES,
  MAX_COLUMNS,
  TOO_MANY_COLUMNS,
} from './limits';
import { HEAD_ROWS, UnreadableFileError, type RawCell, type SheetPreview, type SheetRow } from './sheet-source';
import { detached } from './xlsx-reader';

interface ParsedBook {
  file: string;
  mtimeMs: number;
  size: number;
  book: XLSX.WorkBook;
}

/**
 * The last workbook parsed, kept between the sheet listing and the reading of the chosen sheet (the same file, in
 * the same worker, a moment later): a BIFF parse is whole-file, and doing it twice would double the reading time.
 * Dropped as soon as the rows have been read.
 */
let lastParsed: ParsedBook | null = null;

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

function parse(file: string): ParsedBook {
  const stat = fs.statSync(file);
  if (lastParsed && lastParsed.file === file && lastParsed.mtimeMs === stat.mtimeMs && lastParsed.size === stat.size) return lastParsed;
  lastParsed = null;
  if (stat.size > MAX_BIFF_BYTES) throw new UnreadableFileError(BIFF_TOO_LARGE);
  let book: XLSX.WorkBook;
  try {
    book = XLSX.read(fs.readFileSync(file), {
      type: 'buffer',
      dense: true,
      // Dates are turned into days here, from the number and its format, not by SheetJS in the worker's time zone.
      cellDates: false,
      cellFormula: false,
      cellHTML: false,
      cellText: false,
      cellStyles: true,
      sheetRows: BIFF_MAX_ROWS,
    });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    // Only SheetJS's own password messages: "Unsupported ZIP encryption" comes from a damaged file taken for a zip.
    if (/password-protected|password protection|encryption algorithm/i.test(text)) throw new UnreadableFileError(BIFF_ENCRYPTED, { cause: error });
    throw new UnreadableFileError(BIFF_DAMAGED, { cause: error });
  }
  // SheetJS reads anything it can guess at (HTML, SYLK, a Word file's text): a BIFF workbook has at least one sheet.
  if (book.SheetNames.length === 0) throw new UnreadableFileError(BIFF_DAMAGED);
  lastParsed = { file, mtimeMs: stat.mtimeMs, size: stat.size, book };
  return lastParsed;
}

function denseRows(sheet: XLSX.WorkSheet): Array<Array<XLSX.CellObject | undefined> | undefined> {
  const data = (sheet as { '!data'?: unknown })['!data'];
  return Array.isArray(data) ? (data as Array<Array<XLSX.CellObject | undefined> | undefined>) : [];
}

/** A range past 65,536 x 256 cannot be in a real .xls: the file was made to be read as something huge. */
function checkRange(sheet: XLSX.WorkSheet): void {
  const ref = (sheet as { '!fullref'?: string })['!fullref'] ?? sheet['!ref'];
  if (!ref) return;
  const range = XLSX.utils.decode_range(ref);
  if (range.e.r >= BIFF_MAX_ROWS || range.e.c >= BIFF_MAX_COLUMNS || range.s.r < 0 || range.s.c < 0) throw new UnreadableFileError(BIFF_FORGED);
}

function plainBiffCell(cell: XLSX.CellObject | undefined, date1904: boolean): RawCell {
  if (!cell) return null;
  switch (cell.t) {
    case 's':
      return typeof cell.v === 'string' ? detached(cell.v) : null;
    case 'b':
      return cell.v === true;
    case 'n': {
      const value = typeof cell.v === 'number' && Number.isFinite(cell.v) ? cell.v : null;
      if (value === null) return null;
      if (typeof cell.z === 'string' && (XLSX.SSF as { is_date(format: string): boolean }).is_date(cell.z)) {
        const serial = date1904 ? value + 1462 : value;
        return new Date(EXCEL_EPOCH_MS + Math.floor(serial) * DAY_MS);
      }
      return value;
    }
    case 'd':
      return cell.v instanceof Date && !Number.isNaN(cell.v.getTime()) ? cell.v : null;
    default:
      return null; // 'e' (#N/A, #VALUE!) and 'z' (a styled blank)
  }
}

function* rowsOfSheet(book: XLSX.WorkBook, index: number): Generator<SheetRow> {
  const sheet = book.Sheets[book.SheetNames[index]!];
  if (!sheet) return;
  checkRange(sheet);
  const date1904 = book.Workbook?.WBProps?.date1904 === true;
  const rowInfo = sheet['!rows'] ?? [];
  const rows = denseRows(sheet);
  // for-in over the indexes present: a sparse array declared long has holes that are not rows.
  for (const key in rows) {
    const r = Number(key);
    if (!Number.isInteger(r) || r >= BIFF_MAX_ROWS) continue;
    const row = rows[r];
    if (!row) continue;
    if (row.length > BIFF_MAX_COLUMNS) throw new UnreadableFileError(BIFF_FORGED);
    let width = row.length;
    while (width > 0 && !row[width - 1]) width -= 1;
    if (width > MAX_COLUMNS) throw new UnreadableFileError(TOO_MANY_COLUMNS);
    const cells: RawCell[] = [];
    for (let c = 0; c < width; c += 1) cells.push(plainBiffCell(row[c], date1904));
    if (rowInfo[r]?.hidden) yield { rowNumber: r + 1, cells, hidden: true };
    else yield { rowNumber: r + 1, cells };
  }
}

function isHidden(book: XLSX.WorkBook, index: number): boolean {
  const state = book.Workbook?.Sheets?.[index]?.Hidden;
  return state === 1 || state === 2;
}

export function listBiffSheets(file: string): SheetPreview[] {
  const { book } = parse(file);
  return book.SheetNames.map((name, index) => {
    const head: SheetRow[] = [];
    let rowCount = 0;
    for (const row of rowsOfSheet(book, index)) {
      if (head.length < HEAD_ROWS) head.push(row);
      if (row.cells.some((c) => c !== null && !(typeof c === 'string' && c.trim() === ''))) rowCount += 1;
    }
    return { number: index + 1, name: name || `Sheet${index + 1}`, hidden: isHidden(book, index), rowCount: book.SheetNames.length === 1 ? null : rowCount, head };
  });
}

export function* readBiffRows(file: string, sheetNumber = 1): Generator<SheetRow> {
  try {
    const { book } = parse(file);
    if (sheetNumber < 1 || sheetNumber > book.SheetNames.length) throw new UnreadableFileError(`工作簿中没有第 ${sheetNumber} 个工作表。请重新选择工作表。`);
    yield* rowsOfSheet(book, sheetNumber - 1);
  } finally {
    lastParsed = null;
  }
}

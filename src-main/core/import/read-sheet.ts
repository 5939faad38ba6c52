/**
 * Opens an uploaded file as rows, whatever it is: .xlsx, .xls and .et parsed in a worker thread (xlsx-in-worker.ts),
 * CSV decoded and parsed, anything else refused with a Chinese message. Every failure of a reader (a truncated zip,
 * bad XML, a broken BIFF stream, a broken CSV, a file past a limit, a worker that died) comes out as an
 * UnreadableFileError, so callers handle one kind of error value. No file yields more than MAX_ROWS rows: the
 * reading stops at the first row over. A workbook's sheets are listed first (listSheets), then one is read.
 */
import fs from 'node:fs/promises';
import { ImportCancelled } from './cancelled';
import { decodeCsv, csvRows } from './csv-reader';
import { BIFF_DAMAGED, CSV_TOO_LARGE, MAX_CSV_BYTES, MAX_ROWS, TOO_MANY_ROWS, XLSX_DAMAGED } from './limits';
import { HEAD_ROWS, sniffFormat, UnreadableFileError, type FileFormat, type SheetPreview, type SheetRow } from './sheet-source';
import { listSheetsInWorker, readWorkbookInWorker, type XlsxWorkerOptions } from './xlsx-in-worker';

export interface ReadSheetOptions extends XlsxWorkerOptions {
  maxRows?: number;
  /** 1-based tab number of the sheet to read; the first when absent. A CSV has one "sheet". */
  sheet?: number;
}

/** The name a CSV's one sheet is listed under. */
export const CSV_SHEET_NAME = 'CSV';

async function readHead(file: string): Promise<Buffer> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function csvText(file: string): Promise<string> {
  const { size } = await fs.stat(file);
  if (size > MAX_CSV_BYTES) throw new UnreadableFileError(CSV_TOO_LARGE);
  return decodeCsv(await fs.readFile(file)).text;
}

/** Any failure inside a workbook reader that is not already a clerk's message becomes the format's "damaged". */
function asUnreadable(format: FileFormat, error: unknown): unknown {
  if (error instanceof UnreadableFileError || error instanceof ImportCancelled) return error;
  return new UnreadableFileError(format === 'biff' ? BIFF_DAMAGED : XLSX_DAMAGED, { cause: error });
}

async function* rowsOf(file: string, options: ReadSheetOptions): AsyncGenerator<SheetRow> {
  const format = sniffFormat(await readHead(file));
  if (format === 'csv') {
    yield* csvRows(await csvText(file));
    return;
  }
  try {
    yield* readWorkbookInWorker(file, format, options.sheet ?? 1, options);
  } catch (error) {
    throw asUnreadable(format, error);
  }
}

export async function* readSheet(file: string, options: ReadSheetOptions = {}): AsyncGenerator<SheetRow> {
  const maxRows = options.maxRows ?? MAX_ROWS;
  let count = 0;
  for await (const row of rowsOf(file, options)) {
    count += 1;
    if (count > maxRows) throw new UnreadableFileError(TOO_MANY_ROWS);
    yield row;
  }
}

/** Every sheet of the file with its first HEAD_ROWS rows (see SheetInfo.rowCount for when rows are counted). */
export async function listSheets(file: string, options: XlsxWorkerOptions = {}): Promise<SheetPreview[]> {
  const format = sniffFormat(await readHead(file));
  if (format === 'csv') {
    const head: SheetRow[] = [];
    for (const row of csvRows(await csvText(file))) {
      head.push(row);
      if (head.length >= HEAD_ROWS) break;
    }
    return [{ number: 1, name: CSV_SHEET_NAME, hidden: false, rowCount: null, head }];
  }
  try {
    return await listSheetsInWorker(file, format, options);
  } catch (error) {
    throw asUnreadable(format, error);
  }
}

/**
 * Opens an uploaded file as rows, whatever it is: .xlsx parsed in a worker thread (xlsx-in-worker.ts), CSV decoded
 * and parsed, anything else refused with a Chinese message. Every failure of a reader (a truncated zip, bad XML, a
 * broken CSV, a file past a limit, a worker that died) comes out as an UnreadableFileError, so callers handle one
 * kind of error value. No file yields more than MAX_ROWS rows: the reading stops at the first row over.
 */
import fs from 'node:fs/promises';
import { ImportCancelled } from './cancelled';
import { decodeCsv, csvRows } from './csv-reader';
import { CSV_TOO_LARGE, MAX_CSV_BYTES, MAX_ROWS, TOO_MANY_ROWS, XLSX_DAMAGED } from './limits';
import { sniffFormat, UnreadableFileError, type SheetRow } from './sheet-source';
import { readXlsxInWorker, type XlsxWorkerOptions } from './xlsx-in-worker';

export interface ReadSheetOptions extends XlsxWorkerOptions {
  maxRows?: number;
}

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

async function* rowsOf(file: string, options: ReadSheetOptions): AsyncGenerator<SheetRow> {
  const format = sniffFormat(await readHead(file));
  if (format === 'csv') {
    const { size } = await fs.stat(file);
    if (size > MAX_CSV_BYTES) throw new UnreadableFileError(CSV_TOO_LARGE);
    yield* csvRows(decodeCsv(await fs.readFile(file)).text);
    return;
  }
  try {
    yield* readXlsxInWorker(file, options);
  } catch (error) {
    if (error instanceof UnreadableFileError || error instanceof ImportCancelled) throw error;
    throw new UnreadableFileError(XLSX_DAMAGED, { cause: error });
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

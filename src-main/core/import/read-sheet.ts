/**
 * Opens an uploaded file as rows, whatever it is: .xlsx streamed, CSV decoded and parsed, anything else refused
 * with a Chinese message. Every failure of a reader (a truncated zip, bad XML, a broken CSV) comes out as an
 * UnreadableFileError, so callers handle one kind of error value.
 */
import fs from 'node:fs/promises';
import { decodeCsv, parseCsv } from './csv-reader';
import { sniffFormat, UnreadableFileError, type SheetRow } from './sheet-source';
import { readXlsxRows } from './xlsx-reader';

const DAMAGED_XLSX =
  '文件已损坏或不完整，无法作为 Excel 工作簿（.xlsx）读取。请用 Excel 或 WPS 打开它检查内容，另存为新的 .xlsx 文件后再导入。';

/** CSV files are read whole: even 100,000 rows are ~15 MB of text, and decoding needs the whole byte sequence. */
const MAX_CSV_BYTES = 200 * 1024 * 1024;

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

export async function* readSheet(file: string): AsyncGenerator<SheetRow> {
  const format = sniffFormat(await readHead(file));
  if (format === 'csv') {
    const { size } = await fs.stat(file);
    if (size > MAX_CSV_BYTES) throw new UnreadableFileError('CSV 文件太大（超过 200 MB）。请分成几个文件分别导入。');
    yield* parseCsv(decodeCsv(await fs.readFile(file)).text);
    return;
  }
  try {
    yield* readXlsxRows(file);
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    throw new UnreadableFileError(DAMAGED_XLSX);
  }
}

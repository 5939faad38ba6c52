/**
 * What a spreadsheet file looks like to the importer, whatever its format: numbered rows of plain cell values.
 * Readers yield rows one by one (streaming) so a 100,000-row sheet never sits in memory as a workbook.
 */

/** A cell as the file holds it: text from CSV, typed values from .xlsx (numbers, dates, booleans). */
export type RawCell = string | number | boolean | Date | null;

export interface SheetRow {
  /** 1-based row number as Excel or WPS shows it. */
  rowNumber: number;
  /** Index 0 = column A. */
  cells: RawCell[];
}

export type FileFormat = 'xlsx' | 'csv';

/** A file the importer cannot read at all; the message is Chinese and says what to do. */
export class UnreadableFileError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UnreadableFileError';
  }
}

const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export const OLD_EXCEL_MESSAGE =
  '这是旧版 Excel（.xls）或 WPS 表格（.et）格式的文件，本程序无法直接读取。' +
  '请用 Excel 或 WPS 打开它，点击“文件 → 另存为”，文件类型选择“Excel 工作簿（*.xlsx）”，保存后再导入新文件。';

/**
 * Decides the format from the first bytes, never from the file name: clerks rename files, and WPS saves .et files
 * that are OLE2 containers like .xls.
 */
export function sniffFormat(head: Buffer): FileFormat {
  if (head.length === 0) throw new UnreadableFileError('文件是空的（0 字节）。请确认选择了正确的文件。');
  if (head.subarray(0, OLE2_MAGIC.length).equals(OLE2_MAGIC)) throw new UnreadableFileError(OLD_EXCEL_MESSAGE);
  if (head.subarray(0, ZIP_MAGIC.length).equals(ZIP_MAGIC)) return 'xlsx';
  if (head.subarray(0, 2).toString('latin1') === 'PK') {
    throw new UnreadableFileError('文件已损坏或不完整，无法作为 Excel 文件读取。请用 Excel 或 WPS 打开检查后另存为 .xlsx 再导入。');
  }
  // %PDF, images and other binaries: a CSV never contains NUL bytes in UTF-8 or GBK.
  if (head.subarray(0, 4096).includes(0)) {
    throw new UnreadableFileError('无法识别文件格式。请导入 Excel 工作簿（.xlsx）或 CSV 文件（.csv）。');
  }
  return 'csv';
}

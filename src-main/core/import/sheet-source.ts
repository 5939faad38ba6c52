/**
 * What a spreadsheet file looks like to the importer, whatever its format: numbered rows of plain cell values.
 * Readers yield rows one by one (streaming) so a 100,000-row sheet never sits in memory as a workbook.
 */
import { NOT_A_WORKBOOK_BUT_HTML } from './limits';

/** A cell as the file holds it: text from CSV, typed values from .xlsx (numbers, dates, booleans). */
export type RawCell = string | number | boolean | Date | null;

export interface SheetRow {
  /** 1-based row number as Excel or WPS shows it. */
  rowNumber: number;
  /** Index 0 = column A. */
  cells: RawCell[];
  /** Hidden in the sheet (hidden by hand or filtered out): absent when visible. */
  hidden?: true;
}

/** xlsx: Office Open XML (a zip); biff: Excel 97-2003 .xls and WPS .et (an OLE2 container); csv: text. */
export type FileFormat = 'xlsx' | 'biff' | 'csv';

/** One worksheet of a workbook as the sheet-choice step lists it. */
export interface SheetInfo {
  /** 1-based position in the workbook, hidden sheets included (the tabs' order). */
  number: number;
  name: string;
  /** Hidden or "very hidden" sheet: listed, never chosen by itself. */
  hidden: boolean;
  /**
   * Rows that hold at least one value (titles and header included). null when the workbook has one sheet only:
   * nothing to choose between, so the sheet is not read twice just to count it (the dry run counts it).
   */
  rowCount: number | null;
}

/** A sheet's listing and its first rows, read before the rows are: enough to find and score its header. */
export interface SheetPreview extends SheetInfo {
  head: SheetRow[];
}

/** How many rows of each sheet are read ahead to find its header (titles, unit and date lines, blank rows). */
export const HEAD_ROWS = 30;

/** A file the importer cannot read at all; the message is Chinese and says what to do. */
export class UnreadableFileError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UnreadableFileError';
  }
}

const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

const UTF16_LE_BOM = Buffer.from([0xff, 0xfe]);
const UTF16_BE_BOM = Buffer.from([0xfe, 0xff]);

/**
 * Decides the format from the first bytes, never from the file name: clerks rename files, and WPS saves .et files
 * that are OLE2 containers like .xls (an .et that is really an .xlsx is read as the .xlsx it is).
 */
/** An HTML page or XML document (after any BOM and white space): `<!DOCTYPE`, `<html`, `<table`, `<?xml`, a comment. */
function looksLikeMarkup(head: Buffer): boolean {
  const text = head.subarray(0, 512).toString('latin1').replace(/^\xef\xbb\xbf/, '').trimStart();
  return /^<(!doctype\s|!--|html[\s>]|head[\s>]|body[\s>]|table[\s>]|meta[\s>]|\?xml[\s?])/i.test(text);
}

export function sniffFormat(head: Buffer): FileFormat {
  if (head.length === 0) throw new UnreadableFileError('文件是空的（0 字节）。请确认选择了正确的文件。');
  if (head.subarray(0, OLE2_MAGIC.length).equals(OLE2_MAGIC)) return 'biff';
  if (head.subarray(0, ZIP_MAGIC.length).equals(ZIP_MAGIC)) return 'xlsx';
  // Excel's "Unicode 文本" save: UTF-16 with a BOM, full of NUL bytes, still a text table.
  if (head.subarray(0, 2).equals(UTF16_LE_BOM) || head.subarray(0, 2).equals(UTF16_BE_BOM)) return 'csv';
  if (head.subarray(0, 2).toString('latin1') === 'PK') {
    throw new UnreadableFileError('文件已损坏或不完整，无法作为 Excel 文件读取。请用 Excel 或 WPS 打开检查后另存为 .xlsx 再导入。');
  }
  if (looksLikeMarkup(head)) throw new UnreadableFileError(NOT_A_WORKBOOK_BUT_HTML);
  // %PDF, images and other binaries: a CSV never contains NUL bytes in UTF-8 or GBK.
  if (head.subarray(0, 4096).includes(0)) {
    throw new UnreadableFileError('无法识别文件格式。请导入 Excel 工作簿（.xlsx、.xls）、WPS 表格（.et）或 CSV 文件（.csv）。');
  }
  return 'csv';
}

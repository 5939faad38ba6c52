/**
 * How big a file the importer takes, and what the clerk is told when a file is bigger. The product must take a
 * county roster of 100,000 trainees; every limit below leaves that at least 2x room (the benchmark's 100,000-row
 * .xlsx: ~6 MB on disk, sheet1.xml ~35 MB inflated at a ratio under 10:1). Anything beyond is refused before it is
 * read, not discovered by running out of memory: an 11 MB .xlsx whose shared strings expand to 3.9 GB used to take
 * the whole process (Electron's main process in the window) down with it.
 */

/** Rows of the sheet (a roster, with a title, header and footer lines): 2x the 100,000 the product must take. */
export const MAX_ROWS = 200_000;

/**
 * Cells of one row. A roster has tens of columns and the UI maps columns 1-999 (import schema); one cell at
 * column XFD would make every row 16,384 cells wide, and the dry run keeps each rejected row at its header's width
 * in the app's main thread. Checked while each row is read (the .xlsx worker, the CSV parser).
 */
export const MAX_COLUMNS = 999;

/** CSV is decoded whole (encoding detection needs every byte): 100,000 rows are ~15 MB, and uploads stop at 100 MB. */
export const MAX_CSV_BYTES = 100 * 1024 * 1024;

export interface XlsxLimits {
  /** Entries in the zip's central directory: a workbook has tens, one with many sheets and pictures a few hundred. */
  maxEntries: number;
  /** Declared inflated size of any one entry. */
  maxEntryBytes: number;
  /** Declared inflated size of all entries together. */
  maxTotalBytes: number;
  /** Inflated : compressed, for entries above ratioFloorBytes. Spreadsheet XML deflates 5-20:1; deflate's ceiling is ~1,030:1. */
  maxRatio: number;
  ratioFloorBytes: number;
  /** xl/sharedStrings.xml inflated; 100,000 rows of names, ID numbers and addresses are ~20 MB. */
  maxSharedStringsBytes: number;
  /** Strings in the shared-strings table: ~5 unique texts a row for 100,000 rows is 500,000. */
  maxSharedStrings: number;
  /** Heap of the worker thread that parses the workbook; above it the worker dies, not the app. */
  workerHeapMb: number;
}

const MB = 1024 * 1024;

/**
 * .xls (Excel 97-2003, BIFF8) and WPS .et are read with SheetJS, which parses the whole file in memory: there is no
 * streaming reader for BIFF. The format itself bounds a sheet at 65,536 rows x 256 columns; a full .xls of 65,000
 * roster rows is ~10-15 MB. Files above MAX_BIFF_BYTES are refused before parsing, rows past the format's limit
 * are not read (SheetJS's sheetRows), and the parse runs in the same worker thread as .xlsx, under its heap limit.
 */
export const MAX_BIFF_BYTES = 64 * MB;
export const BIFF_MAX_ROWS = 65_536;
export const BIFF_MAX_COLUMNS = 256;

export const XLSX_LIMITS: XlsxLimits = {
  maxEntries: 10_000,
  maxEntryBytes: 300 * MB,
  maxTotalBytes: 500 * MB,
  maxRatio: 100,
  ratioFloorBytes: 4 * MB,
  maxSharedStringsBytes: 100 * MB,
  maxSharedStrings: 1_000_000,
  workerHeapMb: 512,
};

const SPLIT = '请分成几个文件分别导入。';
const RESAVE = '请用 Excel 或 WPS 打开它检查内容，另存为新的 .xlsx 文件后再导入';

export const TOO_MANY_ROWS = `文件超过 ${MAX_ROWS.toLocaleString('en')} 行，超出一次导入的上限，没有导入任何数据。${SPLIT}`;
export const TOO_MANY_COLUMNS = `文件中有的行超过 ${MAX_COLUMNS} 列，超出导入的上限，没有导入任何数据。请用 Excel 或 WPS 打开它，删除名单右侧多余的列（包括看似空白但有内容或格式的列），另存后再导入。`;
export const CSV_TOO_LARGE = `CSV 文件太大（超过 ${MAX_CSV_BYTES / MB} MB），没有导入任何数据。${SPLIT}`;
export const XLSX_TOO_LARGE =
  `文件解压后过大，超出一次导入的上限（单个部分 ${XLSX_LIMITS.maxEntryBytes / MB} MB、合计 ${XLSX_LIMITS.maxTotalBytes / MB} MB），没有导入任何数据。` +
  `${RESAVE}；名单很大时${SPLIT}`;
export const XLSX_SUSPICIOUS =
  `文件的压缩比例异常（解压后比文件本身大 ${XLSX_LIMITS.maxRatio} 倍以上），可能已损坏或是被特意构造的，没有导入任何数据。${RESAVE}。`;
export const XLSX_SIZE_MISMATCH = `文件内部记录的大小与实际内容不符，可能已损坏或是被特意构造的，没有导入任何数据。${RESAVE}。`;
export const TOO_MANY_STRINGS = `文件中的文字内容过多，超出一次导入的上限，没有导入任何数据。${RESAVE}；名单很大时${SPLIT}`;
export const XLSX_DAMAGED = `文件已损坏或不完整，无法作为 Excel 工作簿（.xlsx）读取，没有导入任何数据。${RESAVE}。`;
export const XLSX_CRASHED =
  `文件过大或已损坏，读取时超出了本程序的内存上限，没有导入任何数据。${RESAVE}（可删除多余的工作表、图片和空行）；名单很大时${SPLIT}`;

const SAVE_AS_XLSX = '请在 WPS 或 Excel 中打开它，点击“文件 → 另存为”，文件类型选“Excel 工作簿（*.xlsx）”，保存后导入新文件';
export const BIFF_TOO_LARGE = `旧版 Excel（.xls）或 WPS 表格（.et）文件太大（超过 ${MAX_BIFF_BYTES / MB} MB），没有导入任何数据。${SAVE_AS_XLSX}；名单很大时${SPLIT}`;
export const BIFF_DAMAGED = `无法读取这个旧版 Excel（.xls）或 WPS 表格（.et）文件，它可能已损坏、不完整或不是表格文件，没有导入任何数据。${SAVE_AS_XLSX}。`;
export const BIFF_ENCRYPTED = `这个文件设置了打开密码，无法读取，没有导入任何数据。请在 WPS 或 Excel 中输入密码打开它，取消密码后另存为 .xlsx 再导入。`;
export const BIFF_FORGED = `文件内部记录的表格范围超出了旧版 Excel（.xls）格式的上限（${BIFF_MAX_ROWS.toLocaleString('en')} 行、${BIFF_MAX_COLUMNS} 列），可能已损坏或是被特意构造的，没有导入任何数据。${SAVE_AS_XLSX}。`;
/**
 * Many government systems "export to Excel" as an HTML table (or Excel 2003's XML) named .xls or .et; Excel and WPS
 * open it with a warning, but it is a web page, not a workbook. Read as CSV it would be markup, so it is refused.
 */
export const NOT_A_WORKBOOK_BUT_HTML = `这个文件虽然扩展名是 .xls 或 .et，实际上是网页（HTML）或 XML 格式的表格，不是真正的 Excel 或 WPS 表格文件，没有导入任何数据。${SAVE_AS_XLSX}。`;
export const CSV_ENCODING_UNKNOWN =
  'CSV 文件的文字编码无法识别（既不是 UTF-8，也不是 WPS/Excel 常用的 GBK），没有导入任何数据。' +
  '请在 WPS 或 Excel 中打开它，确认文字显示正常后另存为 .xlsx（或“CSV UTF-8”）再导入。';

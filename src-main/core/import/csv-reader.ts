/**
 * CSV as Excel and WPS on Chinese Windows write it: GBK/GB18030 by default ("CSV (逗号分隔)"), UTF-8 with a BOM
 * ("CSV UTF-8"), UTF-8 without one (other tools), or UTF-16 with a BOM (Excel's "Unicode 文本", tab-separated).
 * The encoding is detected: a BOM wins; otherwise the bytes are tried as strict UTF-8 and, if that fails, read as
 * GB18030 (a superset of GBK and GB2312). Bytes that are not GB18030 either (a byte 0x80 or 0xFF, a lead byte with
 * no valid trail: Latin-1, KOI8, a binary renamed .csv) mean an encoding we cannot know: the file is refused, not
 * imported as mojibake. (Big5 or Shift-JIS text mostly decodes as valid, wrong GBK: the header is then not found.)
 *
 * The parser is a small hand-written RFC 4180 state machine rather than a library (csv-parse would do): it is ~40
 * lines, numbers records the way Excel shows them (a quoted cell spanning lines is still one row), and has no failure
 * mode beyond "unterminated quote", which it reports as an UnreadableFileError.
 */
import iconv from 'iconv-lite';
import { CSV_ENCODING_UNKNOWN, MAX_COLUMNS, TOO_MANY_COLUMNS } from './limits';
import { UnreadableFileError, type SheetRow } from './sheet-source';

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const UTF16_LE_BOM = Buffer.from([0xff, 0xfe]);
const UTF16_BE_BOM = Buffer.from([0xfe, 0xff]);

export type CsvEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export function decodeCsv(bytes: Buffer): { text: string; encoding: CsvEncoding } {
  if (bytes.subarray(0, 3).equals(UTF8_BOM)) return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8' };
  if (bytes.subarray(0, 2).equals(UTF16_LE_BOM)) return { text: iconv.decode(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (bytes.subarray(0, 2).equals(UTF16_BE_BOM)) return { text: iconv.decode(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    const text = iconv.decode(bytes, 'gb18030');
    if (text.includes('\uFFFD')) throw new UnreadableFileError(CSV_ENCODING_UNKNOWN);
    return { text, encoding: 'gb18030' };
  }
}

/** Comma or, for files saved by some European-locale tools, semicolon or tab: whichever the first line has most of. */
function detectDelimiter(text: string): string {
  const end = Math.max(0, text.indexOf('\n')) || text.length;
  // Counted in place: splitting a first line of 100 MB of commas made arrays of 100 million strings.
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]]);
  for (let i = 0; i < end; i += 1) {
    const seen = counts.get(text[i]!);
    if (seen !== undefined) counts.set(text[i]!, seen + 1);
  }
  return [...counts].reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

/** The rows one by one: the text is in memory (capped by MAX_CSV_BYTES), its rows need not be all at once. */
export function* csvRows(text: string): Generator<SheetRow> {
  const delimiter = detectDelimiter(text);
  let rowNumber = 0;
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    // A line of 16,384 commas is a 16,384-cell row, kept at that width by the dry run (see MAX_COLUMNS).
    if (cells.length >= MAX_COLUMNS) throw new UnreadableFileError(TOO_MANY_COLUMNS);
    cells.push(cell);
    cell = '';
  };
  const endRow = (): SheetRow => {
    endCell();
    rowNumber += 1;
    const row = { rowNumber, cells };
    cells = [];
    return row;
  };
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 1;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) endCell();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      yield endRow();
    } else cell += ch;
  }
  if (quoted) {
    throw new UnreadableFileError(`CSV 文件第 ${rowNumber + 1} 行的引号没有闭合，文件可能不完整。请用 Excel 或 WPS 打开检查，另存后再导入。`);
  }
  if (cell !== '' || cells.length > 0) {
    yield endRow();
  }
}

export function parseCsv(text: string): SheetRow[] {
  return [...csvRows(text)];
}

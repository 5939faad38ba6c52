/**
 * A small zip writer for the xlsx-bomb tests: builds .xlsx files byte by byte, including the ones no honest tool
 * writes (a central directory that lies about a size, an entry that inflates 1,000:1). No committed binaries: every
 * bomb is made in the test from a few KB of deflate.
 */
import zlib from 'node:zlib';

export interface ZipPart {
  name: string;
  /** Raw deflate data (or the stored bytes with method 0). */
  data: Buffer;
  method?: 0 | 8;
  /** The real inflated size, and what the central directory and local header say (defaults to the real one). */
  size: number;
  declaredSize?: number;
  crc?: number;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** An entry deflated whole, as any zip tool would write it. */
export function deflated(name: string, text: string | Buffer): ZipPart {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  return { name, data: zlib.deflateRawSync(bytes), size: bytes.length, crc: crc32(bytes) };
}

/**
 * prefix + chunk x times + suffix as raw deflate without deflating it all: each part is flushed with Z_FULL_FLUSH,
 * which byte-aligns the output and drops the history, so the chunk's compressed bytes decode on their own and can be
 * repeated. 1 MB of repeated XML deflates to ~1 KB: 3,900 copies are a 4 MB entry of 3.9 GB. The CRC is left 0
 * (computing it would mean producing the gigabytes): the readers tested stop long before a CRC could be checked.
 */
export function repeatedDeflate(name: string, prefix: string, chunk: string, times: number, suffix: string): ZipPart {
  const deflater = (part: string, flush: number) => zlib.deflateRawSync(Buffer.from(part, 'utf8'), { finishFlush: flush });
  const head = deflater(prefix, zlib.constants.Z_FULL_FLUSH);
  const body = deflater(chunk, zlib.constants.Z_FULL_FLUSH);
  const tail = deflater(suffix, zlib.constants.Z_FINISH);
  const data = Buffer.concat([head, ...Array.from({ length: times }, () => body), tail]);
  const size = Buffer.byteLength(prefix) + Buffer.byteLength(chunk) * times + Buffer.byteLength(suffix);
  return { name, data, size, crc: 0 };
}

export function zipFile(parts: readonly ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const method = part.method ?? 8;
    const declared = part.declaredSize ?? part.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(part.crc ?? 0, 14);
    local.writeUInt32LE(part.data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(part.crc ?? 0, 16);
    central.writeUInt32LE(part.data.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, part.data);
    centrals.push(central, name);
    offset += local.length + name.length + part.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>';
const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
const WORKBOOK =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>';
const WORKBOOK_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>';

export const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
export const SHEET_TAIL = '</sheetData></worksheet>';
export const STRINGS_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
export const STRINGS_TAIL = '</sst>';

/** An inline-string cell, so a sheet needs no shared strings of its own. */
export function textCell(ref: string, text: string): string {
  return `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
}

/** A minimal workbook of the given sheet and shared-strings parts, in the order Excel writes them (sheet first). */
export function xlsxOf(sheet: ZipPart, sharedStrings?: ZipPart): Buffer {
  return zipFile([
    deflated('[Content_Types].xml', CONTENT_TYPES),
    deflated('_rels/.rels', ROOT_RELS),
    deflated('xl/workbook.xml', WORKBOOK),
    deflated('xl/_rels/workbook.xml.rels', WORKBOOK_RELS),
    sheet,
    ...(sharedStrings ? [sharedStrings] : []),
  ]);
}

/** The trainee roster's header, as the security tests' sheets and CSVs spell it. */
export const ROSTER_HEADER = ['姓名', '身份证号码', '联系电话', '人员类别', '户籍', '注册日期'];

/** Inline-string cells A, B, C… of sheet row `r`. */
export function rowCells(r: number, values: readonly string[]): string {
  return values.map((v, i) => textCell(`${String.fromCharCode(65 + i)}${r}`, v)).join('');
}

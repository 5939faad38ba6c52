/**
 * Works around an exceljs 4.4 streaming-reader bug: each inflated chunk of a zip entry is decoded to text on its own
 * (utils/browser-buffer-decode.js), so a Chinese character whose 3 UTF-8 bytes straddle two chunks becomes "���".
 * Measured here: 4 damaged cells in 10,000 rows of names and categories — a clerk would see valid rows rejected
 * ("农���") or, worse, a name stored wrong. The fix re-cuts every chunk at a character boundary before exceljs sees
 * it, by wrapping the entry streams its WorkbookReader parses (shared strings, styles, worksheets).
 *
 * Patched once, on the prototype (exported class, so the patch holds whatever loaded exceljs first). Remove when
 * exceljs decodes with `{stream: true}` (check: test/unit/import-xlsx-utf8.test.ts fails without this file).
 */
import { pipeline, Readable, Transform, type TransformCallback } from 'node:stream';
import ExcelJS from 'exceljs';

/** Length of the prefix of `buf` that ends on a complete UTF-8 character. */
export function completeUtf8Length(buf: Buffer): number {
  for (let back = 1; back <= Math.min(4, buf.length); back += 1) {
    const byte = buf[buf.length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: look further back for the lead byte
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? buf.length - back : buf.length;
  }
  return buf.length;
}

export class Utf8Boundary extends Transform {
  private carry: Buffer = Buffer.alloc(0);

  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, done: TransformCallback): void {
    if (typeof chunk === 'string') chunk = Buffer.from(chunk, 'utf8');
    const buf = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const cut = completeUtf8Length(buf);
    this.carry = Buffer.from(buf.subarray(cut));
    done(null, cut > 0 ? buf.subarray(0, cut) : undefined);
  }

  override _flush(done: TransformCallback): void {
    done(null, this.carry.length > 0 ? this.carry : undefined);
  }
}

type Method = (this: unknown, ...args: unknown[]) => unknown;
const PATCHED = Symbol.for('skills-desk.exceljs-utf8-fix');

/**
 * pipeline, not pipe: pipe() does not pass an error on, so an entry that fails (a size cap in zip-directory.ts, a
 * truncated deflate stream) would leave exceljs waiting forever for the end of the wrapped stream.
 */
function wrapStream(source: unknown): unknown {
  const readable = source && typeof (source as NodeJS.ReadableStream).pipe === 'function' ? (source as NodeJS.ReadableStream) : Readable.from(source as AsyncIterable<Buffer>);
  return pipeline(readable, new Utf8Boundary(), () => undefined);
}

export function installExcelUtf8Fix(): void {
  const proto = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as Record<string | symbol, Method | boolean>;
  if (proto[PATCHED]) return;
  for (const name of ['_parseSharedStrings', '_parseStyles', '_parseWorkbook', '_parseWorksheet']) {
    const original = proto[name];
    if (typeof original !== 'function') throw new Error(`exceljs changed: WorkbookReader.${name} is gone; recheck exceljs-utf8-fix.ts`);
    proto[name] = function (this: unknown, source: unknown, ...rest: unknown[]) {
      return original.call(this, wrapStream(source), ...rest);
    };
  }
  proto[PATCHED] = true;
}

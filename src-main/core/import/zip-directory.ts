/**
 * The central directory of a zip file (an .xlsx is one), read before a single byte is inflated, and the entries
 * opened from it with an inflate that stops at the size the directory declared.
 *
 * Why not unzipper (exceljs's own path): it streams the local headers front to back, so it never sees the
 * directory, inflates every entry it meets (into temp files when sheets come before shared strings, as in files
 * Excel saves), and has no limit. Reading the directory ourselves (APPNOTE.TXT 4.3.12-4.3.16) lets the sizes be
 * judged first, and opening entries from it means the bytes inflated are exactly the ones that were judged: a
 * directory that lies about a size is caught by the cap, one that lies about an offset by the local header check.
 * ZIP64 is not read: its only use is entries or files over 4 GB, far above every limit here.
 */
import fs from 'node:fs';
import { pipeline, Readable, Transform, type TransformCallback } from 'node:stream';
import zlib from 'node:zlib';
import { XLSX_DAMAGED, XLSX_SIZE_MISMATCH, XLSX_SUSPICIOUS, XLSX_TOO_LARGE, type XlsxLimits } from './limits';
import { UnreadableFileError } from './sheet-source';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else is refused. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const ZIP64_MARK = 0xffffffff;

function damaged(): UnreadableFileError {
  return new UnreadableFileError(XLSX_DAMAGED);
}

async function readAt(handle: fs.promises.FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  if (bytesRead !== length) throw damaged();
  return buffer;
}

/** The end-of-central-directory record sits in the last 22 bytes plus at most a 64 KB comment. */
function findEndRecord(tail: Buffer): number {
  for (let at = tail.length - EOCD_SIZE; at >= 0; at -= 1) {
    if (tail.readUInt32LE(at) === EOCD_SIGNATURE && at + EOCD_SIZE + tail.readUInt16LE(at + 20) === tail.length) return at;
  }
  throw damaged();
}

export async function readZipDirectory(file: string, limits: Pick<XlsxLimits, 'maxEntries'>): Promise<ZipEntry[]> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const tailLength = Math.min(size, EOCD_SIZE + MAX_COMMENT);
    if (tailLength < EOCD_SIZE) throw damaged();
    const tail = await readAt(handle, size - tailLength, tailLength);
    const end = findEndRecord(tail);
    const count = tail.readUInt16LE(end + 10);
    const directorySize = tail.readUInt32LE(end + 12);
    const directoryOffset = tail.readUInt32LE(end + 16);
    if (count === 0xffff || directorySize === ZIP64_MARK || directoryOffset === ZIP64_MARK) throw new UnreadableFileError(XLSX_TOO_LARGE);
    if (count > limits.maxEntries) throw new UnreadableFileError(XLSX_TOO_LARGE);
    if (directoryOffset + directorySize > size - tailLength + end) throw damaged();
    const directory = await readAt(handle, directoryOffset, directorySize);
    const entries: ZipEntry[] = [];
    const names = new Set<string>();
    let at = 0;
    for (let i = 0; i < count; i += 1) {
      if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw damaged();
      const flags = directory.readUInt16LE(at + 8);
      const nameLength = directory.readUInt16LE(at + 28);
      const next = at + 46 + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
      if (next > directory.length) throw damaged();
      const entry: ZipEntry = {
        name: directory.toString('utf8', at + 46, at + 46 + nameLength),
        method: directory.readUInt16LE(at + 10),
        compressedSize: directory.readUInt32LE(at + 20),
        uncompressedSize: directory.readUInt32LE(at + 24),
        localHeaderOffset: directory.readUInt32LE(at + 42),
      };
      if (entry.compressedSize === ZIP64_MARK || entry.uncompressedSize === ZIP64_MARK || entry.localHeaderOffset === ZIP64_MARK) {
        throw new UnreadableFileError(XLSX_TOO_LARGE);
      }
      // Encrypted entries (bit 0) are password-protected workbooks; two entries of one name would let a check and
      // a reader look at different bytes.
      if ((flags & 1) !== 0 || names.has(entry.name)) throw damaged();
      if (entry.localHeaderOffset + entry.compressedSize > directoryOffset) throw damaged();
      names.add(entry.name);
      entries.push(entry);
      at = next;
    }
    return entries;
  } finally {
    await handle.close();
  }
}

/** The declared sizes judged against the limits, before anything is inflated. */
export function checkZipDirectory(entries: readonly ZipEntry[], limits: XlsxLimits): void {
  let total = 0;
  for (const entry of entries) {
    if (entry.method !== 0 && entry.method !== 8) throw damaged();
    if (entry.method === 0 && entry.compressedSize !== entry.uncompressedSize) throw damaged();
    if (entry.uncompressedSize > limits.maxEntryBytes) throw new UnreadableFileError(XLSX_TOO_LARGE);
    total += entry.uncompressedSize;
    if (entry.uncompressedSize > limits.ratioFloorBytes && entry.uncompressedSize > entry.compressedSize * limits.maxRatio) {
      throw new UnreadableFileError(XLSX_SUSPICIOUS);
    }
  }
  if (total > limits.maxTotalBytes) throw new UnreadableFileError(XLSX_TOO_LARGE);
}

/**
 * Passes at most `limit` bytes and fails past it; at the end, fails unless exactly `limit` came (the declared
 * size). A directory that understates a size is stopped here after `limit` bytes, whatever the data would inflate to.
 */
export class ExactSize extends Transform {
  private seen = 0;

  constructor(private readonly limit: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.limit) done(new UnreadableFileError(XLSX_SIZE_MISMATCH));
    else done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    done(this.seen === this.limit ? null : new UnreadableFileError(XLSX_SIZE_MISMATCH));
  }
}

/** The inflated bytes of one entry, read from where the directory says and capped at its declared size. */
export async function openZipEntry(file: string, entry: ZipEntry): Promise<Readable> {
  const handle = await fs.promises.open(file, 'r');
  let local: Buffer;
  try {
    local = await readAt(handle, entry.localHeaderOffset, 30);
  } finally {
    await handle.close();
  }
  if (local.readUInt32LE(0) !== LOCAL_SIGNATURE) throw damaged();
  const start = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  const steps: Array<NodeJS.ReadableStream | NodeJS.WritableStream> = [];
  if (entry.compressedSize === 0) steps.push(Readable.from([]));
  else {
    // Only the entry's own compressed bytes are read (end is inclusive), never into the next entry.
    steps.push(fs.createReadStream(file, { start, end: start + entry.compressedSize - 1 }));
    if (entry.method === 8) steps.push(zlib.createInflateRaw());
  }
  const capped = new ExactSize(entry.uncompressedSize);
  steps.push(capped);
  pipeline(steps, (error) => {
    if (error && !capped.destroyed) capped.destroy(error instanceof UnreadableFileError ? error : damaged());
  });
  return capped;
}

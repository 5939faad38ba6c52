/**
 * The five figures as a short code (短码, issue #16): a submitted biweekly report as 35 ASCII characters that fit
 * one SMS or a phone call, for a county with no line. The province types it (or an SMS gateway posts it) and
 * answers with a 9-character receipt code the clerk types back on the PC.
 *
 * Layout (120 bits of payload, then a 50-bit MAC, then one check character), Crockford base32, most significant
 * bit first:
 *   version 4 | county 20 | cutoff day 15 (days since 2020-01-01) | revision 7 |
 *   registered trainees 24 | training person-times 24 | province platforms 10 | city platforms 10 | national 6 |
 *   MAC 50 (HMAC-SHA256 under the PC's report-code key, truncated)
 *
 * The check character is Luhn mod 32 over the 34 code characters: it catches every single mistyped character and
 * almost every swap of two neighbours before anything is sent, and it stays inside the 32-character alphabet (the
 * mod-37 check symbols of Crockford's proposal, `*~$=U`, are hard to read aloud and to type on a phone). The MAC is
 * what proves the code came from an enrolled PC of that county and that no figure was changed.
 *
 * Pure: the MAC function is passed in (node:crypto on both sides, src-node/report-code-mac.ts), so this module has
 * no environment imports.
 */
import { FIGURE_KEYS, type Figures } from './domain/dispatch-figures';
import { addDays, daysBetween, isValidIsoDate } from './domain/dates';

export const REPORT_CODE_VERSION = 1;
/** Characters of a code without separators: 34 data characters and the check character. */
export const REPORT_CODE_LENGTH = 35;
export const RECEIPT_CODE_LENGTH = 9;

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const EPOCH = '2020-01-01';
const PAYLOAD_BYTES = 15;
const MAC_BITS = 50;
const RECEIPT_BITS = 40;
const CODE_CONTEXT = 'skills-desk report code v1\n';
const RECEIPT_CONTEXT = 'skills-desk report receipt v1\n';

/** HMAC-SHA256 of `message` under the PC's report-code key (32 bytes out). */
export type MacFunction = (message: Uint8Array) => Uint8Array;

export interface ReportCodeFields {
  countyCode: string;
  cutoffDate: string;
  /** Which submission of the period this is (1 for the first, 2 after a return and a second 上报, ...). */
  revision: number;
  figures: Figures;
}

/** How many bits each field takes, in order; the figure limits are what a county could ever report. */
const FIELD_BITS = { version: 4, county: 20, day: 15, revision: 7 } as const;
const FIGURE_BITS: Readonly<Record<(typeof FIGURE_KEYS)[number], number>> = {
  registeredTrainees: 24,
  trainingPersonTimes: 24,
  provincePlatforms: 10,
  cityPlatforms: 10,
  nationalPlatforms: 6,
};

export type CodeRefusal = 'FORMAT' | 'CHECK' | 'VERSION' | 'CONTENT' | 'RANGE';
export type CodeResult<T> = { ok: true; value: T } | { ok: false; refusal: CodeRefusal; message: string };

export interface ParsedReportCode {
  fields: ReportCodeFields;
  /** The canonical code (upper case, no separators), as stored and compared for replays. */
  canonical: string;
  payload: Uint8Array;
  tag: bigint;
}

/** Encodes a report; refused when a figure does not fit (the report then goes by sync or USB file). */
export function encodeReportCode(fields: ReportCodeFields, mac: MacFunction): CodeResult<string> {
  const payload = packPayload(fields);
  if (!payload.ok) return payload;
  const tag = truncate(mac(concat(CODE_CONTEXT, payload.value)), MAC_BITS);
  const body = toBase32((bytesToBigInt(payload.value) << BigInt(MAC_BITS)) | tag, 34);
  return { ok: true, value: body + checkCharacter(body) };
}

/** Reads a typed or received code: separators, case and the look-alikes O/I/L are forgiven; the check character is not. */
export function parseReportCode(text: string): CodeResult<ParsedReportCode> {
  const canonical = normaliseCode(text);
  if (canonical.length !== REPORT_CODE_LENGTH) return refuse('FORMAT', `短码应为 ${REPORT_CODE_LENGTH} 位字母和数字（横线和空格不算），现在是 ${canonical.length} 位，请核对后重新输入`);
  const bad = [...canonical].find((c) => !ALPHABET.includes(c));
  if (bad) return refuse('FORMAT', `短码中有不该出现的字符“${bad}”，请核对后重新输入`);
  const body = canonical.slice(0, -1);
  if (checkCharacter(body) !== canonical.slice(-1)) return refuse('CHECK', '短码校验不通过，可能有字抄错或顺序颠倒，请逐位核对后重新输入');
  const value = fromBase32(body);
  const tag = value & mask(MAC_BITS);
  const payload = bigIntToBytes(value >> BigInt(MAC_BITS), PAYLOAD_BYTES);
  const fields = unpackPayload(payload);
  if (!fields.ok) return fields;
  return { ok: true, value: { fields: fields.value, canonical, payload, tag } };
}

/** Whether the code's MAC was made with this key. Compared without an early exit. */
export function codeMacMatches(parsed: ParsedReportCode, mac: MacFunction): boolean {
  return sameBits(truncate(mac(concat(CODE_CONTEXT, parsed.payload)), MAC_BITS), parsed.tag);
}

/** The receipt for a code: a MAC over the whole code under the same key, so only the server that knows the key can answer it. */
export function receiptCodeFor(canonicalCode: string, mac: MacFunction): string {
  const body = toBase32(truncate(mac(concat(RECEIPT_CONTEXT, asciiBytes(canonicalCode))), RECEIPT_BITS), 8);
  return body + checkCharacter(body);
}

/** Whether a typed receipt answers this code: its check character first (a typo gets its own message), then the MAC. */
export function checkReceiptCode(canonicalCode: string, typed: string, mac: MacFunction): CodeResult<true> {
  const receipt = normaliseCode(typed);
  if (receipt.length !== RECEIPT_CODE_LENGTH || [...receipt].some((c) => !ALPHABET.includes(c))) {
    return refuse('FORMAT', `回执码应为 ${RECEIPT_CODE_LENGTH} 位字母和数字，请核对省里告诉您的回执码后重新输入`);
  }
  if (checkCharacter(receipt.slice(0, -1)) !== receipt.slice(-1)) return refuse('CHECK', '回执码校验不通过，可能有字抄错，请逐位核对后重新输入');
  const expected = receiptCodeFor(canonicalCode, mac);
  let diff = 0;
  for (let i = 0; i < RECEIPT_CODE_LENGTH; i++) diff |= expected.charCodeAt(i) ^ receipt.charCodeAt(i);
  return diff === 0 ? { ok: true, value: true } : refuse('CONTENT', '回执码与本期上报的短码对不上：可能是另一期或另一次上报的回执，请核对后重新输入');
}

/** Groups of five (`ABCDE-FGHIJ-…`), for reading aloud and typing. */
export function groupCode(code: string, size = 5): string {
  return code.match(new RegExp(`.{1,${size}}`, 'g'))?.join('-') ?? '';
}

export function normaliseCode(text: string): string {
  return text.toUpperCase().replace(/[\s\-_.·—－]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

function packPayload(fields: ReportCodeFields): CodeResult<Uint8Array> {
  if (!/^\d{6}$/.test(fields.countyCode)) return refuse('CONTENT', '单位代码应为 6 位数字');
  if (!isValidIsoDate(fields.cutoffDate)) return refuse('CONTENT', '截止日期无效');
  const day = daysBetween(EPOCH, fields.cutoffDate);
  const parts: Array<[number, number]> = [
    [REPORT_CODE_VERSION, FIELD_BITS.version],
    [Number(fields.countyCode), FIELD_BITS.county],
    [day, FIELD_BITS.day],
    [fields.revision, FIELD_BITS.revision],
    ...FIGURE_KEYS.map((key): [number, number] => [fields.figures[key], FIGURE_BITS[key]]),
  ];
  if (fields.revision < 1) return refuse('RANGE', '上报次数从 1 开始');
  let value = 0n;
  for (const [n, bits] of parts) {
    if (!Number.isInteger(n) || n < 0 || n >= 2 ** bits) return refuse('RANGE', '有数字超出短码能表示的范围，请联网同步或用U盘文件上报');
    value = (value << BigInt(bits)) | BigInt(n);
  }
  return { ok: true, value: bigIntToBytes(value, PAYLOAD_BYTES) };
}

function unpackPayload(payload: Uint8Array): CodeResult<ReportCodeFields> {
  let value = bytesToBigInt(payload);
  // Read from the least significant end: the fields in reverse order.
  const read = (bits: number): number => {
    const n = Number(value & mask(bits));
    value >>= BigInt(bits);
    return n;
  };
  const figures = {} as Figures;
  for (const key of [...FIGURE_KEYS].reverse()) figures[key] = read(FIGURE_BITS[key]);
  const revision = read(FIELD_BITS.revision);
  const day = read(FIELD_BITS.day);
  const county = read(FIELD_BITS.county);
  const version = read(FIELD_BITS.version);
  if (version !== REPORT_CODE_VERSION) return refuse('VERSION', '这个短码来自不同版本的程序，请县里升级程序后重新生成');
  if (revision < 1 || county < 110000) return refuse('CONTENT', '短码内容无效，请核对后重新输入');
  return { ok: true, value: { countyCode: String(county).padStart(6, '0'), cutoffDate: addDays(EPOCH, day), revision, figures } };
}

/** Luhn mod 32: every second character from the right doubled (in base 32), the sum completed to a multiple of 32. */
function checkCharacter(body: string): string {
  let sum = 0;
  let double = true;
  for (let i = body.length - 1; i >= 0; i--) {
    let v = ALPHABET.indexOf(body[i]!);
    if (double) v = Math.floor((2 * v) / 32) + ((2 * v) % 32);
    sum += v;
    double = !double;
  }
  return ALPHABET[(32 - (sum % 32)) % 32]!;
}

function toBase32(value: bigint, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    out = ALPHABET[Number(value & 31n)]! + out;
    value >>= 5n;
  }
  return out;
}

function fromBase32(text: string): bigint {
  let value = 0n;
  for (const c of text) value = (value << 5n) | BigInt(ALPHABET.indexOf(c));
  return value;
}

function mask(bits: number): bigint {
  return (1n << BigInt(bits)) - 1n;
}

/** The first `bits` bits of a MAC, as a number. */
function truncate(mac: Uint8Array, bits: number): bigint {
  return bytesToBigInt(mac.subarray(0, Math.ceil(bits / 8))) >> BigInt(Math.ceil(bits / 8) * 8 - bits);
}

function sameBits(a: bigint, b: bigint): boolean {
  // XOR and look at the whole difference once: no comparison stops at the first differing character.
  return (a ^ b) === 0n;
}

function bytesToBigInt(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const b of bytes) value = (value << 8n) | BigInt(b);
  return value;
}

function bigIntToBytes(value: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(value & 0xffn);
    value >>= 8n;
  }
  return out;
}

function asciiBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0) & 0x7f);
}

function concat(context: string, body: Uint8Array): Uint8Array {
  const head = asciiBytes(context);
  const out = new Uint8Array(head.length + body.length);
  out.set(head, 0);
  out.set(body, head.length);
  return out;
}

function refuse(refusal: CodeRefusal, message: string): { ok: false; refusal: CodeRefusal; message: string } {
  return { ok: false, refusal, message };
}

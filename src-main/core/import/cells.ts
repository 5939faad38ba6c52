/**
 * Reading one cell as the value a field needs. Each reader answers `{ok, value}` or `{ok:false, reason}` with the
 * reason in Chinese, written for a clerk who will fix the cell in Excel.
 */
import { toIsoDate } from '../../../src-shared/domain/dates';
import { dateFromNumber, DATE_FORMATS_HINT, excelSerialToIso, parseTypedDate } from '../../../src-shared/domain/typed-date';
import { stripAllSpaces, toHalfWidth } from '../../../src-shared/domain/half-width';
import type { RawCell } from './sheet-source';

export type CellResult<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const no = <T>(reason: string): CellResult<T> => ({ ok: false, reason });

/** A Date from exceljs stands for a calendar day written in UTC (Excel has no time zones). */
function isoFromUtcDate(date: Date): string | null {
  return toIsoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** The cell as text: what the error report writes back and what text fields store. */
export function cellText(cell: RawCell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return isoFromUtcDate(cell) ?? '';
  if (typeof cell === 'number') return Number.isInteger(cell) ? cell.toFixed(0) : String(cell);
  if (typeof cell === 'boolean') return cell ? '是' : '否';
  return cell.trim();
}

export function isBlank(cell: RawCell): boolean {
  return cellText(cell) === '';
}

export { excelSerialToIso };

export function readDate(cell: RawCell, label: string): CellResult<string> {
  const example = DATE_FORMATS_HINT;
  if (cell instanceof Date) {
    const iso = isoFromUtcDate(cell);
    return iso ? ok(iso) : no(`${label}不是有效日期，${example}。`);
  }
  if (typeof cell === 'number') {
    const iso = dateFromNumber(cell);
    return iso ? ok(iso) : no(`${label}“${cellText(cell)}”不是有效日期，${example}。`);
  }
  const text = cellText(cell);
  if (text === '') return no(`请填写${label}。`);
  const parsed = parseTypedDate(text);
  return parsed ? ok(parsed) : no(`${label}“${text}”不是有效日期，${example}。`);
}

const YES = new Set(['是', '已签到', '已签', '签到', '有', 'y', 'yes', 'true', '1', '√', '✓', '✔', '对']);
const NO = new Set(['否', '未签到', '未签', '没有', '无', 'n', 'no', 'false', '0', '×', '✗', '✘', '不']);

export function readYesNo(cell: RawCell, label: string): CellResult<boolean> {
  if (typeof cell === 'boolean') return ok(cell);
  const text = stripAllSpaces(toHalfWidth(cellText(cell))).toLowerCase();
  if (text === '') return no(`请填写${label}（是或否）。`);
  if (YES.has(text)) return ok(true);
  if (NO.has(text)) return ok(false);
  return no(`${label}只能填“是”或“否”，现在是“${cellText(cell)}”。`);
}

const RURAL = ['农村', '农业', '乡村', '农户', '农民'];
// '居民户口' is left out on purpose: since the 2014 reform it no longer says rural or urban, so the clerk must choose.
const URBAN = ['城镇', '非农', '城市', '城区'];

/** 户籍/户口性质: 农村/农业(户口) -> rural; 城镇/非农业/城市 -> urban. '非农业' is checked first: it contains '农业'. */
export function readHukou(cell: RawCell, header: string): CellResult<boolean> {
  const text = stripAllSpaces(toHalfWidth(cellText(cell)));
  if (text === '') return no('请填写户籍（农村或城镇）。');
  if (URBAN.some((w) => text.includes(w))) return ok(false);
  if (RURAL.some((w) => text.includes(w)) || text === '农') return ok(true);
  if (text === '城') return ok(false);
  // A yes/no column headed 是否农村户籍.
  if (/农/.test(header)) {
    const yesNo = readYesNo(cell, header);
    if (yesNo.ok) return yesNo;
  }
  return no(`户籍应填“农村”或“城镇”（也可写农业户口、非农业户口），现在是“${cellText(cell)}”。`);
}

export function readHours(cell: RawCell): CellResult<number> {
  if (typeof cell === 'number') return Number.isFinite(cell) ? ok(cell) : no('学时必须是数字。');
  const text = stripAllSpaces(toHalfWidth(cellText(cell))).replace(/(学时|课时|小时|个|h)$/i, '');
  if (text === '') return no('请填写学时（数字，例如 8 或 8.5）。');
  if (!/^\d+(\.\d+)?$/.test(text)) return no(`学时必须是数字（例如 8 或 8.5），现在是“${cellText(cell)}”。`);
  return ok(Number(text));
}

/** Names of directory entries compared loosely: spaces, full-width forms, quotes and brackets do not matter. */
export function looseName(text: string): string {
  return stripAllSpaces(toHalfWidth(text))
    .replace(/["'“”‘’《》「」]/g, '')
    .toLowerCase();
}

/**
 * Where the header is, and which sheet holds the roster. County sheets put a merged title (and a unit and date line)
 * above the header, and many split it over two rows: a merged group heading (联系方式, 培训信息) over the real
 * headings (手机号码, 培训平台), while the columns without a group (姓名, 身份证号) are merged down over both rows, so
 * their text sits in the upper row only. Both rows are read as one header: each column takes the lower row's text
 * when there is any, the upper row's otherwise, and the two joined when only together they name a field (基本信息 /
 * 联系电话 → still 联系电话; 户籍 / 性质 → 户籍性质).
 */
import type { ImportKind } from '../../../src-shared/schemas/import';
import { cellText } from './cells';
import { matchHeader } from './headers';
import { HEAD_ROWS, type RawCell, type SheetPreview, type SheetRow } from './sheet-source';

/** Titles, unit and date lines, a blank row or two: the header may sit on any of the first 30 rows (the reader reads that many ahead). */
export const HEADER_SEARCH_ROWS = HEAD_ROWS;

export interface HeaderFound {
  /** The header as one row; for a two-row header, the combined texts, numbered as the lower row. */
  header: SheetRow;
  /** Rows the header took (1 or 2): data starts after the last. */
  rows: 1 | 2;
  /** Distinct fields recognised. */
  score: number;
}

function fieldsNamed(kind: ImportKind, texts: readonly string[]): number {
  return new Set(texts.map((t) => matchHeader(kind, t)).filter((f) => f !== null)).size;
}

function textsOf(row: SheetRow): string[] {
  return row.cells.map((c: RawCell) => cellText(c));
}

/** The two rows as one: per column, the lower text, the upper one, or both joined when that is what names a field. */
export function combineHeaderRows(kind: ImportKind, upper: SheetRow, lower: SheetRow): SheetRow {
  const top = textsOf(upper);
  const bottom = textsOf(lower);
  const width = Math.max(top.length, bottom.length);
  const cells: string[] = [];
  for (let i = 0; i < width; i += 1) {
    const a = top[i] ?? '';
    const b = bottom[i] ?? '';
    if (b === '') cells.push(a);
    else if (a === '' || matchHeader(kind, b) !== null || matchHeader(kind, a + b) === null) cells.push(b);
    else cells.push(a + b);
  }
  return { rowNumber: lower.rowNumber, cells };
}

/**
 * The row, among the first HEADER_SEARCH_ROWS, that names the most known fields (at least two), or the two rows
 * that together name more than either alone. Ties go to the upper row: a data row rarely repeats header words.
 */
export function findHeaderRow(kind: ImportKind, rows: readonly SheetRow[]): HeaderFound | null {
  const head = rows.slice(0, HEADER_SEARCH_ROWS);
  let best: HeaderFound | null = null;
  head.forEach((row, i) => {
    const single = fieldsNamed(kind, textsOf(row));
    if (single >= 2 && (!best || single > best.score)) best = { header: row, rows: 1, score: single };
    const next = head[i + 1];
    if (!next || next.rowNumber !== row.rowNumber + 1) return;
    const combined = combineHeaderRows(kind, row, next);
    const score = fieldsNamed(kind, textsOf(combined));
    const alone = Math.max(single, fieldsNamed(kind, textsOf(next)));
    if (score > alone && score >= 2 && (!best || score > best.score)) best = { header: combined, rows: 2, score };
  });
  return best;
}

export interface ScoredSheet extends SheetPreview {
  /** Fields its header names (0: no header found). */
  score: number;
}

export function scoreSheets(kind: ImportKind, sheets: readonly SheetPreview[]): ScoredSheet[] {
  return sheets.map((sheet) => ({ ...sheet, score: findHeaderRow(kind, sheet.head)?.score ?? 0 }));
}

/**
 * The sheet the clerk is offered first: the visible one with the most recognisable header (the first of equals, in
 * tab order). A hidden sheet is only read when chosen by hand.
 */
export function bestSheet(sheets: readonly ScoredSheet[]): ScoredSheet | null {
  let best: ScoredSheet | null = null;
  for (const sheet of sheets) {
    if (sheet.hidden) continue;
    if (!best || sheet.score > best.score) best = sheet;
  }
  return best ?? sheets[0] ?? null;
}

/** A sheet the clerk (or the CLI's --sheet) named: its tab number, or its name as written on the tab. */
export function sheetNamed(sheets: readonly ScoredSheet[], wanted: number | string): ScoredSheet | null {
  if (typeof wanted === 'number') return sheets.find((s) => s.number === wanted) ?? null;
  const name = wanted.trim();
  return sheets.find((s) => s.name === name) ?? sheets.find((s) => s.name.trim() === name) ?? null;
}

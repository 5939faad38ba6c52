/**
 * One data row -> a contract input (traineeCreateInput / enrolmentCreateInput) or the list of its problems. Cells are
 * first read the way spreadsheets hold them (serial dates, words for categories and household, platform names), then
 * the contract's own zod schema validates and normalises, so an imported trainee passes exactly the rules of one
 * typed in the form.
 */
import type { z } from 'zod';
import { matchCategoryList, type PersonCategory } from '../../../src-shared/domain/categories';
import { parseIdNumber } from '../../../src-shared/domain/id-card';
import { TRAINEE_SHEET, type ColumnFill, type ImportField, type ImportKind, type ValueDecision, type ValueField } from '../../../src-shared/schemas/import';
import { enrolmentCreateInput } from '../../../src-shared/schemas/enrolment';
import { traineeCreateInput } from '../../../src-shared/schemas/trainee';
import { cellText, looseName, readDate, readHours, readHukou, readYesNo, type CellResult } from './cells';
import { fieldLabel, type ColumnMap } from './headers';
import type { RawCell } from './sheet-source';
import type { StoredChoice } from '../db/repositories/value-choice-repository';
import { ValueResolver, type ListEntry } from './value-resolver';
import { damagedIdNumber } from './damaged-id';

export type TraineeInput = z.output<typeof traineeCreateInput>;
/** An enrolment row before its trainee is looked up: the ID number stands in for traineeId. */
export type EnrolmentDraft = Omit<z.output<typeof enrolmentCreateInput>, 'traineeId'> & { idNumber: string; name: string | null };

export interface CellProblem {
  field: ImportField | null;
  reason: string;
}

export type RowParse<T> = { ok: true; value: T } | { ok: false; problems: CellProblem[] };

export type { ColumnFill } from '../../../src-shared/schemas/import';

/** Directory entries a cell may name, and what was decided for values that name none; built once per dry run. */
export interface Directory {
  platforms: ReadonlyMap<string, string>;
  occupations: ReadonlyMap<string, string>;
  values: ValueResolver;
  fill: ColumnFill;
  /** A sheet's category column holds a handful of different texts, repeated on every row: each is split once. */
  categoryTexts: Map<string, { categories: PersonCategory[]; unknown: string[] }>;
}

export interface DirectoryOptions {
  kind?: ImportKind;
  decisions?: readonly ValueDecision[];
  remembered?: readonly StoredChoice[];
  fill?: ColumnFill;
}

export function buildDirectory(platforms: readonly ListEntry[], occupations: readonly ListEntry[], options: DirectoryOptions = {}): Directory {
  const byName = (list: ReadonlyArray<{ id: string; name: string }>) => {
    const map = new Map<string, string>();
    for (const item of list) {
      map.set(looseName(item.name), item.id);
      // Demo platforms are named 【演示】...; a sheet may leave the mark out.
      const unmarked = looseName(item.name.replace(/^【[^】]*】/, ''));
      if (!map.has(unmarked)) map.set(unmarked, item.id);
    }
    return map;
  };
  return {
    platforms: byName(platforms),
    occupations: byName(occupations),
    values: new ValueResolver(options.kind ?? 'trainees', { platforms, occupations }, options.decisions, options.remembered),
    fill: options.fill ?? {},
    categoryTexts: new Map(),
  };
}

/** Reads the cells of one row by field. */
class RowCells {
  readonly problems: CellProblem[] = [];

  constructor(
    private readonly map: ColumnMap,
    private readonly cells: readonly RawCell[],
    private readonly fill: ColumnFill,
    /** The sheet row, for the value groups' first occurrence. */
    readonly row: number,
  ) {}

  /** The cell of the field's column, or the value given for every row when the file has no such column. */
  raw(field: ImportField): RawCell {
    const index = this.map.fields.indexOf(field);
    return index < 0 ? (this.fill[field] ?? null) : (this.cells[index] ?? null);
  }

  text(field: ImportField): string {
    return cellText(this.raw(field));
  }

  header(field: ImportField): string {
    const index = this.map.fields.indexOf(field);
    return index < 0 ? '' : (this.map.headers[index] ?? '');
  }

  take<T>(field: ImportField, result: CellResult<T>): T | undefined {
    if (result.ok) return result.value;
    this.problems.push({ field, reason: result.reason });
    return undefined;
  }

  optionalText(field: ImportField): string | null {
    const text = this.text(field);
    return text === '' ? null : text;
  }
}

/**
 * The ID number cell as text to check. An 18-digit number stored as a number cell is already damaged: a double,
 * like Excel, keeps ~15-17 digits, so it is refused here with its own reason.
 */
function idNumberText(cell: RawCell): CellResult<string> {
  const damaged = damagedIdNumber(cell);
  if (damaged !== null) {
    return {
      ok: false,
      reason:
        `身份证号码在表格里存成了数字（Excel 显示为 ${damaged.shown}），Excel 只保留 15 位有效数字，后几位已经丢失，无法从这个文件恢复。` +
        '请在 Excel 中把这一列设置为“文本”格式，再对照身份证重新输入号码。',
    };
  }
  return { ok: true, value: cellText(cell) };
}

/** The normalised number, for rows whose contract schema has no ID number of its own (training records). */
function readIdNumber(cell: RawCell): CellResult<string> {
  const text = idNumberText(cell);
  if (!text.ok) return text;
  const parsed = parseIdNumber(text.value);
  return parsed.ok ? { ok: true, value: parsed.value.idNumber } : { ok: false, reason: parsed.message };
}

/** Bounded, so a sheet of free text in the category column cannot grow the cache without limit. */
const CATEGORY_TEXTS_KEPT = 500;

/**
 * “失业、两后生” -> the categories; an empty cell is 待补充 (the same rule as the form). A part that names no category
 * is decided once per distinct part (the value groups); undecided parts make the row wait for that decision.
 */
function readCategories(cells: RowCells, directory: Directory): CellResult<PersonCategory[]> {
  const text = cellText(cells.raw('categories'));
  if (text === '') return { ok: true, value: [] };
  let split = directory.categoryTexts.get(text);
  if (!split) {
    split = matchCategoryList(text);
    if (directory.categoryTexts.size >= CATEGORY_TEXTS_KEPT) directory.categoryTexts.clear();
    directory.categoryTexts.set(text, split);
  }
  if (split.unknown.length === 0) return { ok: true, value: [...split.categories] };
  const found = new Set<string>(split.categories);
  for (const part of split.unknown) {
    const decided = directory.values.resolve('categories', part, cells.row);
    if (!decided.ok) return decided;
    if (decided.value !== null) found.add(decided.value);
  }
  return { ok: true, value: [...found] as PersonCategory[] };
}

/** What an export writes for an unknown 户籍 (待补充), and what clerks write for one. */
const UNKNOWN_WORDS: ReadonlySet<string> = new Set(['待补充', '待定', '不详', '未知', '暂缺']);

/** 户籍: 农村/城镇 in any of their spellings; empty is 待补充 (null); another word is decided once for all its rows. */
function readHukouCell(cells: RowCells, directory: Directory): CellResult<boolean | null> {
  const cell = cells.raw('ruralHukou');
  const text = cellText(cell);
  if (text === '' || UNKNOWN_WORDS.has(text)) return { ok: true, value: null };
  const read = readHukou(cell, cells.header('ruralHukou'));
  if (read.ok) return read;
  const decided = directory.values.resolve('ruralHukou', text, cells.row);
  return decided.ok ? { ok: true, value: decided.value === null ? null : decided.value === 'rural' } : decided;
}

/** A directory entry named by the cell: exactly (loosely), or as decided for that value. null: left empty. */
function lookup(cells: RowCells, directory: Directory, field: ValueField & ('platform' | 'occupation'), text: string): CellResult<string | null> {
  const id = (field === 'platform' ? directory.platforms : directory.occupations).get(looseName(text));
  return id ? { ok: true, value: id } : directory.values.resolve(field, text, cells.row);
}

/** zod issue paths are the input's field names; the contract's platformId is the sheet's platform column. */
function fieldOfPath(path: ReadonlyArray<PropertyKey>): ImportField | null {
  const key = String(path[0] ?? '');
  if (key === 'platformId') return 'platform';
  if (key === 'occupationId') return 'occupation';
  return key === '' ? null : (key as ImportField);
}

/** Every problem of the row at once (the clerk fixes a row once), but one per field: the cell reader's, if it had one. */
function validated<S extends z.ZodType>(schema: S, candidate: unknown, cells: RowCells): RowParse<z.output<S>> {
  const parsed = schema.safeParse(candidate);
  if (parsed.success && cells.problems.length === 0) return { ok: true, value: parsed.data };
  const problems = [...cells.problems];
  const reported = new Set(problems.map((p) => p.field));
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const field = fieldOfPath(issue.path);
    if (reported.has(field)) continue;
    reported.add(field);
    problems.push({ field, reason: issue.message });
  }
  return { ok: false, problems };
}

export function parseTraineeRow(map: ColumnMap, rowCells: readonly RawCell[], directory: Directory, row = 0): RowParse<TraineeInput> {
  const cells = new RowCells(map, rowCells, directory.fill, row);
  const candidate: Record<string, unknown> = {};
  for (const column of TRAINEE_SHEET) candidate[column.spec.field] = traineeCell(cells, column, directory);
  return validated(traineeCreateInput, candidate, cells);
}

/** One cell of the trainee sheet, read the way its kind of value is written in county sheets (the table's codec). */
function traineeCell(cells: RowCells, column: (typeof TRAINEE_SHEET)[number], directory: Directory): unknown {
  const field = column.name;
  switch (column.spec.codec.kind) {
    case 'idNumber':
      // The contract's schema parses and normalises the number (once per row: it is the slowest check).
      return cells.take(field, idNumberText(cells.raw(field)));
    case 'categories':
      return cells.take(field, readCategories(cells, directory));
    case 'optionalFlag':
      return cells.take(field, readHukouCell(cells, directory));
    case 'flag':
      return cells.take(field, readYesNo(cells.raw(field), cells.header(field)));
    case 'date':
      return cells.take(field, readDate(cells.raw(field), column.spec.label));
    case 'reference': {
      const text = cells.text(field);
      return text === '' ? null : cells.take(field, lookup(cells, directory, 'platform', text));
    }
    case 'optionalText':
      return cells.optionalText(field);
    default:
      return cells.text(field);
  }
}

/** The placeholder traineeId lets the contract schema check every other field before the trainee is looked up. */
const PLACEHOLDER_TRAINEE = '00000000-0000-4000-8000-000000000000';

export function parseEnrolmentRow(map: ColumnMap, rowCells: readonly RawCell[], directory: Directory, row = 0): RowParse<EnrolmentDraft> {
  const cells = new RowCells(map, rowCells, directory.fill, row);
  const idNumber = cells.take('idNumber', readIdNumber(cells.raw('idNumber')));
  const platformText = cells.text('platform');
  const occupationText = cells.text('occupation');
  const endCell = cells.raw('endDate');
  const candidate = {
    traineeId: PLACEHOLDER_TRAINEE,
    platformId: platformText === '' ? cells.take('platform', { ok: false, reason: '请填写培训平台。' }) : cells.take('platform', lookup(cells, directory, 'platform', platformText)),
    occupationId: occupationText === '' ? null : cells.take('occupation', lookup(cells, directory, 'occupation', occupationText)),
    courseName: cells.text('courseName'),
    startDate: cells.take('startDate', readDate(cells.raw('startDate'), '开始日期')),
    endDate: cellText(endCell) === '' ? null : cells.take('endDate', readDate(endCell, '结束日期')),
    hours: cells.take('hours', readHours(cells.raw('hours'))),
    signedIn: cells.take('signedIn', readYesNo(cells.raw('signedIn'), '是否签到')),
    learningRecord: cells.optionalText('learningRecord'),
    testResult: cells.optionalText('testResult'),
  };
  const parsed = validated(enrolmentCreateInput, candidate, cells);
  if (!parsed.ok) return parsed;
  const { traineeId: _placeholder, ...course } = parsed.value;
  return { ok: true, value: { ...course, idNumber: idNumber!, name: cells.optionalText('name') } };
}

export function problemColumn(kind: ImportKind, map: ColumnMap, field: ImportField | null): string {
  if (field === null) return '';
  const index = map.fields.indexOf(field);
  return index >= 0 && map.headers[index] ? map.headers[index]! : fieldLabel(kind, field);
}

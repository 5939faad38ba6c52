/**
 * One data row -> a contract input (traineeCreateInput / enrolmentCreateInput) or the list of its problems. Cells are
 * first read the way spreadsheets hold them (serial dates, words for categories and household, platform names), then
 * the contract's own zod schema validates and normalises, so an imported trainee passes exactly the rules of one
 * typed in the form.
 */
import type { z } from 'zod';
import { matchCategoryList, PERSON_CATEGORIES } from '../../../src-shared/domain/categories';
import { parseIdNumber } from '../../../src-shared/domain/id-card';
import { TRAINEE_SHEET, type ImportField, type ImportKind } from '../../../src-shared/schemas/import';
import { enrolmentCreateInput } from '../../../src-shared/schemas/enrolment';
import { traineeCreateInput } from '../../../src-shared/schemas/trainee';
import { cellText, looseName, readDate, readHours, readHukou, readYesNo, type CellResult } from './cells';
import { fieldLabel, type ColumnMap } from './headers';
import type { RawCell } from './sheet-source';

export type TraineeInput = z.output<typeof traineeCreateInput>;
/** An enrolment row before its trainee is looked up: the ID number stands in for traineeId. */
export type EnrolmentDraft = Omit<z.output<typeof enrolmentCreateInput>, 'traineeId'> & { idNumber: string; name: string | null };

export interface CellProblem {
  field: ImportField | null;
  reason: string;
}

export type RowParse<T> = { ok: true; value: T } | { ok: false; problems: CellProblem[] };

/** Directory entries a cell may name; built once per dry run. */
export interface Directory {
  platforms: ReadonlyMap<string, string>;
  occupations: ReadonlyMap<string, string>;
}

export function buildDirectory(platforms: ReadonlyArray<{ id: string; name: string }>, occupations: ReadonlyArray<{ id: string; name: string }>): Directory {
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
  return { platforms: byName(platforms), occupations: byName(occupations) };
}

/** Reads the cells of one row by field. */
class RowCells {
  readonly problems: CellProblem[] = [];

  constructor(
    private readonly map: ColumnMap,
    private readonly cells: readonly RawCell[],
  ) {}

  raw(field: ImportField): RawCell {
    const index = this.map.fields.indexOf(field);
    return index < 0 ? null : (this.cells[index] ?? null);
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
  if (typeof cell === 'number' && Math.abs(cell) >= 1e15) {
    return {
      ok: false,
      reason:
        `身份证号码在表格里存成了数字（Excel 显示为 ${String(Number(cell.toPrecision(15)))}），Excel 只保留 15 位有效数字，后几位已经丢失，无法从这个文件恢复。` +
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

/**
 * A sheet's category column holds a handful of different texts, repeated on every row: each is read once. Bounded,
 * so a sheet of free text in that column cannot grow it without limit.
 */
const categoriesByText = new Map<string, CellResult<TraineeInput['categories']>>();
const CATEGORY_TEXTS_KEPT = 500;

function readCategories(cell: RawCell): CellResult<TraineeInput['categories']> {
  const text = cellText(cell);
  const known = categoriesByText.get(text);
  if (known) return known.ok ? { ok: true, value: [...known.value] } : known;
  const result = readCategoriesOnce(text);
  if (categoriesByText.size >= CATEGORY_TEXTS_KEPT) categoriesByText.clear();
  categoriesByText.set(text, result);
  return result.ok ? { ok: true, value: [...result.value] } : result;
}

function readCategoriesOnce(text: string): CellResult<TraineeInput['categories']> {
  if (text === '') return { ok: false, reason: '请填写人员类别。' };
  const { categories, unknown } = matchCategoryList(text);
  if (unknown.length > 0) {
    const names = PERSON_CATEGORIES.map((c) => c.name).join('、');
    return { ok: false, reason: `无法识别的人员类别“${unknown.join('、')}”。请改为规定的类别之一：${names}；多个类别用顿号分隔。` };
  }
  return { ok: true, value: categories };
}

function lookup(map: ReadonlyMap<string, string>, text: string, label: string, where: string): CellResult<string> {
  const id = map.get(looseName(text));
  return id ? { ok: true, value: id } : { ok: false, reason: `${label}“${text}”不在${where}中。请改为目录中的名称（可从模板的下拉列表中选择），或先在“平台目录”中添加。` };
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

export function parseTraineeRow(map: ColumnMap, rowCells: readonly RawCell[], directory: Directory): RowParse<TraineeInput> {
  const cells = new RowCells(map, rowCells);
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
      return cells.take(field, readCategories(cells.raw(field)));
    case 'flag':
      return cells.take(field, (column.spec.display === 'hukou' ? readHukou : readYesNo)(cells.raw(field), cells.header(field)));
    case 'date':
      return cells.take(field, readDate(cells.raw(field), column.spec.label));
    case 'reference': {
      const text = cells.text(field);
      return text === '' ? null : cells.take(field, lookup(directory.platforms, text, column.spec.label, '平台目录'));
    }
    case 'optionalText':
      return cells.optionalText(field);
    default:
      return cells.text(field);
  }
}

/** The placeholder traineeId lets the contract schema check every other field before the trainee is looked up. */
const PLACEHOLDER_TRAINEE = '00000000-0000-4000-8000-000000000000';

export function parseEnrolmentRow(map: ColumnMap, rowCells: readonly RawCell[], directory: Directory): RowParse<EnrolmentDraft> {
  const cells = new RowCells(map, rowCells);
  const idNumber = cells.take('idNumber', readIdNumber(cells.raw('idNumber')));
  const platformText = cells.text('platform');
  const occupationText = cells.text('occupation');
  const endCell = cells.raw('endDate');
  const candidate = {
    traineeId: PLACEHOLDER_TRAINEE,
    platformId: platformText === '' ? cells.take('platform', { ok: false, reason: '请填写培训平台。' }) : cells.take('platform', lookup(directory.platforms, platformText, '培训平台', '平台目录')),
    occupationId: occupationText === '' ? null : cells.take('occupation', lookup(directory.occupations, occupationText, '职业（工种）', '职业目录')),
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

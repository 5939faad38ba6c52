/**
 * The official table (线上培训行动实施情况双周调度表) as a plain model, laid out cell for cell as the seed's attachment
 * (黑人社函〔2020〕60号 附件):
 *
 *   附件
 *                     线上培训行动实施情况双周调度表
 *   填报单位：
 *   | 线上培训学员情况                     | 纳入机构目录的线上培训平台数量                    |
 *   | 实名注册学员人次数 | 线上培训总人次数 | 面向全省 | 面向地市 | 部推荐54家线上平台机构※ |
 *   |        ...        |       ...       |   ...   |   ...   |          ...           |
 *   注：※采用情况（具体平台名称）可另附页
 *   截止日期：2020年 月 日
 *
 * plus the signature line the issue asks for (填表人 / 审核人 / 联系电话 / 填报日期) and the attached page (附页) naming
 * the adopted ministry-recommended platforms. The roll-up variant (a city or the province) adds a first column with
 * the subordinate unit's name, one row per unit and a 合计 row.
 *
 * Renderers (HTML/PDF, .xlsx) only place what is here; no wording lives in them.
 */
import { FIGURE_KEYS, FIGURE_LABELS, sumFigures, type FigureKey, type Figures } from './dispatch-figures';
import { formatChineseDate } from './periods';
import { formatCount } from '../format/numbers';

export const TABLE_TITLE = '线上培训行动实施情况双周调度表';
export const ATTACHMENT_LABEL = '附件';
export const REPORTING_UNIT_LABEL = '填报单位：';
export const TABLE_NOTE = '注：※采用情况（具体平台名称）可另附页';
export const CUTOFF_LABEL = '截止日期：';
export const ATTACHED_PAGE_TITLE = '附页';
export const TRAINEE_GROUP_LABEL = '线上培训学员情况';
export const PLATFORM_GROUP_LABEL = '纳入机构目录的线上培训平台数量';
export const UNIT_COLUMN_LABEL = '单位';
export const TOTAL_ROW_LABEL = '合计';

/** One header cell; row and col are 0-based within the header block, spans are at least 1. */
export interface HeaderCell {
  text: string;
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

export interface TableColumn {
  /** 'unit' is the roll-up's first column; the others are figures. */
  key: 'unit' | FigureKey;
  label: string;
}

export interface TableRow {
  /** The subordinate unit's name in a roll-up (合计 for the total row); null in a county's own table. */
  unitName: string | null;
  values: number[];
  isTotal: boolean;
}

export interface SignatureItem {
  label: string;
  value: string;
}

export interface AttachedPage {
  title: string;
  heading: string;
  columns: string[];
  rows: string[][];
  /** Shown when there is no row, so an empty attached page says why it is empty. */
  emptyText: string;
}

export interface DispatchTableModel {
  variant: 'county' | 'rollup';
  attachmentLabel: string;
  title: string;
  reportingUnitLabel: string;
  reportingUnit: string;
  /** Leaf columns, left to right. */
  columns: TableColumn[];
  headerRowCount: number;
  header: HeaderCell[];
  rows: TableRow[];
  note: string;
  cutoffLabel: string;
  cutoffDate: string;
  cutoffText: string;
  signatures: SignatureItem[];
  attachedPage: AttachedPage;
}

export interface Signatures {
  /** 填表人 */
  filledBy: string;
  /** 审核人: left blank for a hand signature unless given. */
  reviewer?: string;
  /** 联系电话 */
  phone: string;
  /** 填报日期, 'YYYY-MM-DD'. */
  filledOn: string;
}

function signatureItems(s: Signatures): SignatureItem[] {
  return [
    { label: '填表人：', value: s.filledBy },
    { label: '审核人：', value: s.reviewer ?? '' },
    { label: '联系电话：', value: s.phone },
    { label: '填报日期：', value: formatChineseDate(s.filledOn) },
  ];
}

/** The two header rows; `offset` shifts the figure columns right of a roll-up's unit column. */
function headerCells(withUnitColumn: boolean): HeaderCell[] {
  const offset = withUnitColumn ? 1 : 0;
  const cells: HeaderCell[] = [];
  if (withUnitColumn) cells.push({ text: UNIT_COLUMN_LABEL, row: 0, col: 0, rowSpan: 2, colSpan: 1 });
  cells.push({ text: TRAINEE_GROUP_LABEL, row: 0, col: offset, rowSpan: 1, colSpan: 2 });
  cells.push({ text: PLATFORM_GROUP_LABEL, row: 0, col: offset + 2, rowSpan: 1, colSpan: 3 });
  FIGURE_KEYS.forEach((key, index) => cells.push({ text: FIGURE_LABELS[key], row: 1, col: offset + index, rowSpan: 1, colSpan: 1 }));
  return cells;
}

function columns(withUnitColumn: boolean): TableColumn[] {
  const figureColumns = FIGURE_KEYS.map((key) => ({ key, label: FIGURE_LABELS[key] }));
  return withUnitColumn ? [{ key: 'unit', label: UNIT_COLUMN_LABEL }, ...figureColumns] : figureColumns;
}

function figureValues(figures: Figures): number[] {
  return FIGURE_KEYS.map((key) => figures[key]);
}

function uniqueSorted(names: readonly string[]): string[] {
  return [...new Set(names)].sort((a, b) => a.localeCompare(b, 'zh-CN'));
}

function baseModel(input: { unitName: string; cutoffDate: string; signatures: Signatures }) {
  return {
    attachmentLabel: ATTACHMENT_LABEL,
    title: TABLE_TITLE,
    reportingUnitLabel: REPORTING_UNIT_LABEL,
    reportingUnit: input.unitName,
    headerRowCount: 2,
    note: TABLE_NOTE,
    cutoffLabel: CUTOFF_LABEL,
    cutoffDate: input.cutoffDate,
    cutoffText: formatChineseDate(input.cutoffDate),
    signatures: signatureItems(input.signatures),
  };
}

export interface CountyTableInput {
  unitName: string;
  cutoffDate: string;
  figures: Figures;
  /** Names of the adopted ministry-recommended platforms, for the attached page. */
  nationalPlatformNames: readonly string[];
  signatures: Signatures;
}

/** A county's own table: one row of figures. */
export function buildCountyTable(input: CountyTableInput): DispatchTableModel {
  const names = uniqueSorted(input.nationalPlatformNames);
  return {
    variant: 'county',
    ...baseModel(input),
    columns: columns(false),
    header: headerCells(false),
    rows: [{ unitName: null, values: figureValues(input.figures), isTotal: false }],
    attachedPage: {
      title: ATTACHED_PAGE_TITLE,
      heading: `部推荐54家线上平台机构采用情况（${input.unitName}，共 ${names.length} 家）`,
      columns: ['序号', '平台名称'],
      rows: names.map((name, index) => [String(index + 1), name]),
      emptyText: '本单位截至该日未采用部推荐线上平台机构。',
    },
  };
}

export interface RollupUnit {
  unitName: string;
  figures: Figures;
  nationalPlatformNames: readonly string[];
}

export interface RollupTableInput {
  /** The city or the province printing the table. */
  unitName: string;
  cutoffDate: string;
  units: readonly RollupUnit[];
  /**
   * Platform counts for the 合计 row, counted once per distinct platform. Two counties listing the same provincial
   * platform must not make it two platforms, so a caller that knows the platform ids passes the distinct counts;
   * without them the platform columns are summed like the person-times, which overcounts shared platforms.
   */
  distinctPlatformTotals?: Pick<Figures, 'provincePlatforms' | 'cityPlatforms' | 'nationalPlatforms'>;
  signatures: Signatures;
}

/** A city's or the province's table: one row per subordinate unit, in the given order, then 合计. */
export function buildRollupTable(input: RollupTableInput): DispatchTableModel {
  const total = { ...sumFigures(input.units.map((u) => u.figures)), ...input.distinctPlatformTotals };
  const unitsByPlatform = new Map<string, number>();
  for (const unit of input.units) {
    for (const name of new Set(unit.nationalPlatformNames)) unitsByPlatform.set(name, (unitsByPlatform.get(name) ?? 0) + 1);
  }
  const names = uniqueSorted([...unitsByPlatform.keys()]);
  return {
    variant: 'rollup',
    ...baseModel(input),
    columns: columns(true),
    header: headerCells(true),
    rows: [
      ...input.units.map((unit) => ({ unitName: unit.unitName, values: figureValues(unit.figures), isTotal: false })),
      { unitName: TOTAL_ROW_LABEL, values: figureValues(total), isTotal: true },
    ],
    attachedPage: {
      title: ATTACHED_PAGE_TITLE,
      heading: `部推荐54家线上平台机构采用情况（${input.unitName}汇总，共 ${names.length} 家）`,
      columns: ['序号', '平台名称', '采用单位数'],
      rows: names.map((name, index) => [String(index + 1), name, String(unitsByPlatform.get(name))]),
      emptyText: '所辖单位截至该日均未采用部推荐线上平台机构。',
    },
  };
}

/** The text of a row's cells as printed, unit column first where there is one. */
export function rowCells(model: DispatchTableModel, row: TableRow): string[] {
  const values = row.values.map((v) => formatCount(v));
  return model.variant === 'rollup' ? [row.unitName ?? '', ...values] : values;
}

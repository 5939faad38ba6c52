/**
 * Rows that land in reported periods (issue #14 item 7). The two person-time figures of the dispatch table are
 * cumulative as of each cutoff, so a row dated on or before a reported period's cutoff changes that period's figure
 * and the figure of every reported period after it. The dry run sorts such rows into one group per earliest reported
 * period they change, says what they do to the figures, and what the period's lock rules (period-locks.ts) allow:
 *
 * - a period accepted by the city or province is locked: rows that would change it cannot go in (the commit would be
 *   refused by the lock); the clerk skips them, or asks for a correction (更正申请) first;
 * - a period submitted and waiting for review keeps the figures it went up with (dispatch-service freezes them), so
 *   the rows may go in: they count from the next period on, and the note says so.
 *
 * Nothing is decided silently: every group needs the clerk's choice (skip / include) before the commit writes.
 */
import type { Knex } from 'knex';
import { FIGURE_NAMES } from '../../../src-shared/domain/dispatch-figures';
import { formatChineseDate } from '../../../src-shared/domain/periods';
import { AppError } from '../../../src-shared/errors';
import type { ClosedPeriodAction, ClosedPeriodGroup, ImportKind } from '../../../src-shared/schemas/import';
import { DispatchRepository } from '../db/repositories/dispatch-repository';

export type DatedFigure = 'registeredTrainees' | 'trainingPersonTimes';
const DATED_FIGURES: readonly DatedFigure[] = ['registeredTrainees', 'trainingPersonTimes'];
/** The dates of one row that feed the figures: 注册日期 for a trainee, 开始日期 for a training record. */
export type RowDates = Partial<Record<DatedFigure, string>>;

export interface ReportedPeriod {
  periodId: string;
  seq: number;
  startDate: string;
  cutoffDate: string;
  status: 'submitted' | 'accepted';
  /** The figures as the records give them now (the per-day counters the locks read). */
  figures: Record<DatedFigure, number>;
}

const SAMPLE_ROWS = 20;

/** The periods whose report went up (submitted or accepted), earliest cutoff first, with their figures now. */
export async function reportedPeriods(db: Knex): Promise<ReportedPeriod[]> {
  const rows = await db('dispatch_reports as r')
    .join('periods as p', 'p.id', 'r.period_id')
    .whereIn('r.status', ['submitted', 'accepted'])
    .orderBy('p.cutoff_date')
    .select<Array<{ period_id: string; seq: number; start_date: string; cutoff_date: string; status: 'submitted' | 'accepted' }>>('r.period_id', 'p.seq', 'p.start_date', 'p.cutoff_date', 'r.status');
  if (rows.length === 0) return [];
  const figures = await new DispatchRepository(db).personTimesAtCutoffs(rows.map((r) => r.cutoff_date));
  return rows.map((r) => ({ periodId: r.period_id, seq: Number(r.seq), startDate: r.start_date, cutoffDate: r.cutoff_date, status: r.status, figures: figures.get(r.cutoff_date)! }));
}

interface Group {
  rows: number;
  sampleRows: number[];
  earliest: string;
  /** Per figure, per reported period index: rows whose date first counts in that period. */
  firstCounted: Record<DatedFigure, number[]>;
}

/** The rows of one import sorted by the earliest reported period they change. */
export class ClosedPeriodSorter {
  private readonly groups: Array<Group | null>;

  constructor(readonly periods: readonly ReportedPeriod[]) {
    this.groups = periods.map(() => null);
  }

  /** Index of the first reported period whose cutoff is on or after `date`, or -1 (binary search: rows are many). */
  private firstCounting(date: string): number {
    let low = 0;
    let high = this.periods.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.periods[mid]!.cutoffDate < date) low = mid + 1;
      else high = mid;
    }
    return low < this.periods.length ? low : -1;
  }

  /** Places one row; returns the index of its group (a reported period), or -1 when it changes none. */
  place(row: number, dates: RowDates): number {
    if (this.periods.length === 0) return -1;
    let groupIndex = -1;
    const counted: Array<[DatedFigure, number]> = [];
    let earliest: string | null = null;
    for (const figure of DATED_FIGURES) {
      const date = dates[figure];
      if (date === undefined) continue;
      const index = this.firstCounting(date);
      if (index < 0) continue;
      counted.push([figure, index]);
      if (groupIndex < 0 || index < groupIndex) groupIndex = index;
      if (earliest === null || date < earliest) earliest = date;
    }
    if (groupIndex < 0) return -1;
    const group = (this.groups[groupIndex] ??= { rows: 0, sampleRows: [], earliest: earliest!, firstCounted: { registeredTrainees: this.periods.map(() => 0), trainingPersonTimes: this.periods.map(() => 0) } });
    group.rows += 1;
    if (group.sampleRows.length < SAMPLE_ROWS) group.sampleRows.push(row);
    if (earliest! < group.earliest) group.earliest = earliest!;
    for (const [figure, index] of counted) group.firstCounted[figure][index]! += 1;
    return groupIndex;
  }

  summary(kind: ImportKind): ClosedPeriodGroup[] {
    const result: ClosedPeriodGroup[] = [];
    this.groups.forEach((group, index) => {
      if (group) result.push(this.describe(kind, index, group));
    });
    return result;
  }

  private describe(kind: ImportKind, index: number, group: Group): ClosedPeriodGroup {
    const period = this.periods[index]!;
    const changes: ClosedPeriodGroup['changes'] = [];
    for (const figure of DATED_FIGURES) {
      let added = 0;
      for (let k = index; k < this.periods.length; k += 1) {
        added += group.firstCounted[figure][k]!;
        const later = this.periods[k]!;
        if (added > 0) changes.push({ seq: later.seq, status: later.status, figure: FIGURE_NAMES[figure], before: later.figures[figure], after: later.figures[figure] + added });
      }
    }
    const locked = [...new Set(changes.filter((c) => c.status === 'accepted').map((c) => c.seq))];
    const word = kind === 'trainees' ? '注册日期' : '开始日期';
    const state = period.status === 'accepted' ? '已上报并审核通过' : '已上报';
    const where = group.earliest >= period.startDate ? `第 ${period.seq} 期内` : `第 ${period.seq} 期截止日（${formatChineseDate(period.cutoffDate)}）或之前`;
    return {
      periodId: period.periodId,
      seq: period.seq,
      startDate: period.startDate,
      cutoffDate: period.cutoffDate,
      status: period.status,
      rows: group.rows,
      sampleRows: group.sampleRows,
      title: `${group.rows} 行的${word}在${state}的${where}`,
      changes,
      allowed: locked.length > 0 ? ['skip'] : ['skip', 'include'],
      note:
        locked.length > 0
          ? `第 ${locked.join('、')} 期已审核通过并锁定，这些行会改变它已上报的数字，不能导入。可以跳过这些行（其余的行照常导入）；如确需补录，请到“双周调度”对该期提交更正申请，批准后再导入。`
          : `第 ${[...new Set(changes.map((c) => c.seq))].join('、')} 期已上报、正在等待审核：照样导入时，已上报的数字不变（上报时已保存），这些行计入之后各期的累计数；如需该期也算上它们，请联系上级单位退回该期后重新上报。`,
    };
  }
}

/** The rows of a plan dated in reported periods: the groups shown, and for each input the index of its group or -1. */
export interface ClosedRows {
  periods: readonly ReportedPeriod[];
  groups: ClosedPeriodGroup[];
  groupOf: Int16Array;
}

export const NO_CLOSED_ROWS: ClosedRows = { periods: [], groups: [], groupOf: new Int16Array(0) };

export function sortClosedRows(kind: ImportKind, periods: readonly ReportedPeriod[], count: number, datesOf: (i: number) => RowDates, rowOf: (i: number) => number): ClosedRows {
  if (periods.length === 0 || count === 0) return { periods, groups: [], groupOf: new Int16Array(0) };
  const sorter = new ClosedPeriodSorter(periods);
  const groupOf = new Int16Array(count);
  for (let i = 0; i < count; i += 1) groupOf[i] = sorter.place(rowOf(i), datesOf(i));
  return { periods, groups: sorter.summary(kind), groupOf };
}

/**
 * Which inputs to leave out, from the clerk's choice for every group; refuses (writing nothing) when a group has no
 * choice or is to be included against its lock. Returns null when nothing is left out.
 */
export function skippedByChoice(closed: ClosedRows, choices: Readonly<Record<string, ClosedPeriodAction>> | undefined): Set<number> | null {
  if (closed.groups.length === 0) return null;
  const skipped = new Set<number>();
  const undecided = closed.groups.filter((g) => choices?.[g.periodId] === undefined);
  const refusedInclude = closed.groups.filter((g) => choices?.[g.periodId] === 'include' && !g.allowed.includes('include'));
  const locked = [...undecided, ...refusedInclude].filter((g) => !g.allowed.includes('include'));
  if (locked.length > 0) {
    // The lock's own code: the period cannot take these rows, whatever is chosen, except leaving them out.
    throw new AppError('PERIOD_CLOSED', `本次没有导入任何数据：${locked.map((g) => g.title).join('；')}。${locked[0]!.note}`, { periods: locked.map((g) => g.periodId) });
  }
  if (undecided.length > 0) {
    throw new AppError(
      'VALIDATION',
      `本次没有导入任何数据：${undecided.map((g) => g.title).join('；')}。请为这些行选择“跳过这些行”或“照样导入”后再导入。`,
      { periods: undecided.map((g) => g.periodId) },
    );
  }
  const skippedGroups = new Set(closed.groups.filter((g) => choices![g.periodId] === 'skip').map((g) => closed.periods.findIndex((p) => p.periodId === g.periodId)));
  if (skippedGroups.size === 0) return null;
  closed.groupOf.forEach((group, i) => {
    if (skippedGroups.has(group)) skipped.add(i);
  });
  return skipped;
}

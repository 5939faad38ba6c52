/** The staff web UI's pure rules: which period opens first, board filters, chart ticks, file names, the next period. */
import { describe, expect, it } from 'vitest';
import { generatePeriods, DEFAULT_CAMPAIGN } from '../../src-shared/domain/periods';
import type { BoardRow, StaffPeriod } from '../../src-shared/staff-api';
import { filterBoard, NO_FILTER } from '../../src-renderer/staff/board/board-filter';
import { nextPeriod } from '../../src-renderer/staff/calendar/next-period';
import { tickStep } from '../../src-renderer/staff/progress/chart-scale';
import { fileNameOf } from '../../src-renderer/staff/api/staff-client';
import { queryString } from '../../src-shared/staff-contract';
import { defaultPeriod } from '../../src-renderer/staff/shared/period-choice';

const periods: StaffPeriod[] = generatePeriods(DEFAULT_CAMPAIGN).map((p) => ({ ...p, id: p.cutoffDate, source: 'default' }));

describe('staff UI rules', () => {
  it('opens on the latest period whose cutoff has come, else the first', () => {
    expect(defaultPeriod(periods, '2020-04-09')?.cutoffDate).toBe(periods[0]!.cutoffDate);
    expect(defaultPeriod(periods, '2020-04-10')?.cutoffDate).toBe('2020-04-10');
    expect(defaultPeriod(periods, '2020-04-23')?.cutoffDate).toBe('2020-04-10');
    expect(defaultPeriod(periods, '2026-11-26')?.cutoffDate).toBe(periods.at(-1)!.cutoffDate);
    expect(defaultPeriod([], '2020-05-01')).toBeNull();
  });

  it('filters the board by status, name or code, and staleness together', () => {
    const row = (countyCode: string, countyName: string, status: BoardRow['status'], syncStale: boolean): BoardRow => ({
      countyCode, countyName, cityCode: '230100', status, late: false, submittedAt: null, reviewComment: null, reviewedAt: null, lastSyncAt: null, syncStale, stage: 'not_submitted', awaiting: null, reviewedBy: null, reviewedLevel: null, correction: null, daysLate: 0, shortCode: null,
    });
    const rows = [row('230102', '哈尔滨市道里区', 'on_time', false), row('230103', '哈尔滨市南岗区', 'not_submitted', true), row('230104', '哈尔滨市道外区', 'not_submitted', false)];
    expect(filterBoard(rows, NO_FILTER)).toHaveLength(3);
    expect(filterBoard(rows, { ...NO_FILTER, status: 'not_submitted' }).map((r) => r.countyCode)).toEqual(['230103', '230104']);
    expect(filterBoard(rows, { ...NO_FILTER, text: ' 道 ' }).map((r) => r.countyCode)).toEqual(['230102', '230104']);
    expect(filterBoard(rows, { ...NO_FILTER, text: '230103' }).map((r) => r.countyCode)).toEqual(['230103']);
    expect(filterBoard(rows, { status: 'not_submitted', text: '', staleOnly: true }).map((r) => r.countyCode)).toEqual(['230103']);
  });

  it('steps the chart axis in 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(tickStep(105_000)).toBe(25_000);
    expect(tickStep(140_000)).toBe(50_000);
    expect(tickStep(9_000)).toBe(2_000);
    expect(tickStep(50)).toBe(10);
    expect(tickStep(0)).toBe(1);
  });

  it("reads the server's Chinese file name and builds query strings of the given values only", () => {
    expect(fileNameOf(`attachment; filename="export"; filename*=UTF-8''${encodeURIComponent('调度表-哈尔滨市-2020-04-10.pdf')}`)).toBe('调度表-哈尔滨市-2020-04-10.pdf');
    expect(fileNameOf('attachment; filename="x.pdf"')).toBeNull();
    expect(fileNameOf(null)).toBeNull();
    expect(queryString({ period: '2020-04-10', city: null })).toBe('?period=2020-04-10');
    expect(queryString({ city: undefined })).toBe('');
  });

  it('proposes the next fortnight after the last period, due two days after its cutoff', () => {
    expect(nextPeriod({ seq: 7, startDate: '2020-06-20', cutoffDate: '2020-06-26', dueDate: '2020-06-28' })).toEqual({ seq: 8, startDate: '2020-06-27', cutoffDate: '2020-07-10', dueDate: '2020-07-12' });
  });
});

import type { StaffPeriod } from '../../../src-shared/staff-api';

/** The period staff look at first: the latest whose cutoff has come, else the first of the calendar. */
export function defaultPeriod(periods: readonly StaffPeriod[], today: string): StaffPeriod | null {
  const reached = periods.filter((p) => p.cutoffDate <= today);
  return reached.at(-1) ?? periods[0] ?? null;
}

export function periodLabel(p: StaffPeriod): string {
  return `第 ${p.seq} 期（截至 ${p.cutoffDate}，${p.dueDate} 前上报）`;
}

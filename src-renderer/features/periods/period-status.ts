import { daysBetween } from '../../../src-shared/domain/dates';
import type { Period } from '../../../src-shared/schemas/reference';

/** The first period whose report is not yet due (due today counts), or null after the campaign. */
export function nextDuePeriod(periods: readonly Period[], today: string): Period | null {
  const upcoming = periods.filter((p) => p.dueDate >= today).sort((a, b) => (a.dueDate < b.dueDate ? -1 : 1));
  return upcoming[0] ?? null;
}

export function countdownText(period: Period, today: string): string {
  const days = daysBetween(today, period.dueDate);
  if (days === 0) return '今天是上报日';
  if (days === 1) return '明天上报';
  return `还有 ${days} 天上报`;
}

export type PeriodPhase = 'past' | 'current' | 'future';

export function periodPhase(period: Period, today: string): PeriodPhase {
  if (period.dueDate < today) return 'past';
  if (period.startDate > today) return 'future';
  return 'current';
}

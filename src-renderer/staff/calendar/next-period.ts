import dayjs from 'dayjs';
import type { CalendarInput } from '../api/use-staff';

type CalendarRow = CalendarInput[number];

/** The period after `last`: the next fortnight, due two days after its cutoff (the campaign's rhythm). */
export function nextPeriod(last: CalendarRow | undefined): CalendarRow {
  const start = last ? dayjs(last.cutoffDate).add(1, 'day') : dayjs();
  const cutoff = start.add(13, 'day');
  return { seq: (last?.seq ?? 0) + 1, startDate: start.format('YYYY-MM-DD'), cutoffDate: cutoff.format('YYYY-MM-DD'), dueDate: cutoff.add(2, 'day').format('YYYY-MM-DD') };
}

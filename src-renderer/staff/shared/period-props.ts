import type { StaffPeriod, StaffUser } from '../../../src-shared/staff-api';

/** What the period-bound screens (board, roll-up) receive from the shell. */
export interface PeriodPageProps {
  user: StaffUser;
  periods: readonly StaffPeriod[];
  period: string;
  onPeriodChange: (cutoffDate: string) => void;
}

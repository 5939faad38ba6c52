import { Select } from 'antd';
import type { StaffPeriod } from '../../../src-shared/staff-api';
import { periodLabel } from './period-choice';

/** Chooses the reporting period by its cutoff date, which is how the server names a period. */
export function PeriodSelect({ periods, value, onChange }: { periods: readonly StaffPeriod[]; value: string | null; onChange: (cutoffDate: string) => void }) {
  return (
    <Select
      aria-label="调度期次"
      style={{ minWidth: 320 }}
      value={value ?? undefined}
      onChange={onChange}
      options={periods.map((p) => ({ value: p.cutoffDate, label: periodLabel(p) }))}
      placeholder="选择期次"
    />
  );
}

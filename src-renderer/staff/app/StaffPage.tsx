import { Spin } from 'antd';
import { useEffect } from 'react';
import type { StaffUser } from '../../../src-shared/staff-api';
import { usePeriods } from '../api/use-staff';
import { AuditPage } from '../audit/AuditPage';
import { BoardPage } from '../board/BoardPage';
import { CalendarPage } from '../calendar/CalendarPage';
import { RulesPage } from '../rules/RulesPage';
import { CarriedUploadPage } from '../carried/CarriedUploadPage';
import { ShortCodePage } from '../short-codes/ShortCodePage';
import { DirectoryPage } from '../directory/DirectoryPage';
import { DuplicatesPage } from '../duplicates/DuplicatesPage';
import { ProgressPage } from '../progress/ProgressPage';
import { RollupPage } from '../rollup/RollupPage';
import { defaultPeriod } from '../shared/period-choice';
import { todayIso } from '../shared/format';
import { StaffLoadFailed } from '../shared/StaffLoadFailed';
import type { StaffRouteKey } from './staff-routes';

/** The current screen; the period-bound screens wait for the calendar and start on the current period. */
export function StaffPage({ route, user, period, onPeriodChange }: { route: StaffRouteKey; user: StaffUser; period: string | null; onPeriodChange: (p: string) => void }) {
  const periods = usePeriods();
  const list = periods.data?.periods ?? [];
  const chosen = period && list.some((p) => p.cutoffDate === period) ? period : (defaultPeriod(list, todayIso())?.cutoffDate ?? null);
  useEffect(() => {
    if (chosen && chosen !== period) onPeriodChange(chosen);
  }, [chosen, period, onPeriodChange]);

  switch (route) {
    case 'progress':
      return <ProgressPage user={user} />;
    case 'duplicates':
      return <DuplicatesPage user={user} />;
    case 'directory':
      return <DirectoryPage user={user} />;
    case 'carried':
      return <CarriedUploadPage user={user} />;
    case 'codes':
      return <ShortCodePage user={user} />;
    case 'calendar':
      return <CalendarPage />;
    case 'rules':
      return <RulesPage />;
    case 'audit':
      return <AuditPage />;
    default:
      break;
  }
  if (periods.isError) return <StaffLoadFailed error={periods.error} onRetry={() => void periods.refetch()} />;
  if (!chosen) return <Spin />;
  const props = { user, periods: list, period: chosen, onPeriodChange };
  return route === 'rollup' ? <RollupPage {...props} /> : <BoardPage {...props} />;
}

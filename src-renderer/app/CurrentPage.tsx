import { EnrolmentsPage } from '../features/enrolments/EnrolmentsPage';
import { ImportExportPage } from '../features/import/ImportExportPage';
import { PeriodsPage } from '../features/periods/PeriodsPage';
import { PlatformsPage } from '../features/platforms/PlatformsPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { SyncPage } from '../features/sync/SyncPage';
import { TraineesPage } from '../features/trainees/TraineesPage';
import type { RouteKey } from './routes';

export function CurrentPage({ route }: { route: RouteKey }) {
  switch (route) {
    case 'trainees':
      return <TraineesPage />;
    case 'enrolments':
      return <EnrolmentsPage />;
    case 'import':
      return <ImportExportPage />;
    case 'platforms':
      return <PlatformsPage />;
    case 'periods':
      return <PeriodsPage />;
    case 'sync':
      return <SyncPage />;
    case 'settings':
      return <SettingsPage />;
  }
}

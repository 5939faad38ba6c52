import { LoadFailed } from '../../app/LoadFailed';
import { staffMessageOf } from '../api/staff-error';

/** The desktop's load-failure screen with the staff API's message. */
export function StaffLoadFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return <LoadFailed error={error} onRetry={onRetry} message={staffMessageOf(error)} />;
}

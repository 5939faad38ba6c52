import { useQuery } from '@tanstack/react-query';
import { invoke } from '../../api/client';
import { queryKeys } from '../../api/query-keys';

export function usePeriods() {
  return useQuery({ queryKey: queryKeys.periods, queryFn: () => invoke('periods.list', {}) });
}

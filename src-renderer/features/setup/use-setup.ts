import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProcedureInput } from '../../../src-shared/contract';
import { invoke } from '../../api/client';
import { queryKeys } from '../../api/query-keys';

export function useCities() {
  return useQuery({
    queryKey: queryKeys.units({ level: 'city' }),
    queryFn: () => invoke('units.list', { level: 'city' }),
    staleTime: Infinity,
  });
}

export function useCounties(cityCode: string | undefined) {
  return useQuery({
    queryKey: queryKeys.units({ parentCode: cityCode }),
    queryFn: () => invoke('units.list', { parentCode: cityCode, level: 'county' }),
    enabled: cityCode !== undefined,
    staleTime: Infinity,
  });
}

export function useSetupInit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ProcedureInput<'setup.init'>) => invoke('setup.init', input),
    onSuccess: (settings) => {
      queryClient.setQueryData(queryKeys.settings, settings);
      void queryClient.invalidateQueries();
    },
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProcedureInput } from '../../../src-shared/contract';
import { invoke } from '../../api/client';
import { queryKeys } from '../../api/query-keys';

/** The whole directory (a few hundred rows at most), filtered on screen. */
export function usePlatforms() {
  return useQuery({ queryKey: queryKeys.platforms, queryFn: () => invoke('platforms.list', {}) });
}

function useInvalidatePlatforms() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: queryKeys.platforms });
}

export function useAdoptPlatform() {
  const invalidate = useInvalidatePlatforms();
  return useMutation({
    mutationFn: (input: ProcedureInput<'platforms.adopt'>) => invoke('platforms.adopt', input),
    onSuccess: invalidate,
  });
}

export function useCreatePlatform() {
  const invalidate = useInvalidatePlatforms();
  return useMutation({
    mutationFn: (input: ProcedureInput<'platforms.create'>) => invoke('platforms.create', input),
    onSuccess: invalidate,
  });
}

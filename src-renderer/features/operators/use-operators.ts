import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProcedureInput } from '../../../src-shared/contract';
import { invoke } from '../../api/client';
import { queryKeys } from '../../api/query-keys';

export function useOperators(enabled = true) {
  return useQuery({ queryKey: queryKeys.operators, queryFn: () => invoke('operators.list', {}), enabled });
}

/** The operators appear in the lock screen's list, the settings and the status bar, so all go stale on a change. */
function useInvalidateOperators() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.operators });
    void queryClient.invalidateQueries({ queryKey: queryKeys.session });
    void queryClient.invalidateQueries({ queryKey: queryKeys.settings });
    void queryClient.invalidateQueries({ queryKey: queryKeys.status });
  };
}

export function useCreateOperator() {
  const invalidate = useInvalidateOperators();
  return useMutation({
    mutationFn: (input: ProcedureInput<'operators.create'>) => invoke('operators.create', input),
    onSuccess: invalidate,
  });
}

/** Settled, not only succeeded: the fifth wrong PIN of the clerk confirming locks the screen. */
export function useResetColleaguePin() {
  const invalidate = useInvalidateOperators();
  return useMutation({
    mutationFn: (input: ProcedureInput<'operators.resetPin'>) => invoke('operators.resetPin', input),
    onSettled: invalidate,
  });
}

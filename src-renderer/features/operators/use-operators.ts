import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProcedureInput } from '../../../src-shared/contract';
import { invoke } from '../../api/client';
import { queryKeys } from '../../api/query-keys';

export function useOperators(enabled = true) {
  return useQuery({ queryKey: queryKeys.operators, queryFn: () => invoke('operators.list', {}), enabled });
}

/** The current operator appears in the settings and the status bar, so both go stale on a change. */
function useInvalidateOperators() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.operators });
    void queryClient.invalidateQueries({ queryKey: queryKeys.settings });
    void queryClient.invalidateQueries({ queryKey: queryKeys.status });
  };
}

export function useSelectOperator() {
  const invalidate = useInvalidateOperators();
  return useMutation({
    mutationFn: (input: ProcedureInput<'operators.select'>) => invoke('operators.select', input),
    onSuccess: invalidate,
  });
}

export function useCreateOperator() {
  const invalidate = useInvalidateOperators();
  return useMutation({
    mutationFn: (input: ProcedureInput<'operators.create'>) => invoke('operators.create', input),
    onSuccess: invalidate,
  });
}

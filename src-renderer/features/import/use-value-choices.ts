/** The county's remembered value decisions (importChoices.*), refetched after a change and after an import. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProcedureInput } from '../../../src-shared/contract';
import { invoke } from '../../api/client';

export const VALUE_CHOICES_KEY = ['import-choices'] as const;

export function useValueChoices() {
  return useQuery({ queryKey: VALUE_CHOICES_KEY, queryFn: () => invoke('importChoices.list', {}) });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: VALUE_CHOICES_KEY });
}

export function useSetValueChoice() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (input: ProcedureInput<'importChoices.set'>) => invoke('importChoices.set', input), onSuccess: invalidate });
}

export function useForgetValueChoice() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (input: ProcedureInput<'importChoices.forget'>) => invoke('importChoices.forget', input), onSuccess: invalidate });
}

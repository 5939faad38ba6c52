import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProcedureInput } from '../../../src-shared/contract';
import { invoke } from '../../api/client';
import { queryKeys } from '../../api/query-keys';

export function useEnrolmentList(input: ProcedureInput<'enrolments.list'>) {
  return useQuery({
    queryKey: queryKeys.enrolmentList(input),
    queryFn: () => invoke('enrolments.list', input),
    placeholderData: keepPreviousData,
  });
}

export function useOccupations() {
  return useQuery({
    queryKey: queryKeys.occupations,
    queryFn: () => invoke('occupations.list', {}),
    staleTime: Infinity,
  });
}

function useInvalidateEnrolments() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.enrolments });
    // A trainee's enrolment count is shown with the trainee.
    void queryClient.invalidateQueries({ queryKey: queryKeys.trainees });
    void queryClient.invalidateQueries({ queryKey: queryKeys.status });
  };
}

export function useCreateEnrolment() {
  const invalidate = useInvalidateEnrolments();
  return useMutation({
    mutationFn: (input: ProcedureInput<'enrolments.create'>) => invoke('enrolments.create', input),
    onSuccess: invalidate,
  });
}

/** Quick mode: the same course for many trainees in one all-or-nothing call. */
export function useCreateManyEnrolments() {
  const invalidate = useInvalidateEnrolments();
  return useMutation({
    mutationFn: (input: ProcedureInput<'enrolments.createMany'>) => invoke('enrolments.createMany', input),
    onSuccess: invalidate,
  });
}

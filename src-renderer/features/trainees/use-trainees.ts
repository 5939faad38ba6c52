import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProcedureInput } from '../../../src-shared/contract';
import { invoke } from '../../api/client';
import { queryKeys } from '../../api/query-keys';

export type TraineeListInput = ProcedureInput<'trainees.list'>;

/** One page of the list; the previous page stays on screen while the next one loads (no flicker while typing). */
export function useTraineeList(input: TraineeListInput) {
  return useQuery({
    queryKey: queryKeys.traineeList(input),
    queryFn: () => invoke('trainees.list', input),
    placeholderData: keepPreviousData,
  });
}

export function useTrainee(id: string | null) {
  return useQuery({
    queryKey: queryKeys.trainee(id ?? ''),
    queryFn: () => invoke('trainees.get', { id: id ?? '' }),
    enabled: id !== null,
    // The full ID number is personal data: fetch it fresh each time the drawer opens, keep no copy.
    staleTime: 0,
    gcTime: 0,
  });
}

/** Every change to a trainee stales the lists, the open record and the status bar's counts. */
function useInvalidateTrainees() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.trainees });
    void queryClient.invalidateQueries({ queryKey: queryKeys.status });
  };
}

export function useCreateTrainee() {
  const invalidate = useInvalidateTrainees();
  return useMutation({
    mutationFn: (input: ProcedureInput<'trainees.create'>) => invoke('trainees.create', input),
    onSuccess: invalidate,
  });
}

export function useUpdateTrainee() {
  const invalidate = useInvalidateTrainees();
  return useMutation({
    mutationFn: (input: ProcedureInput<'trainees.update'>) => invoke('trainees.update', input),
    onSuccess: invalidate,
  });
}

export function useDeleteTrainee() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateTrainees();
  return useMutation({
    mutationFn: (input: ProcedureInput<'trainees.delete'>) => invoke('trainees.delete', input),
    onSuccess: (_result, input) => {
      // Dropped rather than refetched: the record is gone, asking for it again would only fail.
      queryClient.removeQueries({ queryKey: queryKeys.trainee(input.id) });
      invalidate();
    },
  });
}

/** Who changed this record and when; refetched each time the drawer opens (another clerk may have edited it). */
export function useTraineeHistory(id: string) {
  return useQuery({
    queryKey: queryKeys.traineeHistory(id),
    queryFn: () => invoke('trainees.history', { id }),
    staleTime: 0,
  });
}

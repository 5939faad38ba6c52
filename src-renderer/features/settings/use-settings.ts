import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProcedureInput } from '../../../src-shared/contract';
import { invoke } from '../../api/client';
import { queryKeys } from '../../api/query-keys';

/** `enabled` false while the PC is locked: settings.get is refused then. */
export function useSettings(enabled = true) {
  return useQuery({ queryKey: queryKeys.settings, queryFn: () => invoke('settings.get', {}), enabled });
}

export function useAppInfo() {
  return useQuery({ queryKey: queryKeys.appInfo, queryFn: () => invoke('app.info', {}), staleTime: Infinity });
}

/** Polled as a heartbeat too: the bar must notice when the local program has stopped. */
export function useStatus() {
  return useQuery({ queryKey: queryKeys.status, queryFn: () => invoke('status.get', {}), refetchInterval: 30_000 });
}

/** Saves part of the settings; the lock screen reads the idle minutes and the PIN rule too, so both go stale. */
export function useSaveSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ProcedureInput<'settings.set'>) => invoke('settings.set', input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.settings });
      void queryClient.invalidateQueries({ queryKey: queryKeys.session });
    },
  });
}

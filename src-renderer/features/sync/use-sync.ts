/** The 数据同步 page's data: the sync status, the run, enrolment, discard, export, and live progress. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { SyncProgressPayload } from '../../../src-shared/events';
import { invoke } from '../../api/client';
import { subscribeToEvents } from '../../api/events';
import { queryKeys } from '../../api/query-keys';

const syncStatusKey = ['sync', 'status'] as const;

export function useSyncStatus() {
  return useQuery({ queryKey: syncStatusKey, queryFn: () => invoke('sync.status', {}) });
}

function useRefresh() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: syncStatusKey });
    void client.invalidateQueries({ queryKey: queryKeys.status });
    // A sync moves reports on (待同步 → 已送达, returns and acceptances pulled): 双周调度 and the returned list refetch.
    void client.invalidateQueries({ queryKey: queryKeys.dispatch });
  };
}

export function useSyncRun() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: () => invoke('sync.run', {}), onSettled: refresh });
}

export function useSyncEnrol() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: { serverUrl: string; code: string; replaceExisting?: true }) => invoke('sync.enrol', input), onSuccess: refresh });
}

export function useSyncDiscard() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (opId: string) => invoke('sync.discard', { opId }), onSuccess: refresh });
}

export function useExportUnsent() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: () => invoke('sync.exportUnsent', {}), onSuccess: refresh });
}

export function useImportReceipt() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (fileId: string) => invoke('sync.importReceipt', { fileId }), onSettled: refresh });
}

/** The latest sync.progress event of the running sync (null before the first). */
export function useSyncProgress(): SyncProgressPayload | null {
  const [progress, setProgress] = useState<SyncProgressPayload | null>(null);
  useEffect(() => subscribeToEvents((event) => event.type === 'sync.progress' && setProgress(event.payload)), []);
  return progress;
}

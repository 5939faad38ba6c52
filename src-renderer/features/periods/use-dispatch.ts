import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProcedureInput } from '../../../src-shared/contract';
import { invoke } from '../../api/client';
import { queryKeys } from '../../api/query-keys';

export function useDispatchList() {
  return useQuery({ queryKey: queryKeys.dispatchList, queryFn: () => invoke('dispatch.list', {}) });
}

export function useDispatchReport(periodId: string) {
  return useQuery({ queryKey: queryKeys.dispatchReport(periodId), queryFn: () => invoke('dispatch.get', { periodId }) });
}

/** The print preview's HTML; refetched with the report, since both change together. */
export function useTableHtml(periodId: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.tableHtml(periodId),
    queryFn: () => invoke('table.render', { periodId }),
    enabled,
  });
}

function useInvalidateDispatch() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: queryKeys.dispatch });
}

export function useAdjustFigure() {
  const invalidate = useInvalidateDispatch();
  return useMutation({
    mutationFn: (input: ProcedureInput<'dispatch.adjust'>) => invoke('dispatch.adjust', input),
    onSuccess: invalidate,
  });
}

export function useSubmitReport() {
  const invalidate = useInvalidateDispatch();
  return useMutation({
    mutationFn: (input: ProcedureInput<'dispatch.submit'>) => invoke('dispatch.submit', input),
    onSuccess: invalidate,
  });
}

export function useExportTable() {
  return useMutation({
    mutationFn: (input: ProcedureInput<'table.export'>) => invoke('table.export', input),
  });
}

export function useRequestCorrection() {
  const invalidate = useInvalidateDispatch();
  return useMutation({
    mutationFn: (input: ProcedureInput<'dispatch.requestCorrection'>) => invoke('dispatch.requestCorrection', input),
    onSuccess: invalidate,
  });
}

/** The submitted report's short code (短码), shown after 上报; refetched with the report. */
export function useShortCode(periodId: string, enabled: boolean) {
  return useQuery({ queryKey: [...queryKeys.dispatch, 'short-code', periodId], queryFn: () => invoke('dispatch.shortCode', { periodId }), enabled });
}

export function useConfirmReceipt() {
  const invalidate = useInvalidateDispatch();
  return useMutation({
    mutationFn: (input: ProcedureInput<'dispatch.confirmReceipt'>) => invoke('dispatch.confirmReceipt', input),
    onSuccess: invalidate,
  });
}

/** The 数据导入导出 page's calls: templates, dry run, commit with live progress, cancel, error report, export. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { ClosedPeriodAction, ColumnFill, ImportField, ImportKind, ImportProgress, ValueDecision } from '../../../src-shared/schemas/import';
import { invoke } from '../../api/client';
import { subscribeToEvents } from '../../api/events';
import { saveFile, uploadFile, type FileRef } from './file-transfer';
import { VALUE_CHOICES_KEY } from './use-value-choices';

export type ColumnMapping = Record<string, ImportField | null>;

export function useTemplateDownload() {
  return useMutation({
    mutationFn: async (kind: ImportKind) => saveFile(await invoke('import.template', { kind })),
  });
}

export function useUpload() {
  return useMutation({ mutationFn: (file: File) => uploadFile(file) });
}

export function useDryRun() {
  return useMutation({
    mutationFn: (input: { fileId: string; kind: ImportKind; mapping: ColumnMapping; fill: ColumnFill; decisions: ValueDecision[]; sheet: number | undefined; registerMissing: boolean }) =>
      invoke('import.dryRun', {
        fileId: input.fileId,
        kind: input.kind,
        // Absent: the host reads the sheet whose header names the most known columns.
        sheet: input.sheet,
        registerMissing: input.registerMissing || undefined,
        // An empty mapping is left out so the host's own recognition applies untouched.
        mapping: Object.keys(input.mapping).length > 0 ? input.mapping : undefined,
        fill: Object.keys(input.fill).length > 0 ? input.fill : undefined,
        decisions: input.decisions.length > 0 ? input.decisions : undefined,
      }),
  });
}

export interface CommitOutcome {
  status: 'done' | 'cancelled';
  imported: number;
  /** Invalid rows left out (skip-invalid), and rows already registered or recorded. */
  skipped: number;
  existing: number;
  /** Valid rows dated in reported periods, left out by the clerk's choice. */
  closedSkipped: number;
  /** Trainees registered with their training records (同时登记这些学员). */
  registered: number;
  /** The rows left out by a skip-invalid import, with reasons; null when none were. */
  report: FileRef | null;
}

export function useCommit() {
  const queryClient = useQueryClient();
  return useMutation({
    // The import remembers its value decisions: the list of remembered choices has changed.
    onSettled: () => void queryClient.invalidateQueries({ queryKey: VALUE_CHOICES_KEY }),
    mutationFn: async (input: { jobId: string; skipInvalid: boolean; invalid: number; closedPeriods: Record<string, ClosedPeriodAction> }): Promise<CommitOutcome> => {
      // The host forgets a job once it is imported, so the report of the rows left out is made before, not after.
      const report = input.skipInvalid && input.invalid > 0 ? await invoke('import.report', { jobId: input.jobId }) : null;
      const result = await invoke('import.commit', { jobId: input.jobId, skipInvalid: input.skipInvalid, closedPeriods: input.closedPeriods });
      return { ...result, report: result.status === 'done' ? report : null };
    },
  });
}

export function useCancelImport() {
  return useMutation({ mutationFn: (jobId: string) => invoke('import.cancel', { jobId }) });
}

export function useReportDownload() {
  return useMutation({
    mutationFn: async (jobId: string) => saveFile(await invoke('import.report', { jobId })),
  });
}

export function useExport() {
  return useMutation({
    mutationFn: async (input: { kind: ImportKind; fullNumbers: boolean }) => {
      const file = await invoke('export.create', input);
      saveFile(file);
      return file;
    },
  });
}

/**
 * The latest import.progress event. Reading a file reports under a job id the UI learns only from the answer,
 * so `jobId` null follows any read; a given id follows that job's writes.
 */
export function useImportProgress(jobId: string | null): ImportProgress | null {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  useEffect(() => {
    setProgress(null);
    return subscribeToEvents((event) => {
      if (event.type !== 'import.progress') return;
      if (jobId === null ? event.payload.phase === 'read' : event.payload.jobId === jobId) setProgress(event.payload);
    });
  }, [jobId]);
  return progress;
}

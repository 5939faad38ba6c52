/** Events pushed from the main side to the UI (IPC `app:event`, or server-sent events in browser mode). */
export type AppEvent =
  | { type: 'data.changed'; payload: { entity: 'trainee' | 'enrolment' | 'platform' | 'settings' | 'operator' | 'dispatch' } }
  | { type: 'status.changed'; payload?: undefined }
  /** A long import reading its file (total 0: not known yet) or writing its rows; see schemas/import.ts. */
  | { type: 'import.progress'; payload: { jobId: string; phase: 'read' | 'write'; done: number; total: number } }
  /** A sync run moving on: a batch being sent (attempt n), a batch acknowledged, a pulled page stored. */
  | { type: 'sync.progress'; payload: SyncProgressPayload };

export type SyncProgressPayload =
  /** `batchesTotal` is re-estimated before each batch (the batch size adapts to the link). */
  | { phase: 'push'; batchId: string; ops: number; attempt: number; batchesDone: number; batchesTotal: number }
  | { phase: 'pushed'; batchId: string; applied: number; rejected: number; duplicate: number; replayed: boolean; batchesDone: number; batchesTotal: number }
  | { phase: 'pull'; dataset: string; stored: number; batchesDone: number };

export type AppEventListener = (event: AppEvent) => void;

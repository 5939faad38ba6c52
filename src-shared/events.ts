/** Events pushed from the main side to the UI (IPC `app:event`, or server-sent events in browser mode). */
export type AppEvent =
  | { type: 'data.changed'; payload: { entity: 'trainee' | 'enrolment' | 'platform' | 'settings' | 'operator' | 'dispatch' } }
  | { type: 'status.changed'; payload?: undefined }
  /** A long import reading its file (total 0: not known yet) or writing its rows; see schemas/import.ts. */
  | { type: 'import.progress'; payload: { jobId: string; phase: 'read' | 'write'; done: number; total: number } };

export type AppEventListener = (event: AppEvent) => void;

/** Events pushed from the main side to the UI (IPC `app:event`, or server-sent events in browser mode). */
export type AppEvent =
  | { type: 'data.changed'; payload: { entity: 'trainee' | 'enrolment' | 'platform' | 'settings' | 'operator' } }
  | { type: 'status.changed'; payload?: undefined };

export type AppEventListener = (event: AppEvent) => void;

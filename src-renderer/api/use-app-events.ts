import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { AppEvent } from '../../src-shared/events';
import { subscribeToEvents } from './events';
import { queryKeys } from './query-keys';

type Entity = Extract<AppEvent, { type: 'data.changed' }>['payload']['entity'];

/**
 * Which cached queries go stale when the main side reports a change to an entity. A single open
 * trainee is left alone: its form is already filled in, and refetching a record this very window
 * just deleted would only fail.
 */
const AFFECTED: Record<Entity, QueryKey[]> = {
  trainee: [queryKeys.traineeLists, queryKeys.traineeLookups, queryKeys.enrolments, queryKeys.status, queryKeys.dispatch],
  enrolment: [queryKeys.enrolments, queryKeys.traineeLists, queryKeys.status, queryKeys.dispatch],
  platform: [queryKeys.platforms, queryKeys.dispatch],
  settings: [queryKeys.settings, queryKeys.status],
  operator: [queryKeys.session, queryKeys.operators, queryKeys.settings, queryKeys.status],
  dispatch: [queryKeys.dispatch, queryKeys.status],
};

/** Keeps every screen current when data changes elsewhere (another window, an import, a sync). */
export function useAppEvents(): void {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      subscribeToEvents((event) => {
        const keys = event.type === 'data.changed' ? AFFECTED[event.payload.entity] : [queryKeys.status];
        for (const queryKey of keys ?? []) void queryClient.invalidateQueries({ queryKey });
      }),
    [queryClient],
  );
}

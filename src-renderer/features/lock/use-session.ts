import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProcedureInput } from '../../../src-shared/contract';
import type { SessionState } from '../../../src-shared/schemas/session';
import { invoke } from '../../api/client';
import { queryKeys } from '../../api/query-keys';

/** Locked or who is logged in: decides between the lock screen and the work screens. */
export function useSessionState() {
  return useQuery({ queryKey: queryKeys.session, queryFn: () => invoke('session.state', {}), staleTime: 0 });
}

/** After a login or a lock every other answer may differ (who is named, what is refused): all are read again. */
function useSessionChange() {
  const queryClient = useQueryClient();
  return (state: SessionState) => {
    queryClient.setQueryData(queryKeys.session, state);
    if (state.locked) queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.session[0] });
    else void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.session[0] });
  };
}

export function useLogin() {
  const changed = useSessionChange();
  return useMutation({ mutationFn: (input: ProcedureInput<'session.login'>) => invoke('session.login', input), onSuccess: changed });
}

export function useSetFirstPin() {
  const changed = useSessionChange();
  return useMutation({ mutationFn: (input: ProcedureInput<'session.setPin'>) => invoke('session.setPin', input), onSuccess: changed });
}

export function useLock() {
  const changed = useSessionChange();
  return useMutation({ mutationFn: () => invoke('session.lock', {}), onSuccess: changed });
}

export function useChangePin() {
  return useMutation({ mutationFn: (input: ProcedureInput<'session.changePin'>) => invoke('session.changePin', input) });
}

/** Clears an operator's PIN with the recovery code; the lock screen then shows the first-use step for them. */
export function useResetPinWithCode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ProcedureInput<'session.resetPinWithCode'>) => invoke('session.resetPinWithCode', input),
    onSuccess: (state) => queryClient.setQueryData(queryKeys.session, state),
  });
}

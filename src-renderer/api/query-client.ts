import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { queryKeys } from './query-keys';
import { isRpcError } from './rpc-error';

/**
 * The host is on this very machine, so the browser's idea of being online is irrelevant: queries
 * must run with the network cable pulled ('always'). Retrying only makes sense while the local
 * host is unreachable (restarting); a validation or conflict answer will not change on retry.
 */
export function createQueryClient(): QueryClient {
  // Any call refused with LOCKED (idle lock, 锁定 in another window): the lock state is read again, which brings
  // the lock screen up.
  const onError = (error: unknown) => {
    if (isRpcError(error) && error.code === 'LOCKED') void client.invalidateQueries({ queryKey: queryKeys.session });
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        networkMode: 'always',
        retry: (failureCount, error) => isRpcError(error) && error.code === 'OFFLINE' && failureCount < 3,
        staleTime: 10_000,
      },
      mutations: { networkMode: 'always', retry: false },
    },
  });
  return client;
}

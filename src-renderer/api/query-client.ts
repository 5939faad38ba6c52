import { QueryClient } from '@tanstack/react-query';
import { isRpcError } from './rpc-error';

/**
 * The host is on this very machine, so the browser's idea of being online is irrelevant: queries
 * must run with the network cable pulled ('always'). Retrying only makes sense while the local
 * host is unreachable (restarting); a validation or conflict answer will not change on retry.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        networkMode: 'always',
        retry: (failureCount, error) => isRpcError(error) && error.code === 'OFFLINE' && failureCount < 3,
        staleTime: 10_000,
      },
      mutations: { networkMode: 'always', retry: false },
    },
  });
}

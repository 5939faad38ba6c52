import { useCallback, useSyncExternalStore } from 'react';
import { routeFromHash, type RouteKey } from './routes';

/**
 * The current screen lives in the address fragment, so a reload (F5) keeps the clerk where they
 * were and the browser's back button works. No router library: six flat screens do not need one.
 */
export function useHashRoute(): [RouteKey, (route: RouteKey) => void] {
  const route = useSyncExternalStore(subscribe, () => routeFromHash(window.location.hash));
  const navigate = useCallback((next: RouteKey) => {
    window.location.hash = `/${next}`;
  }, []);
  return [route, navigate];
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

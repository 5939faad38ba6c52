import { useCallback, useSyncExternalStore } from 'react';
import { routeFromHash, type RouteKey } from './routes';

/**
 * The current screen lives in the address fragment, so a reload (F5) keeps the clerk where they
 * were and the browser's back button works. No router library: six flat screens do not need one.
 */
export function useHashRoute(): [RouteKey, (route: RouteKey) => void] {
  return useHashKey(routeFromHash);
}

/** The same for any set of screens (the staff web UI has its own): `parse` maps the fragment to a key. */
export function useHashKey<K extends string>(parse: (hash: string) => K): [K, (key: K) => void] {
  const key = useSyncExternalStore(subscribe, () => parse(window.location.hash));
  const navigate = useCallback((next: K) => {
    window.location.hash = `/${next}`;
  }, []);
  return [key, navigate];
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

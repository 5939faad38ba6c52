/**
 * The per-run access token of the local web host. The host prints an address with `?token=...`;
 * the page keeps the token in sessionStorage (so reloads work) and removes it from the address bar
 * (so it does not end up in screenshots, bookmarks or the history list).
 */
const STORAGE_KEY = 'skills-desk.token';

let current: string | null = null;

/** Reads the token from the address or the session; call once before the first request. */
export function initToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(STORAGE_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  }
  current = fromUrl ?? sessionStorage.getItem(STORAGE_KEY);
  return current;
}

export function getToken(): string | null {
  return current;
}

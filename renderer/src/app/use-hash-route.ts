import { useSyncExternalStore } from 'react';

/**
 * Hash routing: `#/settings`. It works the same under file:// in Electron and over HTTP from the
 * host, needs no server rewrites, and the seven flat pages need nothing a router library adds.
 */
export function useHashRoute(fallback: string): string {
  const path = useSyncExternalStore(subscribe, () => parseHash(window.location.hash));
  return path === '' ? fallback : path;
}

/** The first path segment of a hash: `#/settings/listener?x` -> `settings`. */
export function parseHash(hash: string): string {
  const segment = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a malformed escape: show "not found" rather than crash
  }
}

/** The href of a page. */
export const hrefOf = (path: string): string => `#/${path}`;

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

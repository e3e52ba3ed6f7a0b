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
  return parseHashSegments(hash)[0] ?? '';
}

/** Every path segment of a hash, decoded: `#/installation/SG1%2F7` -> `['installation', 'SG1/7']`. */
export function parseHashSegments(hash: string): string[] {
  const path = hash.replace(/^#\/?/, '').split('?')[0] ?? '';
  return path.split('/').map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment; // a malformed escape: show "not found" rather than crash
    }
  });
}

/**
 * The path segment at `index` of the current hash (0 is the page): `#/installation/<serial>`
 * gives the serial at 1. Undefined when the hash is shorter or the segment is empty.
 */
export function useHashSegment(index: number): string | undefined {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseHashSegments(hash)[index] || undefined;
}

/** A query parameter of a hash, decoded: `#/contracts?contract=C%2D1`, `contract` -> `C-1`. */
export function parseHashParam(hash: string, name: string): string | undefined {
  const query = hash.split('?')[1];
  if (query === undefined) return undefined;
  return new URLSearchParams(query).get(name) ?? undefined;
}

/** A query parameter of the current hash; undefined when absent or empty. */
export function useHashParam(name: string): string | undefined {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseHashParam(hash, name) || undefined;
}

/** The href of a page. */
export const hrefOf = (path: string): string => `#/${path}`;

/** The href of one installation's page. */
export const installationHref = (serial: string): string => `#/installation/${encodeURIComponent(serial)}`;

/** The href of the Contracts page with its list searched for one contract number. */
export const contractHref = (contractNumber: string): string =>
  `#/contracts?${new URLSearchParams({ contract: contractNumber }).toString()}`;

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

import { TOKEN_PARAM } from '../../../shared/contract/wire';

const STORAGE_KEY = 'fleetdesk.token';

type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

/**
 * Takes the per-run token the host printed in the page URL (`?token=…`), removes it from the
 * visible URL so it does not end up in screenshots, bookmarks or shared links, and keeps it in
 * sessionStorage so a reload of the same tab still connects. Returns undefined when there is none.
 */
export function takeToken(
  location: Pick<Location, 'href'>,
  history: Pick<History, 'replaceState' | 'state'>,
  storage: StorageLike | undefined,
): string | undefined {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get(TOKEN_PARAM);
  if (fromUrl) {
    safely(() => storage?.setItem(STORAGE_KEY, fromUrl));
    url.searchParams.delete(TOKEN_PARAM);
    history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return safely(() => storage?.getItem(STORAGE_KEY) ?? undefined) || undefined;
}

/** sessionStorage, or undefined where the browser refuses it (some privacy modes throw). */
export function sessionStorageOrUndefined(): StorageLike | undefined {
  return safely(() => window.sessionStorage);
}

function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

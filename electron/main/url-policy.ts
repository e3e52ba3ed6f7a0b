/**
 * Pure URL decisions for the window and IPC guards. Kept free of Electron so they are unit-tested
 * directly; every check parses with `URL` because prefix matching on strings is how
 * `file:///app/index.html.evil` or `https://example.com@evil.example` slip through.
 */

function parse(raw: string): URL | undefined {
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}

/**
 * True when `candidate` is the app's own page: the same `file:` document as `appUrl` (the built
 * `index.html`), whatever its query or hash. Any other scheme, host or path is foreign.
 */
export function isAppUrl(candidate: string, appUrl: string): boolean {
  const url = parse(candidate);
  const app = parse(appUrl);
  if (!url || !app || app.protocol !== 'file:') return false;
  return url.protocol === 'file:' && url.host === app.host && samePath(url.pathname, app.pathname);
}

/**
 * Compares decoded paths, so Chromium's and Node's different percent-encoding of the same file
 * (spaces, non-ASCII folder names) or casing of a Windows drive letter cannot lock the app out of
 * its own page. Decoding only merges spellings of one file (`%2F` is a separator, never part of a name).
 */
function samePath(a: string, b: string): boolean {
  const normal = (path: string) =>
    decodeURIComponent(path).replace(/^\/([a-zA-Z]):/, (_m, drive: string) => `/${drive.toUpperCase()}:`);
  try {
    return normal(a) === normal(b);
  } catch {
    return false;
  }
}

/** True for the only links the app hands to the OS browser: plain `https:` URLs without credentials. */
export function isSafeExternalUrl(raw: string): boolean {
  const url = parse(raw);
  // Credentials in a link are a phishing pattern (https://bank.example@evil.example); refuse them.
  return url !== undefined && url.protocol === 'https:' && url.username === '' && url.password === '';
}

/**
 * True when `candidate` is a page of the demo fleet's own host: plain `http:` on the loopback
 * address and port of `demoUrl` (the demo never serves anything else), whatever its path or query.
 */
export function isDemoPage(candidate: string, demoUrl: string): boolean {
  const url = parse(candidate);
  const demo = parse(demoUrl);
  if (!url || !demo || demo.protocol !== 'http:' || demo.hostname !== '127.0.0.1') return false;
  return url.protocol === 'http:' && url.host === demo.host && url.username === '' && url.password === '';
}

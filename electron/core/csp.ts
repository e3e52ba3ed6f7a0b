/**
 * The renderer's Content Security Policy, the same in Electron and in the headless host: scripts
 * only from the app itself, no eval, no plugins, no framing, no form posts. Inline styles are
 * allowed because Mantine injects its CSS variables at run time.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/**
 * The same policy for a `<meta http-equiv>` tag in the built index.html, without what browsers
 * ignore there (`frame-ancestors`). Electron loads the app from `file://`, where a header set by
 * `onHeadersReceived` is not applied by every Electron version; the tag makes the policy hold
 * whichever way the page is loaded (a header and the tag together enforce both).
 */
export const META_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ');

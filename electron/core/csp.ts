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

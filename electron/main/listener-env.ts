/**
 * The callback listener's bind address from FLEETDESK_LISTENER_HOST / FLEETDESK_LISTENER_PORT, the
 * same variables the headless host reads, so scripts and tests can move the desktop app's listener
 * off a busy port without touching the saved settings. Throws on a port that is not a number.
 */
export function listenerFromEnv(env: NodeJS.ProcessEnv): { host?: string; port?: number } {
  // An empty variable counts as unset, as a shell's `VAR= cmd` intends.
  const host = env['FLEETDESK_LISTENER_HOST'] || undefined;
  const rawPort = env['FLEETDESK_LISTENER_PORT'] || undefined;
  const port = rawPort === undefined ? undefined : Number(rawPort);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new Error(`FLEETDESK_LISTENER_PORT must be a port number from 0 to 65535, got "${rawPort}"`);
  }
  return { ...(host !== undefined && { host }), ...(port !== undefined && { port }) };
}

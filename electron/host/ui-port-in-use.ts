/**
 * The UI server's bind error in the operator's words when its port is taken, naming the option
 * to change; any other error is returned as it is. Node's own `listen EADDRINUSE: address already
 * in use 127.0.0.1:N` names neither the option nor the fix.
 */
export function uiPortError(error: unknown, port: number, option: string): unknown {
  if ((error as NodeJS.ErrnoException | undefined)?.code !== 'EADDRINUSE') return error;
  return new Error(
    `the UI port ${port} is in use (another program has it, or an earlier Fleetdesk is still stopping): choose another ${option}, or 0 for any free port`,
    { cause: error },
  );
}

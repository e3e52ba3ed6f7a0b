import type { AppInfo } from '../../shared/contract';
import type { Settings } from '../../shared/domain/settings';

export const LISTENER_NOT_STARTED_TITLE = 'The callback listener did not start';

/** Why the callback listener did not start and what the operator changes, in plain words. */
export type ListenerNotStarted = {
  /** What went wrong, e.g. "port 8787 is in use". */
  cause: string;
  /** What to do, as an imperative, e.g. "start Fleetdesk with another --listener-port (…)". */
  remedy: string;
  /** The notice's text: the cause, what it means for controllers, the remedy. */
  detail: string;
};

type Field = 'host' | 'port';

/**
 * Words for a listener that failed to bind. The host and port it tried are this run's override
 * (command line, environment, the demo) when one is set, else the saved settings; the remedy names
 * whichever of those chose the value at fault, since a flag wins over Settings at every start.
 */
export function listenerNotStarted(
  error: unknown,
  info: AppInfo,
  saved: Pick<Settings['listener'], 'host' | 'port'>,
): ListenerNotStarted {
  const host = info.listenerOverride?.host ?? saved.host;
  const port = info.listenerOverride?.port ?? saved.port;
  // The listener's thread passes the error on as its message only, so the code is read from there.
  const reason = (error instanceof Error ? error.message : String(error))
    .replace(/\s+/g, ' ')
    .replace(/[\s.]+$/, '');
  const known = knownCause(reason, host, port);
  if (!known) {
    return {
      cause: reason,
      remedy: 'fix it in Settings, then restart Fleetdesk',
      detail: `${reason}. Controllers cannot call in until this is fixed in Settings and Fleetdesk is restarted.`,
    };
  }
  const remedy = remedyFor(known.field, info);
  return {
    cause: known.cause,
    remedy,
    detail: `${capitalized(known.cause)}${known.why}, so controllers cannot call in. ${capitalized(remedy)}.`,
  };
}

/** The value at fault is changed where it came from: this run's override if set, else Settings. */
function remedyFor(field: Field, info: AppInfo): string {
  // The demo picks its own loopback address and a free port: a second try gets another one.
  if (info.demo) return 'start the demo again';
  if (info.listenerOverride?.[field] === undefined)
    return `choose another ${field} in Settings → Callback listener, then restart Fleetdesk`;
  return `start Fleetdesk with another ${sourceOf(field, info)}`;
}

/** The bind failures an operator can fix by choosing another host or port. */
function knownCause(
  reason: string,
  host: string,
  port: number,
): { cause: string; why: string; field: Field } | undefined {
  if (reason.includes('EADDRINUSE'))
    return {
      cause: `port ${port} is in use`,
      why: ' (another program has it, or an earlier Fleetdesk is still stopping)',
      field: 'port',
    };
  if (reason.includes('EACCES'))
    return {
      cause: `port ${port} may not be used by this user`,
      why: ' (ports below 1024 need extra privileges)',
      field: 'port',
    };
  if (reason.includes('EADDRNOTAVAIL'))
    return { cause: `${host} is not an address of this machine`, why: '', field: 'host' };
  if (reason.includes('ENOTFOUND') || reason.includes('EAI_AGAIN'))
    return { cause: `the host name ${host} cannot be resolved`, why: '', field: 'host' };
  return undefined;
}

/**
 * Who gave an overridden value. The headless host merges its flag with the variable, so both are
 * named there; the desktop app reads the variable only. Settings' listener section names them the
 * same way (renderer/src/features/settings/listener-in-use.ts).
 */
function sourceOf(field: Field, info: AppInfo): string {
  const variable = `FLEETDESK_LISTENER_${field.toUpperCase()}`;
  return info.host === 'electron' ? variable : `--listener-${field} (or ${variable})`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

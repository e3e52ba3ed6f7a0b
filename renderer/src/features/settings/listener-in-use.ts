import type { AppInfo } from '../../../../shared/contract';
import type { Settings } from '../../../../shared/domain/settings';

/** Where the listener runs in this run, and why that may differ from the saved settings. */
export type ListenerInUse =
  | { kind: 'stopped' }
  | {
      kind: 'running';
      url: string;
      host: string;
      port: number;
      /** A sentence per field whose running value is not the saved one; absent when they agree. */
      hostNote?: string;
      portNote?: string;
    };

/**
 * The address the core reports it really bound (app info), compared with the saved settings: a
 * value given for this run only (command line, environment, the demo) wins over the saved one
 * until the next start without it, and a saved change waits for the next start.
 */
export function listenerInUse(info: AppInfo, saved: Settings['listener']): ListenerInUse {
  const match = /^https?:\/\/(\[[^\]]+\]|[^:/]+):(\d+)/.exec(info.listenerUrl);
  if (!match?.[1] || !match[2]) return { kind: 'stopped' };
  const host = match[1].replace(/^\[(.*)\]$/, '$1');
  const port = Number(match[2]);
  const override = info.listenerOverride ?? {};
  const hostNote =
    override.host !== undefined && host !== saved.host
      ? overrideNote('Host', host, 'host', info, saved.host)
      : host !== saved.host
        ? `The saved host ${saved.host} applies from the next start.`
        : undefined;
  const portNote =
    override.port !== undefined && port !== saved.port
      ? overrideNote('Port', String(port), 'port', info, String(saved.port))
      : saved.port === 0
        ? `The saved port 0 lets the system pick a free one: this run got ${port}.`
        : port !== saved.port
          ? `The saved port ${saved.port} applies from the next start.`
          : undefined;
  return {
    kind: 'running',
    url: info.listenerUrl,
    host,
    port,
    ...(hostNote !== undefined && { hostNote }),
    ...(portNote !== undefined && { portNote }),
  };
}

function overrideNote(
  label: string,
  running: string,
  field: 'host' | 'port',
  info: AppInfo,
  saved: string,
): string {
  return `${label} ${running} is set by ${sourceOf(field, info)} for this run; the saved value ${saved} applies when started without it.`;
}

/** Who gave the value: the host merges its flag with the variable, so both are named there. */
function sourceOf(field: 'host' | 'port', info: AppInfo): string {
  const variable = `FLEETDESK_LISTENER_${field.toUpperCase()}`;
  if (info.demo) return 'the demo';
  return info.host === 'electron' ? variable : `--listener-${field} (or ${variable})`;
}

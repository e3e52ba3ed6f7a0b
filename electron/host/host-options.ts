import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../core/data-dir';
import { ListenerSettingsSchema } from '../../shared/domain/settings';

export type HostOptions = {
  dataDir: string;
  uiPort: number;
  listenerHost: string | undefined;
  listenerPort: number | undefined;
  listenerToken: string | undefined;
  /** `--broker <url>` (and `--broker-fallback <url>`): connect to this MQTT broker at start. */
  broker: string | undefined;
  brokerFallback: string | undefined;
};

export const HOST_USAGE = `Usage: npm run serve -- [options]
  --data-dir <dir>        where data lives (FLEETDESK_DATA_DIR; default ${defaultDataDir()})
  --ui-port <n>           UI port on 127.0.0.1, 0 = any free port (FLEETDESK_UI_PORT; default 0)
  --listener-host <host>  callback listener bind address (FLEETDESK_LISTENER_HOST; default from Settings, 127.0.0.1)
  --listener-port <n>     callback listener port, 0 = any free port (FLEETDESK_LISTENER_PORT; default from Settings, 8787)
  --listener-token <t>    accept this bearer token for any serial, for automation (FLEETDESK_LISTENER_TOKEN);
                          stored as a digest like the tokens made in Settings
  --broker <url>          connect to this MQTT broker at start (mqtt://, mqtts://, ws://, wss://) (FLEETDESK_BROKER);
                          username from FLEETDESK_BROKER_USERNAME, password from FLEETDESK_BROKER_PASSWORD or a
                          0600 file named by FLEETDESK_BROKER_PASSWORD_FILE
  --broker-fallback <url> the port-80 backup address, tried when the broker keeps failing
                          (FLEETDESK_BROKER_FALLBACK)
  --help                  show this help
An option on the command line wins over its variable; an empty variable counts as unset.`;

/** Reads the host's options from the command line, then FLEETDESK_* variables, then defaults. */
export function parseHostOptions(argv: string[], env: NodeJS.ProcessEnv): HostOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      'ui-port': { type: 'string' },
      'listener-host': { type: 'string' },
      'listener-port': { type: 'string' },
      'listener-token': { type: 'string' },
      broker: { type: 'string' },
      'broker-fallback': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const variable = (name: string) => setVariable(env, name);
  return {
    // Made absolute once, here: the backups folder, restore's path check and the demo's folder
    // all derive from it, and a relative `./data` must mean the folder the host was started in.
    dataDir: resolve(values['data-dir'] ?? variable('FLEETDESK_DATA_DIR') ?? defaultDataDir()),
    uiPort: portOption('--ui-port', values['ui-port'], 'FLEETDESK_UI_PORT', env) ?? 0,
    listenerHost: values['listener-host'] ?? variable('FLEETDESK_LISTENER_HOST'),
    listenerPort: portOption('--listener-port', values['listener-port'], 'FLEETDESK_LISTENER_PORT', env),
    listenerToken: values['listener-token'] ?? variable('FLEETDESK_LISTENER_TOKEN'),
    broker: values.broker ?? variable('FLEETDESK_BROKER'),
    brokerFallback: values['broker-fallback'] ?? variable('FLEETDESK_BROKER_FALLBACK'),
  };
}

/**
 * A variable's value, or undefined when it is unset or empty: `FLEETDESK_DATA_DIR= npm run serve`
 * means "no value" (as the desktop app reads the same variables, see listener-env.ts), not the
 * current folder, a random listener port or a listener bound to "".
 */
function setVariable(env: NodeJS.ProcessEnv, name: string): string | undefined {
  return env[name] || undefined;
}

/**
 * A port from its flag, else from its variable; undefined when neither is given. A bad value is
 * refused naming where it came from: whoever set FLEETDESK_UI_PORT and typed no flag is not told to
 * fix a `--ui-port` they never typed.
 */
function portOption(
  flag: string,
  fromFlag: string | undefined,
  variable: string,
  env: NodeJS.ProcessEnv,
): number | undefined {
  if (fromFlag !== undefined) return port(flag, fromFlag);
  const fromVariable = setVariable(env, variable);
  return fromVariable === undefined ? undefined : port(variable, fromVariable);
}

/**
 * The range of the port saved in Settings, written in decimal digits only: Number() alone reads
 * `--listener-port ""` (a script's unset `$PORT`) or " " as 0, which silently means "any free
 * port", and "0x1f" or "1e3" as ports nobody wrote.
 */
function port(source: string, raw: string): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !ListenerSettingsSchema.shape.port.safeParse(n).success)
    throw new Error(`${source} must be a port number from 0 to 65535, got "${raw}"`);
  return n;
}

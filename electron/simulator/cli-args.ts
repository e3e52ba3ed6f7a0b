import { parseArgs } from 'node:util';
import { pino } from 'pino';
import type { FleetSettingsInput } from './options';

type NumberKey = {
  [K in keyof FleetSettingsInput]-?: NonNullable<FleetSettingsInput[K]> extends number ? K : never;
}[keyof FleetSettingsInput];
type StringKey = 'brokerUrl' | 'listenerUrl' | 'token' | 'logFile' | 'mqttUsername' | 'mqttPassword';

interface Flag {
  name: string;
  arg?: string;
  help: string;
  number?: NumberKey;
  string?: StringKey;
}

/** Every flag, in --help order. Numbers and strings map one to one onto the fleet options. */
const FLAGS: readonly Flag[] = [
  {
    name: 'controllers',
    arg: '<n>',
    number: 'controllers',
    help: 'number of simulated controllers (required)',
  },
  { name: 'broker', arg: '<url>', string: 'brokerUrl', help: 'MQTT broker, e.g. mqtt://127.0.0.1:1883' },
  { name: 'username', arg: '<name>', string: 'mqttUsername', help: 'MQTT user name' },
  { name: 'password', arg: '<secret>', string: 'mqttPassword', help: 'MQTT password' },
  { name: 'shared-connection', help: 'one MQTT connection for all controllers (for 10,000)' },
  { name: 'persistent-session', help: 'connect with clean=false (the broker queues commands while away)' },
  {
    name: 'listener',
    arg: '<url>',
    string: 'listenerUrl',
    help: 'base URL of the callback listener, e.g. http://127.0.0.1:8080',
  },
  { name: 'token', arg: '<token>', string: 'token', help: 'bearer token for the listener' },
  {
    name: 'seed',
    arg: '<n>',
    number: 'seed',
    help: 'seed of the generated fleet and of fault decisions (default 1)',
  },
  {
    name: 'serial-start',
    arg: '<n>',
    number: 'serialStart',
    help: 'number of the first serial (default 1: SG1-000001)',
  },
  {
    name: 'feedback-period-s',
    arg: '<s>',
    number: 'feedbackPeriodS',
    help: 'periodic feedback interval (default 10)',
  },
  { name: 'health-period-s', arg: '<s>', number: 'healthPeriodS', help: 'health call interval (default 60)' },
  {
    name: 'fallback-timeout-s',
    arg: '<s>',
    number: 'fallbackTimeoutS',
    help: 'fallback timeout of every controller, whole seconds 1-86400 (default: generated, 60-900)',
  },
  {
    name: 'drop-rate',
    arg: '<0..1>',
    number: 'dropRate',
    help: 'share of MQTT messages lost, each direction',
  },
  {
    name: 'latency-ms',
    arg: '<ms>',
    number: 'latencyMs',
    help: 'delay before a controller handles a message',
  },
  {
    name: 'reject-rate',
    arg: '<0..1>',
    number: 'rejectRate',
    help: 'share of valid commands answered with a random code 1-4',
  },
  {
    name: 'disconnect-every-s',
    arg: '<s>',
    number: 'disconnectEveryS',
    help: 'cut each MQTT connection this often (staggered); it reconnects',
  },
  {
    name: 'clock-skew-s',
    arg: '<s>',
    number: 'clockSkewS',
    help: 'controller clocks off by up to this many seconds (reported times)',
  },
  {
    name: 'health-error-rate',
    arg: '<0..1>',
    number: 'healthErrorRate',
    help: 'share of health reports that start an error episode',
  },
  {
    name: 'offboard-rate',
    arg: '<per hour>',
    number: 'offboardRate',
    help: 'offboardings per controller per hour',
  },
  { name: 'tick-ms', arg: '<ms>', number: 'tickMs', help: 'shared physics/feedback tick (default 250)' },
  {
    name: 'log',
    arg: '<file.jsonl>',
    string: 'logFile',
    help: 'append the run log (commands, fallbacks, schedules...) here',
  },
  { name: 'contracts-out', arg: '<file.json>', help: "write the fleet's true customer contracts here" },
  {
    name: 'log-level',
    arg: '<level>',
    help: 'console log level: fatal, error, warn, info (default), debug, trace, silent',
  },
  { name: 'help', help: 'show this help' },
];

const BOOLEAN_FLAGS = new Set(['shared-connection', 'persistent-session', 'help']);

/** pino's level names, plus 'silent' (no console log); pino throws a stack trace on any other. */
const LOG_LEVELS: readonly string[] = [...Object.keys(pino.levels.values), 'silent'];

export type CliCommand =
  | { kind: 'help'; text: string }
  | { kind: 'error'; message: string }
  | { kind: 'run'; options: FleetSettingsInput; contractsOut?: string; logLevel: string };

/** The --help text. */
export function helpText(): string {
  const rows = FLAGS.map((f) => [`  --${f.name}${f.arg !== undefined ? ` ${f.arg}` : ''}`, f.help] as const);
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return [
    'SmartgridOne controller simulator',
    '',
    'Usage: npm run simulate -- --controllers <n> --broker <mqtt url> [--listener <url> --token <token>] [options]',
    'Runs until SIGINT/SIGTERM; interrupted controllers just go quiet (no offboarding).',
    '',
    'Options:',
    ...rows.map(([left, right]) => left.padEnd(width) + right),
  ].join('\n');
}

/** Parses the command line (without node and script) into what to do. Never throws. */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      options: Object.fromEntries(
        FLAGS.map((f) => [
          f.name,
          { type: BOOLEAN_FLAGS.has(f.name) ? ('boolean' as const) : ('string' as const) },
        ]),
      ),
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  if (values['help'] === true) return { kind: 'help', text: helpText() };
  const options: Record<string, unknown> = {};
  for (const flag of FLAGS) {
    const value = values[flag.name];
    if (typeof value !== 'string') continue;
    if (flag.string !== undefined) options[flag.string] = value;
    if (flag.number !== undefined) {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n))
        return { kind: 'error', message: `--${flag.name} expects a number, got '${value}'` };
      options[flag.number] = n;
    }
  }
  if (options['controllers'] === undefined)
    return { kind: 'error', message: '--controllers <n> is required' };
  if (options['brokerUrl'] === undefined && options['listenerUrl'] === undefined) {
    return {
      kind: 'error',
      message: 'give --broker <mqtt url> and/or --listener <url>: with neither there is nothing to simulate',
    };
  }
  options['sharedConnection'] = values['shared-connection'] === true;
  options['cleanSession'] = values['persistent-session'] !== true;
  const contractsOut = values['contracts-out'];
  const logLevel = values['log-level'];
  if (typeof logLevel === 'string' && !LOG_LEVELS.includes(logLevel)) {
    return {
      kind: 'error',
      message: `--log-level expects one of ${LOG_LEVELS.join(', ')}, got '${logLevel}'`,
    };
  }
  return {
    kind: 'run',
    options: options as FleetSettingsInput,
    ...(typeof contractsOut === 'string' ? { contractsOut } : {}),
    logLevel: typeof logLevel === 'string' ? logLevel : 'info',
  };
}

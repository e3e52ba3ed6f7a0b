import { parseArgs } from 'node:util';
import { demoDataDir } from './demo-data-dir';

/** What `npm run demo` was asked for, every number already checked. */
export type DemoArgs = {
  dataDir: string;
  controllers: number;
  uiPort: number;
  seed: number;
  healthPeriodS: number;
};

/**
 * Reads and checks the demo's flags. Throws an Error naming the flag on a bad value, so the demo stops
 * before it starts the host, imports contracts into the demo data and starts the broker, instead of
 * failing halfway with a message about some internal option.
 */
export function parseDemoArgs(argv: string[], env: NodeJS.ProcessEnv): DemoArgs | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      controllers: { type: 'string', default: '50' },
      'data-dir': { type: 'string' },
      'ui-port': { type: 'string', default: '0' },
      seed: { type: 'string', default: '1' },
      'health-period': { type: 'string', default: '30' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help === true) return 'help';
  return {
    dataDir: demoDataDir(values['data-dir'], env),
    controllers: wholeNumber('--controllers', values.controllers, 1, 10_000),
    uiPort: wholeNumber('--ui-port', values['ui-port'], 0, 65_535),
    // The simulator's seed is an integer; any one is a valid fleet.
    seed: wholeNumber('--seed', values.seed, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
    healthPeriodS: positiveSeconds('--health-period', values['health-period']),
  };
}

function wholeNumber(flag: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
    const range = min === Number.MIN_SAFE_INTEGER ? 'a whole number' : `a whole number from ${min} to ${max}`;
    throw new Error(`${flag} must be ${range}, got "${raw}"`);
  }
  return n;
}

function positiveSeconds(flag: string, raw: string): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n <= 0)
    throw new Error(`${flag} must be a number of seconds above 0, got "${raw}"`);
  return n;
}

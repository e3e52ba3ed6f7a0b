import { writeFile } from 'node:fs/promises';
import { constants } from 'node:os';
import { pino } from 'pino';
import { parseCliArgs } from './cli-args';
import { startFleet, type Fleet } from './fleet';
import { parseFleetSettings } from './options';

const STATUS_EVERY_MS = 30_000;

/**
 * Resolves on the first SIGINT or SIGTERM; `release()` gives both back to Node's default (exit).
 * Once one arrived they are given back too, so a second Ctrl-C during a slow stop still ends it.
 */
function untilSignal(): { received: Promise<NodeJS.Signals>; release(): void } {
  let on: (signal: NodeJS.Signals) => void = () => undefined;
  const release = (): void => {
    process.off('SIGINT', on);
    process.off('SIGTERM', on);
  };
  const received = new Promise<NodeJS.Signals>((resolve) => {
    on = (signal) => {
      release();
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
  return { received, release };
}

/**
 * Starts the fleet unless a signal comes first. Connecting to a wrong or unreachable broker can take
 * up to the connect timeout (30 s), and the handlers above replace Node's default exit: without this
 * race Ctrl-C would be ignored until then. A fleet that comes up after the signal is stopped at once.
 */
async function startUnlessInterrupted(
  start: () => Promise<Fleet>,
  signal: Promise<NodeJS.Signals>,
): Promise<{ fleet: Fleet } | { interrupted: NodeJS.Signals }> {
  const starting = start();
  const first = await Promise.race([
    starting.then((fleet) => ({ fleet })),
    signal.then((interrupted) => ({ interrupted })),
  ]);
  if ('interrupted' in first)
    void starting.then(
      (late) => late.stop(),
      () => undefined,
    );
  return first;
}

/**
 * The simulator's command line: parses flags, starts the fleet, prints a status line every 30 s and
 * stops on SIGINT/SIGTERM without offboarding. Returns the process exit code.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  const command = parseCliArgs(argv);
  if (command.kind === 'help') {
    process.stdout.write(`${command.text}\n`);
    return 0;
  }
  if (command.kind === 'error') {
    process.stderr.write(`simulate: ${command.message}\nRun with --help for the options.\n`);
    return 2;
  }
  try {
    parseFleetSettings(command.options);
  } catch (error) {
    process.stderr.write(`simulate: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const logger = pino({ name: 'simulator', level: command.logLevel }, pino.destination(2));
  const signal = untilSignal();
  let fleet: Fleet;
  try {
    const started = await startUnlessInterrupted(
      () => startFleet({ ...command.options, logger }),
      signal.received,
    );
    if ('interrupted' in started) {
      logger.info({ signal: started.interrupted }, 'stopped before the fleet was up');
      // The shell's convention for a run ended by a signal: 128 + its number (130 for Ctrl-C).
      return 128 + constants.signals[started.interrupted];
    }
    fleet = started.fleet;
  } catch (error) {
    signal.release();
    logger.error({ err: error }, 'could not start the fleet');
    return 1;
  }
  if (command.contractsOut !== undefined) {
    await writeFile(command.contractsOut, `${JSON.stringify(fleet.contracts, null, 2)}\n`);
    logger.info({ file: command.contractsOut, contracts: fleet.contracts.length }, 'contracts written');
  }
  const usage = (): Record<string, number> => ({
    rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
    cpuS: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1e5) / 10,
  });
  logger.info(
    { controllers: fleet.controllers.length, connected: fleet.connectedCount(), ...usage() },
    'fleet running',
  );
  const status = setInterval(() => {
    logger.info({ connected: fleet.connectedCount(), ...fleet.counters, ...usage() }, 'status');
  }, STATUS_EVERY_MS);
  const received = await signal.received;
  clearInterval(status);
  logger.info({ signal: received }, 'stopping: controllers go quiet without offboarding');
  await fleet.stop();
  return 0;
}

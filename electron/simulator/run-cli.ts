import { writeFile } from 'node:fs/promises';
import { pino } from 'pino';
import { parseCliArgs } from './cli-args';
import { startFleet } from './fleet';
import { parseFleetSettings } from './options';

const STATUS_EVERY_MS = 30_000;

/** Resolves on the first SIGINT or SIGTERM. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
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
  let fleet;
  try {
    fleet = await startFleet({ ...command.options, logger });
  } catch (error) {
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
  const received = await signal;
  clearInterval(status);
  logger.info({ signal: received }, 'stopping: controllers go quiet without offboarding');
  await fleet.stop();
  return 0;
}

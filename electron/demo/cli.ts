import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createLogger } from '../core/logger';
import { parseDemoArgs } from './demo-args';
import { demoDataDir } from './demo-data-dir';
import { startDemo } from './start-demo';
import { stopOnSignals } from '../host/shutdown';
import { startupLines } from '../host/startup-lines';

const root = resolve(import.meta.dirname, '../..');
const USAGE = `Usage: npm run demo -- [--controllers <n>] [--data-dir <dir>] [--ui-port <n>] [--seed <n>] [--health-period <s>]
  Starts Fleetdesk on demo data (default: the data folder with -demo appended, ${demoDataDir(undefined, process.env)}; never your real data), an embedded
  MQTT broker on a free loopback port, and <n> simulated SmartgridOne controllers (default 50).`;

async function main(): Promise<void> {
  const args = parseDemoArgs(process.argv.slice(2), process.env);
  if (args === 'help') return void process.stdout.write(`${USAGE}\n`);
  const version = (JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string })
    .version;
  const log = createLogger(process.env['FLEETDESK_LOG_LEVEL'] ?? 'warn');
  const demo = await startDemo({
    ...args,
    rendererDir: resolve(root, 'dist/renderer'),
    version,
    log,
  });
  process.stdout.write(
    `${startupLines(demo.host.uiUrl, demo.host.core)}Demo: ${args.controllers} simulated controllers on ${demo.broker.url} (embedded broker); data in ${demo.host.core.info().dataDir}\n`,
  );
  // As `npm run serve`: a stop that takes long says so, and another Ctrl-C then exits at once.
  stopOnSignals({
    stop: () => demo.stop(),
    onSignal: (signal, listener) => process.on(signal, listener),
    exit: (code) => process.exit(code),
    say: (line) => process.stderr.write(`${line}\n`),
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`fleetdesk demo: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

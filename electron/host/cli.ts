import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createLogger } from '../core/logger';
import { HOST_USAGE, parseHostOptions } from './host-options';
import { startHost } from './start-host';
import { stopOnSignals } from './shutdown';
import { startupLines } from './startup-lines';
import { demoLauncher } from '../demo/demo-launcher';

const root = resolve(import.meta.dirname, '../..');

async function main(): Promise<void> {
  const options = parseHostOptions(process.argv.slice(2), process.env);
  if (options === 'help') {
    process.stdout.write(`${HOST_USAGE}\n`);
    return;
  }
  const version = (JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string })
    .version;
  const log = createLogger();
  const rendererDir = resolve(root, 'dist/renderer');
  const demo = demoLauncher({ dataDir: `${options.dataDir}-demo`, rendererDir, version, log });
  // The browser goes to the demo's page itself (the UI navigates there).
  const launchDemo = async () => ({ url: (await demo.launch()).url, openedInWindow: false });
  const host = await startHost(options, { rendererDir, version, log, launchDemo });
  process.stdout.write(startupLines(host.uiUrl, host.core));
  stopOnSignals({
    stop: async () => {
      await Promise.all([host.stop(), demo.stop()]).catch((error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        throw error;
      });
    },
    onSignal: (signal, listener) => process.on(signal, listener),
    exit: (code) => process.exit(code),
    say: (line) => process.stderr.write(`${line}\n`),
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`fleetdesk: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

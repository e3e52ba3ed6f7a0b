import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '../../simulator/wait-for';
import { accepts, freePort } from '../../support/net';

export { freePort };

/**
 * A mosquitto with a config of the test's choosing (passwords, TLS), and signals the shared helper
 * in test/support/mosquitto.ts does not offer: freeze (SIGSTOP) makes a broker that holds the
 * socket open but never answers, the hung-publish case of MQTT.js #1974.
 */
export type CustomMosquitto = {
  url: string;
  port: number;
  dir: string;
  freeze(): void;
  thaw(): void;
  kill(): void;
  running(): boolean;
  restart(): Promise<void>;
  stop(): Promise<void>;
};

export const MOSQUITTO = '/usr/sbin/mosquitto';

/** Starts mosquitto on a free port; `config(dir)` adds lines after the listener (files go in `dir`). */
export async function startCustomMosquitto(
  config: (dir: string) => string[] | Promise<string[]>,
  scheme = 'mqtt',
): Promise<CustomMosquitto> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'fleetdesk-broker-'));
  const conf = join(dir, 'mosquitto.conf');
  const lines = [
    `listener ${port} 127.0.0.1`,
    'persistence false',
    'log_dest stderr',
    'log_type error',
    // Started as root, mosquitto drops to user `mosquitto`, who cannot read files in our 0700 temp dir.
    ...(process.getuid?.() === 0 ? ['user root'] : []),
    ...(await config(dir)),
  ];
  await writeFile(conf, `${lines.join('\n')}\n`);
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const launch = async () => {
    const proc = spawn(MOSQUITTO, ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    proc.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child = proc;
    exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    await waitFor(
      `mosquitto on port ${port}`,
      async () => {
        if (proc.exitCode !== null)
          throw new Error(`mosquitto exited with code ${proc.exitCode}: ${stderr.trim()}`);
        return accepts(port);
      },
      10_000,
    );
  };
  const signal = async (sig: NodeJS.Signals) => {
    if (child !== undefined && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGCONT');
      child.kill(sig);
    }
    child = undefined;
    await exited;
  };
  try {
    await launch();
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    port,
    dir,
    freeze: () => child?.kill('SIGSTOP'),
    thaw: () => child?.kill('SIGCONT'),
    kill: () => void signal('SIGKILL'),
    running: () => child !== undefined && child.exitCode === null && child.signalCode === null,
    async restart() {
      await signal('SIGTERM');
      await launch();
    },
    async stop() {
      await signal('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
  };
}

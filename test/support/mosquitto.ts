import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { accepts, freePort } from './net';

/** A mosquitto broker started for one test file. */
export interface MosquittoBroker {
  url: string;
  port: number;
  /** SIGTERM and wait for exit; removes the temp config. */
  stop(): Promise<void>;
  /** SIGKILL, immediately (a crash); restart() brings it back on the same port. */
  kill(): void;
  /** Stops (if running) and starts again on the same port, waiting until it accepts connections. */
  restart(): Promise<void>;
  /** The running broker's process id (benchmarks read its CPU time); undefined while it is down. */
  pid(): number | undefined;
}

const READY_TIMEOUT_MS = 10_000;
const POLL_MS = 25;

/** Finds mosquitto on PATH, or in the sbin folders Debian installs it to but often leaves off PATH. */
function findMosquitto(): string {
  const dirs = [
    ...(process.env['PATH'] ?? '').split(delimiter),
    '/usr/sbin',
    '/usr/local/sbin',
    '/opt/homebrew/sbin',
  ];
  for (const dir of dirs.filter((d) => d !== '')) {
    const candidate = join(dir, 'mosquitto');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; try the next folder
    }
  }
  throw new Error(
    'mosquitto is not installed: run `apt-get install -y mosquitto` (Debian) or put it on PATH',
  );
}

/**
 * Lifts mosquitto's per-client limits (0 = no maximum). By default it sends at most 20 unacked
 * QoS 1 messages to one client and queues 1,000 more, dropping the rest: a test or benchmark that
 * pushes thousands of messages at one connection at once (a burst, or a simulator sharing one
 * connection among many controllers) would lose messages to the broker, a limit of the set-up.
 */
export const UNLIMITED_QUEUES = ['max_inflight_messages 0', 'max_queued_messages 0'] as const;

/**
 * Starts mosquitto on a free 127.0.0.1 port with a temp config (anonymous, no persistence, plus any
 * `extraConfig` lines) and resolves once it accepts TCP connections. Throws with an install hint
 * if mosquitto cannot be found.
 */
export async function startMosquitto(extraConfig: readonly string[] = []): Promise<MosquittoBroker> {
  const binary = findMosquitto();
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'mosquitto-'));
  const conf = join(dir, 'mosquitto.conf');
  await writeFile(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous true',
      'persistence false',
      'log_dest stderr',
      'log_type error',
      ...extraConfig,
      '',
    ].join('\n'),
  );
  let child: ChildProcess | undefined;
  let dying: Promise<void> = Promise.resolve();
  let stderr = '';

  const launch = async (): Promise<void> => {
    stderr = '';
    const proc = spawn(binary, ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    proc.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<never>((_, reject) =>
      proc.once('exit', (code) => reject(new Error(`mosquitto exited with code ${code}: ${stderr.trim()}`))),
    );
    exited.catch(() => undefined);
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!(await Promise.race([accepts(port), exited]))) {
      if (Date.now() > deadline) {
        proc.kill('SIGKILL');
        throw new Error(`mosquitto did not accept connections on port ${port} within ${READY_TIMEOUT_MS} ms`);
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  };

  // Signals the running broker and remembers when it is gone, so a restart never races its predecessor for the port.
  const signalChild = (signal: NodeJS.Signals): Promise<void> => {
    const proc = child;
    child = undefined;
    if (proc !== undefined && proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      proc.kill(signal);
      dying = Promise.all([dying, exited]).then(() => undefined);
    }
    return dying;
  };

  await launch();
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    async stop() {
      await signalChild('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
    kill() {
      void signalChild('SIGKILL');
    },
    async restart() {
      await signalChild('SIGTERM');
      await launch();
    },
    pid: () => child?.pid,
  };
}

/**
 * Debian's mosquitto for the control benchmarks, on a free loopback port, optionally with extra
 * config lines. Why extra lines: mosquitto sends at most `max_inflight_messages` (20) unacked QoS 1
 * messages to one client and queues `max_queued_messages` (1,000) more, dropping the rest. In the
 * field every controller has a connection of its own, so a fan-out puts one message on each; the
 * benchmark's simulator shares ONE connection among 10,000 controllers, which those per-client
 * limits would throttle and make lose commands: a limit of the test set-up, not of the app.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accepts, freePort } from '../../support/net';

/** Lifts the per-client limits (0 = no maximum), as a broker serving a shared simulator would be set. */
export const SHARED_SIMULATOR_LIMITS = ['max_inflight_messages 0', 'max_queued_messages 0'];

export async function startBenchMosquitto(
  extra: readonly string[] = [],
): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'bench-mosquitto-'));
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous true',
      'persistence false',
      'log_dest stderr',
      'log_type error',
      ...extra,
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn('/usr/sbin/mosquitto', ['-c', conf], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  process.once('exit', () => child.kill('SIGKILL'));
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('mosquitto did not start');
    await new Promise((r) => setTimeout(r, 25));
  }
  return {
    url: `mqtt://127.0.0.1:${port}`,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

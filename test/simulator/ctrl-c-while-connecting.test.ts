/**
 * README: `npm run simulate -- --controllers <n> --broker <mqtt url> …`; the simulator's README:
 * "The process runs until SIGINT/SIGTERM". A newcomer who typed a wrong broker address (a host
 * and port that accept TCP but are no MQTT broker, or one that is down) presses Ctrl-C: the
 * simulator must stop then, not keep waiting for its 30 s connect deadline.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = resolve(ROOT, 'electron/simulator/cli.ts');
/** A deadline, not a sleep: well under the 30 s connect timeout the bug waited for. */
const EXIT_DEADLINE_MS = 5_000;

let silent: Server;
let port = 0;
const sockets: Socket[] = [];
let connected!: Promise<void>;

beforeAll(async () => {
  // Accepts TCP and never answers (no CONNACK): the simulator is then surely past start-up.
  let seen!: () => void;
  connected = new Promise<void>((done) => (seen = done));
  silent = createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => undefined);
    seen();
  });
  await new Promise<void>((done) => silent.listen(0, '127.0.0.1', () => done()));
  port = (silent.address() as { port: number }).port;
});

afterAll(async () => {
  sockets.forEach((s) => s.destroy());
  await new Promise((done) => silent.close(done));
});

describe('npm run simulate and Ctrl-C', () => {
  it('stops at once (exit code 130) on Ctrl-C while it is still connecting to a broker that does not answer', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        CLI,
        '--controllers',
        '1',
        '--broker',
        `mqtt://127.0.0.1:${port}`,
        '--log-level',
        'silent',
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise<string>((done) =>
      child.once('exit', (code, signal) => done(String(code ?? signal))),
    );
    try {
      await connected; // the controller's MQTT client is connecting
      const sentAt = Date.now();
      child.kill('SIGINT');
      const outcome = await Promise.race([
        exited.then((how) => `exited (${how})`),
        new Promise<string>((done) =>
          setTimeout(() => done(`still running ${EXIT_DEADLINE_MS} ms after Ctrl-C`), EXIT_DEADLINE_MS),
        ),
      ]);
      expect(outcome, `${Date.now() - sentAt} ms after Ctrl-C`).toBe('exited (130)');
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
  }, 45_000);
});

/**
 * README: serve's "Ctrl-C stops the host cleanly; if that takes more than a few seconds it says so,
 * and another Ctrl-C exits at once", and the demo's "Ctrl-C stops all of it". The real `npm run demo`
 * process, made slow to stop by a controller whose callback never finishes arriving (the listener
 * waits for it up to its drain deadline), must answer a second Ctrl-C as serve does.
 */
import { spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = resolve(ROOT, 'electron/demo/cli.ts');
/** Deadlines, not sleeps: they only bound how long a broken demo can hang the test. */
const START_DEADLINE_MS = 30_000;
const NOTICE_DEADLINE_MS = 15_000;
const EXIT_DEADLINE_MS = 3_000;

const data = tempDir('fleetdesk-demo-ctrl-c-');
afterAll(() => data.remove());

/** The first of `racers` to settle, or `otherwise` once `ms` have passed. */
function within<T>(ms: number, otherwise: T, ...racers: Promise<T>[]): Promise<T> {
  return Promise.race([...racers, new Promise<T>((done) => setTimeout(() => done(otherwise), ms))]);
}

describe('npm run demo and Ctrl-C', () => {
  it('says it is still stopping when a clean stop takes long, and a second Ctrl-C then exits at once', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CLI, '--controllers', '1', '--data-dir', data.path],
      {
        cwd: ROOT,
        env: { ...process.env, FLEETDESK_LOG_LEVEL: 'silent' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    const exited = new Promise<string>((done) =>
      child.once('exit', (code, signal) => done(`exited (${String(code ?? signal)})`)),
    );
    const said = new Promise<string>((done) =>
      child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        if (/Ctrl-C again/.test(stderr)) done('said so');
      }),
    );
    let slowCaller: Socket | undefined;
    try {
      const listenerUrl = await within(
        START_DEADLINE_MS,
        'no start-up lines',
        new Promise<string>((done) =>
          createInterface({ input: child.stdout! }).on('line', (line) => {
            const url = /^Listener: (http:\/\/\S+)$/.exec(line)?.[1];
            if (url) done(url);
          }),
        ),
        exited,
      );
      expect(listenerUrl, stderr).toMatch(/^http:/);
      // A callback whose headers never finish: the listener's clean stop waits for it.
      const { hostname, port } = new URL(listenerUrl);
      slowCaller = connect(Number(port), hostname);
      slowCaller.on('error', () => undefined);
      await new Promise<void>((done) => slowCaller!.once('connect', () => done()));
      slowCaller.write(`POST /v1/health HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\n`);

      const firstAt = Date.now();
      child.kill('SIGINT');
      const first = await within(NOTICE_DEADLINE_MS, 'silent while stopping', said, exited);
      expect(first, `${Date.now() - firstAt} ms after the first Ctrl-C\n${stderr}`).toBe('said so');
      const sentAt = Date.now();
      child.kill('SIGINT');
      const outcome = await within(EXIT_DEADLINE_MS, 'still running after the second Ctrl-C', exited);
      expect(outcome, `${Date.now() - sentAt} ms after the second Ctrl-C\n${stderr}`).toMatch(/^exited/);
    } finally {
      slowCaller?.destroy();
      child.kill('SIGKILL');
      await exited;
    }
  }, 90_000);
});

/**
 * README walkthrough: `npm run serve -- --listener-port 8787 --listener-token …` "prints
 * `UI: http://127.0.0.1:<port>/?token=<t>` and `Listener: http://<host>:<port>`". When that port is
 * already taken (another program, an earlier host still stopping), the real host process still
 * opens its UI, and both its second line and its notice say the port is in use and that
 * --listener-port is what to change: not an empty Listener line, nor Settings, which the flag overrides.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../reliability/support/host-child';
import { tempDir } from '../support/temp-dir';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = resolve(ROOT, 'electron/host/cli.ts');
/** A deadline, not a sleep: it only bounds how long a broken host can hang the test. */
const START_DEADLINE_MS = 30_000;

const data = tempDir('fleetdesk-busy-listener-');
let blocker: Server;
let busyPort = 0;
let child: ChildProcess;
const lines: string[] = [];
let stderr = '';

beforeAll(async () => {
  blocker = createServer(() => undefined);
  await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', () => done()));
  busyPort = (blocker.address() as { port: number }).port;
  // `node --import tsx`, not `npx tsx`: the child is the host itself, so SIGKILL reaches it.
  child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      CLI,
      '--data-dir',
      data.path,
      '--listener-port',
      String(busyPort),
      '--listener-token',
      'my-integration-token-123',
    ],
    { cwd: ROOT, env: { ...process.env, FLEETDESK_LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  await Promise.race([
    new Promise<void>((done) =>
      createInterface({ input: child.stdout! }).on('line', (line) => {
        lines.push(line);
        if (lines.length === 2) done();
      }),
    ),
    exited,
    new Promise((_, fail) =>
      setTimeout(
        () => fail(new Error(`no start-up lines within ${START_DEADLINE_MS} ms\n${stderr}`)),
        START_DEADLINE_MS,
      ),
    ),
  ]);
}, START_DEADLINE_MS + 5_000);

afterAll(async () => {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await new Promise((done) => child.once('exit', done));
  }
  await new Promise((done) => blocker.close(done));
  data.remove();
});

describe('npm run serve with --listener-port on a port that is already taken', () => {
  it('still opens the UI, and its Listener line says the port is in use and names --listener-port instead of printing no address', () => {
    const said = `${lines.join('\n')}\n${stderr}`;
    expect(lines[0], said).toMatch(/^UI: http:\/\/127\.0\.0\.1:\d+\/\?token=\S+$/);
    expect(lines[1], said).toBe(
      `Listener: not started: port ${busyPort} is in use; start Fleetdesk with another --listener-port (or FLEETDESK_LISTENER_PORT)`,
    );
  });

  it('its notice says the port is in use and names --listener-port as what to change, not Settings (the flag overrides Settings)', async () => {
    const api = await apiClient(lines[0]!.replace(/^UI: /, ''));
    const notices = await api.call<{ title: string; detail: string }[]>('notices.list');
    api.close();
    const notice = notices.find((n) => n.title === 'The callback listener did not start');
    expect(notice, JSON.stringify(notices)).toBeDefined();
    expect(notice!.detail).toContain(`Port ${busyPort} is in use`);
    expect(notice!.detail).toContain('--listener-port (or FLEETDESK_LISTENER_PORT)');
    expect(notice!.detail).not.toMatch(/Settings|EADDRINUSE/);
  });
});

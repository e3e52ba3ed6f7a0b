/**
 * The real headless host (`electron/host/cli.ts`) as a child process that a test may SIGKILL, a
 * client of its WebSocket API (the read path: the listener has none), and callback POSTs from a
 * chosen loopback source address (the listener limits calls per client address).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { openApiSocket } from '../../support/api-socket';

const ROOT = resolve(import.meta.dirname, '../../..');
const CLI = resolve(ROOT, 'electron/host/cli.ts');
/** A deadline, not a sleep: it only bounds how long a broken host can hang the test. */
const START_DEADLINE_MS = 20_000;

/** Every child started here and not yet seen exit: killed if the test process ends first. */
const live = new Set<ChildProcess>();
process.once('exit', () => live.forEach((child) => child.kill('SIGKILL')));

export type HostChild = {
  child: ChildProcess;
  uiUrl: string;
  listenerUrl: string;
  /** Resolves when the process has exited, with its exit code or signal. */
  exited: Promise<string>;
  /** Everything the host wrote on stderr so far. */
  stderr(): string;
  /** SIGKILL, then wait for the exit. */
  kill(): Promise<string>;
};

/** Starts the host on `dataDir` with free ports and `token` as its integration token; resolves once it printed its two lines. */
export async function startHost(dataDir: string, token: string): Promise<HostChild> {
  // `node --import tsx`, not `npx tsx`: the child is the host itself, so SIGKILL reaches it and no
  // grandchild outlives it.
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      CLI,
      '--data-dir',
      dataDir,
      '--ui-port',
      '0',
      '--listener-port',
      '0',
      '--listener-token',
      token,
    ],
    { cwd: ROOT, env: { ...process.env, FLEETDESK_LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  live.add(child);
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<string>((done) =>
    child.once('exit', (code, signal) => {
      live.delete(child);
      done(String(code ?? signal));
    }),
  );
  const lines = await new Promise<string[]>((done, fail) => {
    const got: string[] = [];
    const reader = createInterface({ input: child.stdout! });
    const timer = setTimeout(
      () => fail(new Error(`no start-up lines within ${START_DEADLINE_MS} ms\n${stderr}`)),
      START_DEADLINE_MS,
    );
    void exited.then((how) => {
      clearTimeout(timer);
      fail(new Error(`the host exited (${how}) before it was ready\n${stderr}`));
    });
    reader.on('line', (line) => {
      got.push(line);
      if (got.length === 2) {
        clearTimeout(timer);
        reader.close();
        done(got);
      }
    });
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  child.stdout!.resume();
  const uiUrl = lines[0]?.match(/^UI: (http:\/\/\S+)$/)?.[1];
  const listenerUrl = lines[1]?.match(/^Listener: (http:\/\/\S+)$/)?.[1];
  if (!uiUrl || !listenerUrl) throw new Error(`unexpected start-up lines: ${JSON.stringify(lines)}`);
  return {
    child,
    uiUrl,
    listenerUrl,
    exited,
    stderr: () => stderr,
    kill: () => {
      child.kill('SIGKILL');
      return exited;
    },
  };
}

/** A keep-alive agent whose connections leave from `localAddress` (any 127.x.y.z on Linux). */
export function agentFrom(localAddress: string): Agent {
  return new Agent({ keepAlive: true, maxSockets: 1, localAddress } as ConstructorParameters<
    typeof Agent
  >[0]);
}

/** POSTs a callback; resolves with the status, rejects when the connection fails (a killed host). */
export function postCallback(
  listenerUrl: string,
  path: string,
  token: string,
  body: unknown,
  agent: Agent,
): Promise<number> {
  const payload = JSON.stringify(body);
  const url = new URL(path, listenerUrl);
  return new Promise((done, fail) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          authorization: `Bearer ${token}`,
        },
      },
      (res) => {
        res.resume();
        res.once('end', () => done(res.statusCode ?? 0));
        res.once('error', fail);
      },
    );
    req.once('error', fail);
    req.end(payload);
  });
}

type Answer = { ok: true; value: unknown } | { ok: false; error: { message: string } };

/** A client of the host's contract over its WebSocket (`/api?token=…` on the UI's port). */
export async function apiClient(
  uiUrl: string,
): Promise<{ call<T>(method: string, request?: unknown): Promise<T>; close(): void }> {
  const ws = await openApiSocket(uiUrl);
  const waiting = new Map<number, (answer: Answer) => void>();
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { type: string; id?: number; result?: Answer };
    if (frame.type === 'result' && frame.id !== undefined && frame.result)
      waiting.get(frame.id)?.(frame.result);
  });
  let nextId = 1;
  return {
    async call<T>(method: string, req?: unknown): Promise<T> {
      const id = nextId++;
      const answer = await new Promise<Answer>((done) => {
        waiting.set(id, done);
        ws.send(JSON.stringify({ type: 'call', id, method, request: req }));
      });
      waiting.delete(id);
      if (!answer.ok) throw new Error(`${method}: ${answer.error.message}`);
      return answer.value as T;
    },
    close: () => ws.close(),
  };
}

/**
 * The real headless host (`electron/host/cli.ts`) in a child process of its own, so the benchmark
 * can read that process's CPU time and RSS from /proc; plus a UI client of its WebSocket API that
 * counts the event frames a UI would receive.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { openApiSocket } from '../../support/api-socket';
import './exit-on-signal';

const ROOT = resolve(import.meta.dirname, '../../..');
const live = new Set<ChildProcess>();
process.once('exit', () => live.forEach((c) => c.kill('SIGKILL')));

export type HostProcess = { child: ChildProcess; pid: number; uiUrl: string; stop(): Promise<void> };

/** How `node` runs the host by default: the TypeScript sources through tsx (as `npm run serve`). */
export const HOST_FROM_SOURCES = ['--import', 'tsx', resolve(ROOT, 'electron/host/cli.ts')];

/** `launch`: node's arguments before the host's own, e.g. `[bundle.entry]` (lib/bundled-host.ts). */
export async function startHostProcess(
  args: string[],
  timeoutMs = 120_000,
  launch: readonly string[] = HOST_FROM_SOURCES,
): Promise<HostProcess> {
  const child = spawn(process.execPath, [...launch, ...args], {
    cwd: ROOT,
    env: { ...process.env, FLEETDESK_LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  live.add(child);
  const exited = new Promise<void>((done) => child.once('exit', () => (live.delete(child), done())));
  const uiUrl = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error('host: no UI line in time')), timeoutMs);
    void exited.then(() => fail(new Error('host exited before it was ready')));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const url = line.match(/^UI: (http:\/\/\S+)$/)?.[1];
      if (url) {
        clearTimeout(timer);
        done(url);
      }
    });
  });
  return {
    child,
    pid: child.pid ?? 0,
    uiUrl,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** CPU time (user + system, ms) and RSS (bytes) of a process, from /proc (Linux). */
export function processUsage(pid: number): { cpuMs: number; rssBytes: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(status.match(/^VmRSS:\s+(\d+) kB/m)?.[1] ?? 0);
  // Linux reports in USER_HZ, 100 per second on every mainstream kernel.
  return { cpuMs: ticks * 10, rssBytes: rssKb * 1024 };
}

/** A UI client of the host's WebSocket API: counts event frames by name, and calls methods. */
export async function uiClient(uiUrl: string): Promise<{
  counts: Map<string, number>;
  call<T>(method: string, request?: unknown): Promise<T>;
  close(): void;
}> {
  const ws = await openApiSocket(uiUrl);
  const counts = new Map<string, number>();
  const waiting = new Map<
    number,
    (a: { ok: boolean; value?: unknown; error?: { message: string } }) => void
  >();
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { type: string; event?: string; id?: number; result?: never };
    if (frame.type === 'event' && frame.event) counts.set(frame.event, (counts.get(frame.event) ?? 0) + 1);
    if (frame.type === 'result' && frame.id !== undefined) waiting.get(frame.id)?.(frame.result as never);
  });
  let nextId = 1;
  return {
    counts,
    async call<T>(method: string, request?: unknown): Promise<T> {
      const id = nextId++;
      const answer = await new Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>(
        (done) => {
          waiting.set(id, done);
          ws.send(JSON.stringify({ type: 'call', id, method, request }));
        },
      );
      waiting.delete(id);
      if (!answer.ok) throw new Error(`${method}: ${answer.error?.message ?? 'failed'}`);
      return answer.value as T;
    },
    close: () => ws.close(),
  };
}

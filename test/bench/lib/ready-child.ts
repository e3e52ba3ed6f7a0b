/**
 * Starts a TypeScript entry point in a child process of its own (`node --import tsx`, so signals
 * reach it and no grandchild outlives it) and resolves once it printed its `ready` line. Used for
 * the simulated fleet, the raw responder and the core of the control benchmarks, so that each one's
 * CPU and memory are its own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import './exit-on-signal';

const ROOT = resolve(import.meta.dirname, '../../..');
const live = new Set<ChildProcess>();
process.once('exit', () => live.forEach((c) => c.kill('SIGKILL')));

export type ReadyChild = {
  child: ChildProcess;
  /** The rest of the `ready …` line (e.g. a URL or JSON). */
  readyInfo: string;
  /** Every later stdout line goes here. */
  onLine(fn: (line: string) => void): void;
  /** SIGTERM and wait for the exit (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
};

export async function startReadyChild(
  entry: string,
  args: string[],
  options: { timeoutMs?: number; env?: Record<string, string> } = {},
): Promise<ReadyChild> {
  // BENCH_CHILD_PROFILE_DIR=<dir>: a V8 CPU profile of each child's whole life (written as it exits).
  const profileDir = process.env['BENCH_CHILD_PROFILE_DIR'];
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', resolve(ROOT, entry), ...args], {
    cwd: ROOT,
    env: { ...process.env, FLEETDESK_LOG_LEVEL: 'silent', ...options.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  live.add(child);
  const exited = new Promise<void>((done) =>
    child.once('exit', () => {
      live.delete(child);
      done();
    }),
  );
  const listeners: Array<(line: string) => void> = [];
  const reader = createInterface({ input: child.stdout! });
  const readyInfo = await new Promise<string>((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`${entry}: not ready within ${options.timeoutMs ?? 120_000} ms`)),
      options.timeoutMs ?? 120_000,
    );
    void exited.then(() => fail(new Error(`${entry} exited before it was ready`)));
    reader.on('line', (line) => {
      if (line.startsWith('ready')) {
        clearTimeout(timer);
        done(line.slice('ready'.length).trim());
      } else for (const fn of listeners) fn(line);
    });
  });
  return {
    child,
    readyInfo,
    onLine: (fn) => listeners.push(fn),
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

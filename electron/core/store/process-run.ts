import { readFileSync } from 'node:fs';

/**
 * One run of a process: its machine's boot and its start time since that boot. A pid alone does
 * not name a run: a container restart hands the same pids out again, a reboot any of them.
 */
export interface ProcessRun {
  boot: string;
  started: string;
}

/**
 * The run of process `pid` now: `'gone'` when no such process exists, `undefined` when the
 * platform does not say. Only Linux tells it without spawning a tool (`/proc`); elsewhere, or with
 * `/proc` hidden, callers fall back to asking whether the pid lives.
 */
export function runOf(pid: number): ProcessRun | 'gone' | undefined {
  const boot = bootId();
  if (boot === undefined) return undefined;
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : undefined;
  }
  // Field 2, the command name in parentheses, may itself hold spaces and ')': count from its end.
  // The fields after it start at field 3; field 22 is the start time in clock ticks since boot.
  const started = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[22 - 3];
  return started ? { boot, started } : undefined;
}

/** This machine's boot, read once: it cannot change while this process runs. */
let boot: string | null | undefined;

function bootId(): string | undefined {
  if (boot === undefined) {
    try {
      boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
    } catch {
      boot = null;
    }
  }
  return boot ?? undefined;
}

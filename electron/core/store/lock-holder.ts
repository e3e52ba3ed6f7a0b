import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { z } from 'zod';
import { runOf } from './process-run';

/** What a lock file says about the Fleetdesk that wrote it. */
const lockFileSchema = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  // Which run of `pid` wrote it. Absent in locks of earlier versions: those are judged by pid alone.
  run: z.object({ boot: z.string(), started: z.string() }).optional(),
});

export type LockHolder = z.infer<typeof lockFileSchema>;

/**
 * The content of a new lock for this process. `claim` makes each lock's content unique, so a lock
 * read twice can be told apart from one a rival wrote in between, and a release removes only its own.
 */
export function newLockContent(): string {
  const run = runOf(process.pid);
  return JSON.stringify({
    pid: process.pid,
    host: hostname(),
    ...(typeof run === 'object' ? { run } : {}),
    claim: randomUUID(),
  });
}

/** The holder a lock file names, or `undefined` when it names none (half-written, or not ours). */
export function parseHolder(content: string): LockHolder | undefined {
  try {
    const parsed = lockFileSchema.safeParse(JSON.parse(content));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // Not JSON: only a crash mid-write (or a version before locks were published whole) leaves it so.
    return undefined;
  }
}

/**
 * True while the Fleetdesk that wrote the lock still runs. `heldHere`: this process holds that
 * very lock. A pid is not enough on its own: after a crash, a container restart often gives the
 * new Fleetdesk the pid in the lock, and after a reboot any process may have it.
 */
export function holderRuns(holder: LockHolder, heldHere: boolean): boolean {
  // Written on another machine (a copied or shared folder): its process cannot be seen from here,
  // so the lock is taken over, as before.
  if (holder.host !== hostname()) return false;
  // This process knows what it holds: a lock naming its pid that it did not take is an earlier run's.
  if (holder.pid === process.pid) return heldHere;
  const now = holder.run && runOf(holder.pid);
  if (now === 'gone') return false;
  if (now && holder.run) return now.boot === holder.run.boot && now.started === holder.run.started;
  return isAlive(holder.pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

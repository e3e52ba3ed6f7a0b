import { readlinkSync } from 'node:fs';
import { constants, getPriority, setPriority } from 'node:os';

/**
 * Puts the calling thread at the OS's lowest scheduling priority, so background work (the
 * snapshot worker: ~1 s of CPU per write at 10,000 installations) takes only CPU time the main
 * thread leaves over. On a 2-core workstation that work otherwise competes with the listener's
 * thread, and in the ingest benchmark each write put the fixed-rate p99 over 50 ms by itself.
 *
 * Linux only: there `setpriority` with a thread id applies to that one thread, and
 * `/proc/thread-self` names it. Elsewhere Node offers no per-thread priority (on macOS and Windows
 * the call would lower the whole app), so this returns false and the thread keeps its priority.
 */
export function lowerThisThreadPriority(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    // "<pid>/task/<tid>"
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    setPriority(tid, constants.priority.PRIORITY_LOW);
    // Read back: a kernel or sandbox that ignores the call leaves the thread where it was.
    return getPriority(tid) === constants.priority.PRIORITY_LOW;
  } catch {
    return false;
  }
}

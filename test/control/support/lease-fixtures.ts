import type { ControlCommand } from '../../../shared/domain/control/dry-run';
import type { JournalEntry } from '../../../shared/domain/inventory/journal-entry';

/** What services.ts hands control after a commit: only the entry's type and serial matter to it. */
export const committed = (type: JournalEntry['type'], serial: string): JournalEntry =>
  ({ type, serial }) as JournalEntry;

/** A held storage setpoint (a lease refreshed until released). */
export const holdStorage = (setpointW: number): ControlCommand => ({
  kind: 'live',
  hold: true,
  command: { storage: { policy: 'setpoint', setpointW } },
});

/** The storage setpoint a published command carries (default profile), or undefined when it names none. */
export function storageSetpointOf(payload: string): number | undefined {
  const { fields } = JSON.parse(payload) as { fields: Record<string, unknown> };
  const w = fields['storage_power_setpoint_W'];
  return typeof w === 'number' ? w : undefined;
}

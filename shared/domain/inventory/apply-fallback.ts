import type { AssetGroup } from '../control/live-command';
import type { EntryOf } from './journal-entry';
import type { InventoryState } from './state';

/**
 * Which asset groups of an installation are in fallback: their lease lapsed (no refresh reached
 * the controller in time, so it went back to its own control without being asked), and since
 * when. A release is asked for, and a command sent without holding lapses as planned, so neither
 * is a fallback; a new command to the group ends it.
 * Runs before `trackOpenCommand` forgets the lapsed command, whose groups it needs.
 */
export function applyFallback(
  state: InventoryState,
  entry: EntryOf<'command.created'> | EntryOf<'command.outcome'>,
): void {
  const installation = state.installations.get(entry.serial);
  if (!installation) return;
  const current = installation.fallbackSince ?? {};
  const next: Partial<Record<AssetGroup, number>> = { ...current };
  if (entry.type === 'command.outcome') {
    const lapsed = entry.state === 'lapsed' ? state.openCommands.get(entry.commandId) : undefined;
    // Sent without holding, it was never to be refreshed: its lapse is the plan, not a fallback.
    if (!lapsed?.created.hold) return;
    for (const group of lapsed.created.groups) next[group] ??= entry.at;
  } else {
    if (!entry.groups.some((group) => current[group] !== undefined)) return;
    for (const group of entry.groups) delete next[group];
  }
  const { fallbackSince: _old, ...rest } = installation;
  state.installations.set(
    entry.serial,
    Object.keys(next).length === 0 ? rest : { ...rest, fallbackSince: next },
  );
}

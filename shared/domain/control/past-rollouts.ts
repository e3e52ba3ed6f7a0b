import type { JournalEntry } from '../inventory/journal-entry';
import type { ControlCommand } from './dry-run';
import { DEFAULT_ROLLOUT, planRollout, rolloutOptionProblems, type RolloutOptions } from './rollout-plan';
import {
  notStartedRows,
  tallyTargets,
  type RolloutState,
  type RolloutTargetView,
  type RolloutView,
  type TrackedTarget,
} from './rollout-view';

/** The journal entry types a rollout is rebuilt from. */
export const ROLLOUT_ENTRY_TYPES = [
  'rollout.started',
  'rollout.changed',
  'command.created',
  'command.outcome',
  'command.refused',
] as const satisfies ReadonlyArray<JournalEntry['type']>;

type RolloutEntry = Extract<JournalEntry, { type: (typeof ROLLOUT_ENTRY_TYPES)[number] }>;

/** A grid row as rebuilt: the target's view and when its state last moved (null: never started). */
export type PastRolloutRow = RolloutTargetView & { changedAt: number | null };

/** A rollout of an earlier run of Fleetdesk, as its journal entries tell it. */
export type PastRollout = {
  view: RolloutView;
  cmd: ControlCommand;
  options: RolloutOptions;
  /** The reason the operator gave when starting it. */
  auditReason: string;
  grid: PastRolloutRow[];
};

type Building = PastRollout & {
  rows: Map<string, TrackedTarget>;
};

const STATE_AFTER: Record<Extract<JournalEntry, { type: 'rollout.changed' }>['state'], RolloutState | null> =
  {
    paused: 'paused',
    resumed: 'running',
    retrying: 'running',
    aborted: 'aborted',
    completed: 'completed',
    // Releasing hands the installations back; the rollout itself keeps the state it had.
    released: null,
  };

/**
 * Rebuilds rollouts from their journal entries (oldest first), for the ones no longer in memory: a
 * restart ends the rollout object but not its record. Each target's row follows its latest command
 * (`command.created` names the rollout; outcomes follow by command id, the ones recovery wrote at
 * start-up included) or its refusal. A rollout whose last state was running or paused was
 * `interrupted`: Fleetdesk stopped under it, so it will never go on by itself.
 */
export function rebuildRollouts(entries: Iterable<JournalEntry>): PastRollout[] {
  const rollouts = new Map<string, Building>();
  const commandOwner = new Map<string, { rollout: Building; serial: string }>();
  for (const entry of entries) {
    if (!isRolloutEntry(entry)) continue;
    if (entry.type === 'rollout.started') {
      rollouts.set(entry.rolloutId, started(entry));
      continue;
    }
    const r = rolloutOf(entry, rollouts, commandOwner);
    if (r === undefined) continue;
    apply(r, entry, commandOwner);
  }
  return [...rollouts.values()].map(finish);
}

function isRolloutEntry(entry: JournalEntry): entry is RolloutEntry {
  return (ROLLOUT_ENTRY_TYPES as readonly string[]).includes(entry.type);
}

function started(e: Extract<JournalEntry, { type: 'rollout.started' }>): Building {
  const options: RolloutOptions = { ...DEFAULT_ROLLOUT, ...e.options };
  // The plan is a pure split of the journaled targets by the journaled options: the same batches.
  // Options the plan refuses (never journaled so) still show the targets, as one batch.
  const batches =
    rolloutOptionProblems(options).length === 0 ? planRollout(e.targets, options).batches : [e.targets];
  const rows = notStartedRows(batches);
  return {
    view: {
      rolloutId: e.rolloutId,
      kind: e.kind,
      state: 'running',
      actor: e.actor,
      startedAt: e.at,
      batches: e.batches,
      batchesStarted: 0,
      tally: tallyTargets([]),
    },
    // Earlier builds did not journal `hold`: their first command.created says it.
    cmd: { kind: e.kind, command: e.command, hold: e.hold ?? false },
    options,
    auditReason: e.reason,
    grid: [],
    rows,
  };
}

function rolloutOf(
  entry: Exclude<RolloutEntry, { type: 'rollout.started' }>,
  rollouts: Map<string, Building>,
  commandOwner: Map<string, { rollout: Building; serial: string }>,
): Building | undefined {
  switch (entry.type) {
    case 'command.outcome':
      return commandOwner.get(entry.commandId)?.rollout;
    case 'command.created':
    case 'command.refused':
    case 'rollout.changed':
      return entry.rolloutId === undefined ? undefined : rollouts.get(entry.rolloutId);
  }
}

function apply(
  r: Building,
  entry: Exclude<RolloutEntry, { type: 'rollout.started' }>,
  commandOwner: Map<string, { rollout: Building; serial: string }>,
): void {
  switch (entry.type) {
    case 'rollout.changed': {
      const next = STATE_AFTER[entry.state];
      if (next !== null) r.view.state = next;
      if (entry.state === 'paused' || entry.state === 'aborted') r.view.reason = entry.detail;
      else if (next !== null) delete r.view.reason;
      return;
    }
    case 'command.created': {
      const row = r.rows.get(entry.serial);
      if (row === undefined) return;
      commandOwner.set(entry.commandId, { rollout: r, serial: entry.serial });
      r.cmd = { kind: entry.kind, command: entry.command, hold: entry.hold };
      row.attempts += 1;
      row.commandId = entry.commandId;
      delete row.detail;
      move(row, 'sent', entry.at);
      r.view.batchesStarted = Math.max(r.view.batchesStarted, row.batch + 1);
      return;
    }
    case 'command.outcome': {
      const row = r.rows.get(entry.serial);
      // An older attempt's outcome does not overwrite the row of a retry.
      if (row === undefined || row.commandId !== entry.commandId) return;
      row.detail = entry.detail;
      move(row, entry.state, entry.at);
      if (entry.state === 'confirmed') row.everConfirmed = true;
      return;
    }
    case 'command.refused':
      for (const serial of entry.targets) {
        const row = r.rows.get(serial);
        if (row === undefined) continue;
        row.attempts += 1;
        delete row.commandId;
        row.detail = entry.reason;
        move(row, 'refused', entry.at);
        r.view.batchesStarted = Math.max(r.view.batchesStarted, row.batch + 1);
      }
  }
}

function move(row: PastRolloutRow, state: PastRolloutRow['state'], at: number): void {
  if (row.state !== state || row.changedAt === null) row.changedAt = at;
  row.state = state;
}

function finish(r: Building): PastRollout {
  const { rows, ...rollout } = r;
  const view = { ...rollout.view, tally: tallyTargets(rows.values()) };
  if (view.state === 'running' || view.state === 'paused') {
    const was = view.state;
    view.state = 'interrupted';
    view.reason = `Fleetdesk stopped while it was ${was}; it does not go on by itself.`;
  }
  const grid = [...rows.values()].map(({ everConfirmed: _e, ...row }) => row);
  return { ...rollout, view, grid };
}

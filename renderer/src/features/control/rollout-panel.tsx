import { useState } from 'react';
import { Badge, Button, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import type { RolloutSummary } from '../../../../shared/contract/rollout-methods';
import { LoadFailed, Loading } from '../../components/load-states';
import { formatCount, formatDateTime } from '../../lib/format';
import { EarlierRolloutActions } from './earlier-rollout-actions';
import { formatClock } from './control-words';
import { RolloutActions } from './rollout-actions';
import { RolloutGrid } from './rollout-grid';
import { RolloutProgress } from './rollout-progress';
import { rolloutReleasable } from './release-count';
import { gateInWords, optionsInWords, ROLLOUT_COLOURS } from './rollout-words';
import { useRollout, useRollouts } from './use-rollouts';

/** When it started: the time today, the date too for a rollout of an earlier run. */
const startedAt = (r: RolloutSummary) =>
  r.fromEarlierRun ? formatDateTime(r.startedAt) : formatClock(r.startedAt);

const label = (r: RolloutSummary) =>
  `${startedAt(r)} · ${formatCount(r.size)} targets · ${r.state}${r.fromEarlierRun ? ' (earlier run)' : ''}${r.auditReason ? ` · ${r.auditReason}` : ''}`;

/**
 * The rollouts of this session: pick one (the newest, or the one just started) to watch its live
 * panel. Hidden until there is a rollout. The one on screen stays until the operator picks or
 * starts another: a rollout started in another window is listed, not swapped in.
 */
export function RolloutsSection({
  activeId,
  onPick,
  onSendAgain,
}: {
  activeId: string | null;
  onPick(id: string): void;
  /** Makes these serials the composer's targets (from a rollout of an earlier run). */
  onSendAgain(serials: string[]): void;
}) {
  const { state, reload } = useRollouts();
  // The rollout shown when none was picked. Without it, the newest would replace it the moment
  // another window starts one: an Abort meant for this one would open for that one, and a dialog
  // whose call is in flight would vanish with its answer.
  const [watched, setWatched] = useState<string | null>(null);
  if (state.kind === 'loading') return null;
  // Not an alert: rollouts are secondary to the page, and the next control event fetches them again.
  if (state.kind === 'failed')
    return (
      <Group gap="xs">
        <Text size="sm" c="red">
          Rollouts could not be loaded: {state.message}
        </Text>
        <Button size="xs" variant="subtle" onClick={reload}>
          Try again
        </Button>
      </Group>
    );
  const rollouts = state.value;
  if (rollouts.length === 0) return null;
  const shown =
    rollouts.find((r) => r.rolloutId === activeId) ??
    rollouts.find((r) => r.rolloutId === watched) ??
    rollouts[0];
  if (shown !== undefined && shown.rolloutId !== watched) setWatched(shown.rolloutId);
  return (
    <Paper withBorder p="md" component="section" aria-label="Rollout">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end">
          <Title order={3}>Rollout</Title>
          {rollouts.length > 1 && (
            <NativeSelect
              label="Rollouts"
              data={rollouts.map((r) => ({ value: r.rolloutId, label: label(r) }))}
              value={shown?.rolloutId ?? ''}
              onChange={(e) => onPick(e.currentTarget.value)}
            />
          )}
        </Group>
        {shown !== undefined && (
          <RolloutPanel
            rolloutId={shown.rolloutId}
            revision={shown.revision}
            onChanged={reload}
            onSendAgain={onSendAgain}
          />
        )}
      </Stack>
    </Paper>
  );
}

/** One rollout live: its state and gate in words, counts per state, the actions and the grid. */
export function RolloutPanel({
  rolloutId,
  revision,
  onChanged,
  onSendAgain,
}: {
  rolloutId: string;
  revision: string;
  onChanged(): void;
  onSendAgain(serials: string[]): void;
}) {
  const { state, reload } = useRollout(rolloutId, revision);
  if (state.kind === 'loading') return <Loading what="the rollout" />;
  if (state.kind === 'failed')
    return <LoadFailed what="the rollout" message={state.message} onRetry={reload} />;
  const r = state.value;
  return (
    <Stack gap="sm" data-testid="rollout-panel">
      <Group gap="sm">
        <Badge color={ROLLOUT_COLOURS[r.state]} size="lg" data-testid="rollout-state">
          {r.state}
        </Badge>
        <Text size="sm" data-testid="rollout-gate" role="status">
          {gateInWords(r)}
        </Text>
      </Group>
      <Text size="sm" c="dimmed">
        {formatCount(r.size)} targets · {optionsInWords(r.options)} · started {startedAt(r)} by {r.actor}
        {r.auditReason ? ` · reason: ${r.auditReason}` : ''}
      </Text>
      <RolloutProgress rollout={r} rows={r.grid} />
      {r.fromEarlierRun ? (
        <EarlierRolloutActions rollout={r} onSendAgain={onSendAgain} />
      ) : (
        <RolloutActions
          rollout={r}
          releasable={rolloutReleasable(r.grid)}
          onChanged={() => {
            reload();
            onChanged();
          }}
        />
      )}
      <RolloutGrid rows={r.grid} />
    </Stack>
  );
}

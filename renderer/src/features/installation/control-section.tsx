import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { InstallationControl } from '../../../../shared/contract/control-methods';
import type { LeaseView } from '../../../../shared/domain/control/lease';
import type { Installation } from '../../../../shared/domain/inventory/installation';
import { ActionError, LoadFailed, Loading } from '../../components/load-states';
import { RelativeTime } from '../../components/relative-time';
import { useApi } from '../../api';
import { hrefOf } from '../../app/use-hash-route';
import { useAction } from '../../hooks/use-action';
import { formatCount, formatDateTime } from '../../lib/format';
import { CommandsTable } from '../control/commands-list';
import { formatClock } from '../control/control-words';
import { useInstallationControl } from './use-installation-control';

/**
 * Whether Fleetdesk is steering this installation right now, until when, and its recent commands,
 * with Release at hand: what an operator needs when the customer phones about their battery.
 */
export function ControlSection({
  serial,
  fallbackSince,
  offboardedAt,
}: {
  serial: string;
  /** Groups whose lease lapsed, and when (the installation's record). */
  fallbackSince?: Installation['fallbackSince'];
  /** When the controller was offboarded: the core refuses every command to it since. */
  offboardedAt?: number | undefined;
}) {
  const { state, reload } = useInstallationControl(serial);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label="Control">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3}>Control</Title>
          {/* No way to a command the dry-run would refuse: control ended with the offboarding. */}
          {offboardedAt === undefined && (
            <Anchor href={hrefOf(`control/${encodeURIComponent(serial)}`)} size="sm">
              Send a command…
            </Anchor>
          )}
        </Group>
        {state.kind === 'loading' && <Loading what="its control" />}
        {state.kind === 'failed' && (
          <LoadFailed what="its control" message={state.message} onRetry={reload} />
        )}
        {state.kind === 'ready' && (
          <ControlState
            serial={serial}
            control={state.value}
            offboardedAt={offboardedAt}
            onChanged={reload}
          />
        )}
        <FallbackNote since={fallbackSince} />
      </Stack>
    </Paper>
  );
}

/** Which groups went back to their own control because a lease lapsed (not because it was released). */
function FallbackNote({ since }: { since: Installation['fallbackSince'] }) {
  // A lapse recorded ahead (after a restart) is not a fallback until its time: the lease says releasing.
  const now = Date.now();
  const groups = Object.entries(since ?? {})
    .filter(([, at]) => at <= now)
    .sort((a, b) => a[1] - b[1]);
  if (groups.length === 0) return null;
  return (
    <Text size="sm" c="red" data-testid="fallback-note">
      <Badge component="span" variant="light" color="red" mr="xs">
        In fallback
      </Badge>
      {groups.map(([group, at], i) => (
        <span key={group}>
          {i > 0 && ', '}
          {group} since <RelativeTime at={at} />
        </span>
      ))}
      : its lease lapsed (no refresh reached the controller in time), so it went back to its own control
      unasked. A new command to the group ends this.
    </Text>
  );
}

function ControlState({
  serial,
  control,
  offboardedAt,
  onChanged,
}: {
  serial: string;
  control: InstallationControl;
  offboardedAt: number | undefined;
  onChanged(): void;
}) {
  const api = useApi();
  const release = useAction(api.control.release, onChanged);
  const { lease, commands, linkState } = control;
  return (
    <>
      {lease === null && offboardedAt !== undefined ? (
        <Text size="sm" data-testid="control-state">
          <Badge component="span" variant="light" color="gray" mr="xs">
            Offboarded
          </Badge>
          Control is no longer possible: the installation was offboarded on {formatDateTime(offboardedAt)}, so
          Fleetdesk refuses every command to it.
        </Text>
      ) : lease === null ? (
        <Text size="sm" data-testid="control-state">
          <Badge component="span" variant="light" color="gray" mr="xs">
            Local control
          </Badge>
          Fleetdesk holds no command here: the site follows its own settings.
        </Text>
      ) : (
        <Stack gap={4}>
          <Group justify="space-between" align="flex-start">
            <Text size="sm" data-testid="control-state">
              <Badge component="span" variant="light" color="teal" mr="xs">
                {BADGES[lease.status]}
              </Badge>
              {leaseWords(lease)}
            </Text>
            {/* Released: its refreshes already stopped, nothing is left to release. */}
            {lease.status !== 'releasing' && (
              <Button
                size="xs"
                variant="default"
                loading={release.pending}
                onClick={() => void release.run({ serial })}
              >
                Release to local control
              </Button>
            )}
          </Group>
          {/* Only a held lease is at risk: the others return to local control by design. */}
          {linkState !== 'connected' && lease.status === 'held' && lease.lapsesAt !== null && (
            <Text size="sm" c="orange" role="alert">
              The broker link is down: no refresh can reach it, so it returns to local control{' '}
              <RelativeTime at={lease.lapsesAt} expect="future" />.
            </Text>
          )}
        </Stack>
      )}
      <ActionError message={release.error} />
      {commands.length === 0 ? (
        <Text size="sm" c="dimmed">
          No commands sent to it since Fleetdesk started; Activity has earlier ones.
        </Text>
      ) : (
        <CommandsTable commands={commands} />
      )}
    </>
  );
}

const BADGES: Record<LeaseView['status'], string> = {
  held: 'Held by Fleetdesk',
  unheld: 'Command in force',
  releasing: 'Releasing',
};

/**
 * What holds it and until when. Only a held lease is refreshed; an unheld or released one still
 * follows our last command (there is no release message) until its fallback timeout runs out.
 */
function leaseWords(lease: LeaseView) {
  const every = Math.round(lease.refreshEveryMs / 1000);
  const notRefreshed =
    lease.status === 'releasing'
      ? `; released (or its command ended): Fleetdesk sends nothing more, but the controller keeps the last command until its fallback timeout (${lease.fallbackS} s)`
      : `; not held, so not refreshed (fallback ${lease.fallbackS} s)`;
  return (
    <>
      {lease.groups.join(', ')}
      {lease.status === 'held'
        ? `; refreshed every ${every} s (${formatCount(lease.refreshes)} so far, fallback ${lease.fallbackS} s)`
        : notRefreshed}
      {lease.refused > 0 && `, ${formatCount(lease.refused)} refused`}
      {lease.lapsesAt === null ? (
        '; not in force until the broker confirms delivery.'
      ) : lease.status === 'held' ? (
        <>
          ; without a refresh it returns to local control <RelativeTime at={lease.lapsesAt} expect="future" />
          .
        </>
      ) : (
        <>
          ; returns to local control by {formatClock(lease.lapsesAt)} (
          <RelativeTime at={lease.lapsesAt} expect="future" />
          ).
        </>
      )}
    </>
  );
}

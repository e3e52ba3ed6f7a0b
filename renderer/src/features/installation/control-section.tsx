import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { InstallationControl } from '../../../../shared/contract/control-methods';
import type { LeaseView } from '../../../../shared/domain/control/lease';
import type { Installation } from '../../../../shared/domain/inventory/installation';
import { ActionError, LoadFailed, Loading } from '../../components/load-states';
import { RelativeTime } from '../../components/relative-time';
import { useApi } from '../../api';
import { hrefOf } from '../../app/use-hash-route';
import { useAction } from '../../hooks/use-action';
import { formatCount } from '../../lib/format';
import { CommandsTable } from '../control/commands-list';
import { useInstallationControl } from './use-installation-control';

/**
 * Whether Fleetdesk is steering this installation right now, until when, and its recent commands,
 * with Release at hand: what an operator needs when the customer phones about their battery.
 */
export function ControlSection({
  serial,
  fallbackSince,
}: {
  serial: string;
  /** Groups whose lease lapsed, and when (the installation's record). */
  fallbackSince?: Installation['fallbackSince'];
}) {
  const { state, reload } = useInstallationControl(serial);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label="Control">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3}>Control</Title>
          <Anchor href={hrefOf(`control/${encodeURIComponent(serial)}`)} size="sm">
            Send a command…
          </Anchor>
        </Group>
        {state.kind === 'loading' && <Loading what="its control" />}
        {state.kind === 'failed' && (
          <LoadFailed what="its control" message={state.message} onRetry={reload} />
        )}
        {state.kind === 'ready' && <ControlState serial={serial} control={state.value} onChanged={reload} />}
        <FallbackNote since={fallbackSince} />
      </Stack>
    </Paper>
  );
}

/** Which groups went back to their own control because a lease lapsed (not because it was released). */
function FallbackNote({ since }: { since: Installation['fallbackSince'] }) {
  const groups = Object.entries(since ?? {}).sort((a, b) => a[1] - b[1]);
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
  onChanged,
}: {
  serial: string;
  control: InstallationControl;
  onChanged(): void;
}) {
  const api = useApi();
  const release = useAction(api.control.release, onChanged);
  const { lease, commands, linkState } = control;
  return (
    <>
      {lease === null ? (
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
                {lease.held ? 'Held by Fleetdesk' : 'Command in force'}
              </Badge>
              {leaseWords(lease)}
            </Text>
            <Button
              size="xs"
              variant="default"
              loading={release.pending}
              onClick={() => void release.run({ serial })}
            >
              Release to local control
            </Button>
          </Group>
          {linkState !== 'connected' && lease.lapsesAt !== null && (
            <Text size="sm" c="orange" role="alert">
              The broker link is down: no refresh can reach it, so it returns to local control{' '}
              <RelativeTime at={lease.lapsesAt} />.
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

function leaseWords(lease: LeaseView) {
  const every = Math.round(lease.refreshEveryMs / 1000);
  return (
    <>
      {lease.groups.join(', ')}
      {lease.held
        ? `; refreshed every ${every} s (${formatCount(lease.refreshes)} so far, fallback ${lease.fallbackS} s)`
        : `; not held, so not refreshed (fallback ${lease.fallbackS} s)`}
      {lease.refused > 0 && `, ${formatCount(lease.refused)} refused`}
      {lease.lapsesAt === null ? (
        '; not in force until the broker confirms delivery.'
      ) : (
        <>
          ; without a refresh it returns to local control <RelativeTime at={lease.lapsesAt} />.
        </>
      )}
    </>
  );
}

import { useState } from 'react';
import { Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { CommandRow } from '../../../../shared/contract/control-methods';
import type { LeaseView } from '../../../../shared/domain/control/lease';
import { ActionError } from '../../components/load-states';
import { RelativeTime } from '../../components/relative-time';
import { useApi } from '../../api';
import { useAction } from '../../hooks/use-action';
import { formatCount } from '../../lib/format';
import { formatClock } from './control-words';
import { ReleaseAllDialog } from './release-all-dialog';
import { leasesReleasable } from './release-count';

/**
 * Every installation whose controller follows a command of ours, with when each returns to local
 * control: held ones unless refreshed, unheld and releasing ones by then for sure (nothing is
 * refreshed). Release one, or Release all after a confirmation.
 */
export function LeasesList({
  leases,
  commands,
  onChanged,
}: {
  leases: readonly LeaseView[];
  /** The commands listed with them: a draft is released too, before it has a lease. */
  commands: readonly CommandRow[];
  onChanged(): void;
}) {
  const api = useApi();
  // What the core's release('all') releases and counts for its reason rule (`leasesReleasable`).
  const releasable = leasesReleasable(leases, commands);
  const [confirming, setConfirming] = useState(false);
  const release = useAction(api.control.release, onChanged);
  // Its own action, so its refusal shows in its dialog and a row's in the list.
  const releaseAll = useAction(api.control.release, () => {
    setConfirming(false);
    onChanged();
  });
  const cancel = () => {
    releaseAll.clear();
    setConfirming(false);
  };

  return (
    <Paper withBorder p="md" component="section" aria-label="Leases">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3}>Leases</Title>
          <Button color="red" variant="light" disabled={releasable === 0} onClick={() => setConfirming(true)}>
            Release all
          </Button>
        </Group>
        <ActionError message={release.error} />
        {leases.length === 0 ? (
          <Text size="sm" c="dimmed">
            No installation is held: every site runs on local control.
          </Text>
        ) : (
          <Table aria-label="Leases" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Serial</Table.Th>
                <Table.Th>Groups</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>Local control</Table.Th>
                <Table.Th>Refreshes</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {leases.map((l) => (
                <Table.Tr key={l.serial} data-testid="lease-row">
                  <Table.Td>{l.serial}</Table.Td>
                  <Table.Td>{l.groups.join(', ')}</Table.Td>
                  <Table.Td>{STATE_WORDS[l.status]}</Table.Td>
                  <Table.Td>
                    <LocalControl lease={l} />
                  </Table.Td>
                  <Table.Td>
                    {refreshWords(l)}
                    {l.refused > 0 && `, ${l.refused} refused`}
                  </Table.Td>
                  <Table.Td>
                    {l.status !== 'releasing' && (
                      <Button
                        size="xs"
                        variant="default"
                        aria-label={`Release ${l.serial}`}
                        onClick={() => void release.run({ serial: l.serial })}
                      >
                        Release
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <ReleaseAllDialog
        opened={confirming}
        count={releasable}
        lastLocalAt={lastLocalAt(leases)}
        // The core's kill switch aborts rollouts too, so none hands control straight back.
        before="Any rollout still running is aborted first, so no further batch starts. "
        pending={releaseAll.pending}
        error={releaseAll.error}
        onCancel={cancel}
        onConfirm={(reason) =>
          void releaseAll.run({ serial: 'all', ...(reason !== undefined ? { reason } : {}) })
        }
      />
    </Paper>
  );
}

const STATE_WORDS: Record<LeaseView['status'], string> = {
  held: 'Held',
  unheld: 'Not held',
  releasing: 'Releasing',
};

/**
 * When it is back on local control: a held one only if no refresh reaches it; an unheld or
 * released one for sure, since nothing is refreshed.
 */
function LocalControl({ lease }: { lease: LeaseView }) {
  if (lease.lapsesAt === null) return <>not in force yet</>;
  const when = <RelativeTime at={lease.lapsesAt} expect="future" />;
  if (lease.status === 'held') return <>without a refresh, {when}</>;
  return (
    <>
      by {formatClock(lease.lapsesAt)} ({when})
    </>
  );
}

/** Refreshes made, and how often, only where they are made. */
function refreshWords(l: LeaseView): string {
  if (l.status === 'held')
    return `${formatCount(l.refreshes)} (every ${Math.round(l.refreshEveryMs / 1000)} s)`;
  if (l.status === 'unheld') return 'none: sent without holding';
  return `stopped (${formatCount(l.refreshes)} made)`;
}

/** When the last releasable one returns to local control, if every one of them says when. */
function lastLocalAt(leases: readonly LeaseView[]): number | null {
  const times = leases.filter((l) => l.status !== 'releasing').map((l) => l.lapsesAt);
  return times.length === 0 || times.some((t) => t === null) ? null : Math.max(...(times as number[]));
}

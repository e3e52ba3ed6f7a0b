import { Alert, Code, Group, Stack, Table, Text } from '@mantine/core';
import type { DryRun } from '../../../../shared/domain/control/dry-run';
import type { AssetGroup } from '../../../../shared/domain/control/live-command';
import { formatCount } from '../../lib/format';
import { formatKw, GROUP_LABELS } from './control-words';
import { plural } from '../../../../shared/domain/plural';

const SHOWN = 500;

/** The dry-run: per target the exact topic and payload or why not, and the totals a send puts at stake. */
export function DryRunView({ dryRun }: { dryRun: DryRun }) {
  const totals = Object.entries(dryRun.totals) as Array<
    [AssetGroup, NonNullable<DryRun['totals'][AssetGroup]>]
  >;
  return (
    <Stack gap="sm" data-testid="dry-run">
      {dryRun.blockedBy !== null && (
        <Alert color="red" title="Sending is blocked" role="alert">
          {dryRun.blockedBy}
        </Alert>
      )}
      <Group gap="lg">
        <Text size="sm">
          <b>{formatCount(dryRun.homes)}</b> {dryRun.homes === 1 ? 'home' : 'homes'} ·{' '}
          {formatCount(dryRun.valid.length)} valid · {formatCount(dryRun.invalid.length)} with errors
        </Text>
        {totals.map(([g, t]) => (
          <Text key={g} size="sm">
            {GROUP_LABELS[g]}: {formatKw(t.atStakeW)} at stake ({plural(t.targets, 'target')})
          </Text>
        ))}
        <Text size="sm">Total: {formatKw(dryRun.totalW)}</Text>
      </Group>
      <Table aria-label="Dry-run per target" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Serial</Table.Th>
            <Table.Th>Checks</Table.Th>
            <Table.Th>Message</Table.Th>
            <Table.Th>Lease refresh</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {dryRun.targets.slice(0, SHOWN).map((t) => (
            <Table.Tr key={t.serial}>
              <Table.Td>{t.serial}</Table.Td>
              <Table.Td>
                {t.errors.map((e) => (
                  <Text key={e} size="sm" c="red">
                    {e}
                  </Text>
                ))}
                {t.warnings.map((w) => (
                  <Text key={w} size="sm" c="orange">
                    {w}
                  </Text>
                ))}
                {t.errors.length + t.warnings.length === 0 && (
                  <Text size="sm" c="teal">
                    OK
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {t.message ? (
                  <details>
                    <Text component="summary" size="sm" ff="monospace" style={{ cursor: 'pointer' }}>
                      {t.message.topic}
                    </Text>
                    <Code block mt={4} style={{ maxHeight: 240, overflow: 'auto' }}>
                      {t.message.payload}
                    </Code>
                  </details>
                ) : (
                  <Text size="sm" c="dimmed">
                    nothing would be sent
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {t.lease
                  ? `every ${Math.round(t.lease.refreshEveryMs / 1000)} s (fallback ${t.lease.fallbackS} s)`
                  : '—'}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {dryRun.valid.length > 0 && (
        <Text size="sm" c="dimmed" data-testid="dry-run-stamps">
          Each message goes out as shown except for what is stamped when it leaves: its time, how long it
          stays valid (counted from then), and a fresh command id in place of &ldquo;dry-run&rdquo;. A staged
          rollout stamps each batch as it starts.
        </Text>
      )}
      {dryRun.targets.length > SHOWN && (
        <Text size="sm" c="dimmed">
          Showing the first {formatCount(SHOWN)} of {formatCount(dryRun.targets.length)} targets; the totals
          count them all.
        </Text>
      )}
    </Stack>
  );
}

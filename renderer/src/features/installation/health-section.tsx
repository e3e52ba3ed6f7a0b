import { Group, List, Paper, Text, Title } from '@mantine/core';
import type { HealthView, OverdueSignals } from '../../../../shared/domain/fleet/fleet-row';
import type { Health } from '../../../../shared/domain/inventory/installation';
import { RelativeTime } from '../../components/relative-time';
import { HealthBadge } from '../../components/status-badges';
import { OVERDUE_SENTENCE } from '../fleet/overdue-words';

/**
 * The last health report and its errors; `view` adds what the core concluded (stale), `overdue`
 * which expected signal stopped coming.
 */
export function HealthSection({
  health,
  view,
  overdue,
}: {
  health: Health;
  view: HealthView;
  overdue: OverdueSignals;
}) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label="Health">
      <Group justify="space-between" mb="sm">
        <Title order={3}>Health</Title>
        <HealthBadge health={view} />
      </Group>
      <Text size="sm" c="dimmed" mb="xs">
        {health.at === null ? (
          'No health report received yet.'
        ) : (
          <>
            Last report <RelativeTime at={health.at} />, status “{health.status}”.
          </>
        )}
        {view === 'stale' && overdue !== null && ` ${OVERDUE_SENTENCE[overdue]}`}
      </Text>
      {health.errors.length === 0 ? (
        <Text size="sm">No errors reported.</Text>
      ) : (
        <List size="sm" spacing={4} aria-label="Health errors">
          {health.errors.map((error, index) => (
            <List.Item key={index}>
              {error.device !== undefined && <strong>{error.device}: </strong>}
              {error.message ?? 'no message'}
              {error.code !== undefined && (
                <Text span c="dimmed" size="xs" ff="monospace">
                  {' '}
                  ({error.code})
                </Text>
              )}
            </List.Item>
          ))}
        </List>
      )}
    </Paper>
  );
}

import { Badge, Group, Paper, SimpleGrid, Text, Title } from '@mantine/core';
import type { AppInfo } from '../../../shared/contract';

const HOST_LABEL: Record<AppInfo['host'], string> = {
  electron: 'Desktop app',
  headless: 'Headless host (browser)',
};

/** Read-only facts about this running instance, handy when reporting a problem. */
export function AppInfoCard({ info }: { info: AppInfo }) {
  const rows: Array<[string, string]> = [
    ['Version', info.version],
    ['Running as', HOST_LABEL[info.host]],
    ['Data folder', info.dataDir],
    ['Listener address', info.listenerUrl || 'not running'],
  ];
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label="About this instance">
      <Group justify="space-between" mb="sm">
        <Title order={3}>About this instance</Title>
        {info.demo && <Badge color="grape">Demo mode</Badge>}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing="xs" component="dl" m={0}>
        {rows.map(([label, value]) => (
          <div key={label}>
            <Text component="dt" size="xs" c="dimmed">
              {label}
            </Text>
            <Text component="dd" m={0} ff="monospace" size="sm" style={{ wordBreak: 'break-all' }}>
              {value}
            </Text>
          </div>
        ))}
      </SimpleGrid>
    </Paper>
  );
}

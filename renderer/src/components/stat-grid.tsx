import { Paper, SimpleGrid, Text } from '@mantine/core';

export interface Stat {
  key: string;
  label: string;
  value: string;
  /** A colour for a number that wants attention (unhealthy > 0). */
  color?: string | undefined;
}

/** A row of labelled numbers; a description list, so screen readers pair each label and value. */
export function StatGrid({ label, stats }: { label: string; stats: readonly Stat[] }) {
  return (
    <SimpleGrid
      cols={{ base: 2, sm: 4, lg: stats.length }}
      spacing="sm"
      component="dl"
      aria-label={label}
      m={0}
    >
      {stats.map((stat) => (
        <Paper key={stat.key} withBorder p="sm" radius="md" data-stat={stat.key}>
          <Text component="dt" size="xs" c="dimmed" tt="uppercase" fw={600}>
            {stat.label}
          </Text>
          <Text
            component="dd"
            m={0}
            fz="xl"
            fw={700}
            {...(stat.color !== undefined ? { c: stat.color } : {})}
          >
            {stat.value}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

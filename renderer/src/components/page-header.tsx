import { Stack, Text, Title } from '@mantine/core';

/** The heading every page starts with: the page's name and one line on what it is for. */
export function PageHeader({ title, summary }: { title: string; summary?: string }) {
  return (
    <Stack gap={4} mb="md">
      <Title order={2}>{title}</Title>
      {summary !== undefined && <Text c="dimmed">{summary}</Text>}
    </Stack>
  );
}

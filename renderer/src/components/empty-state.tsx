import type { ReactNode } from 'react';
import { Paper, Stack, Text, Title } from '@mantine/core';

export interface EmptyStateProps {
  title: string;
  /** What will appear here and what makes it appear, so an empty page still teaches something. */
  children: ReactNode;
}

/** A page with nothing to show yet. */
export function EmptyState({ title, children }: EmptyStateProps) {
  return (
    <Paper withBorder p="xl" radius="md">
      <Stack gap="xs" maw={680}>
        <Title order={3}>{title}</Title>
        <Text c="dimmed">{children}</Text>
      </Stack>
    </Paper>
  );
}

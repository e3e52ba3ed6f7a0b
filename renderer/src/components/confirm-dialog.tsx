import type { ReactNode } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import { Dialog } from './dialog';
import { dismissUnlessPending } from './dismiss-unless-pending';

export interface ConfirmDialogProps {
  opened: boolean;
  title: string;
  /** What will happen, in words: the point of asking. */
  children: ReactNode;
  confirmLabel: string;
  color?: string;
  pending?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * Asks before an action that is hard to undo; nothing happens until the confirm button. Once it is
 * pressed the dialog stays open until the answer, so a failure shown in it is seen.
 */
export function ConfirmDialog({
  opened,
  title,
  children,
  confirmLabel,
  color = 'red',
  pending = false,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  return (
    <Dialog opened={opened} {...dismissUnlessPending(pending, onCancel)} title={title} centered>
      <Stack gap="md">
        <Text size="sm" component="div">
          {children}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={pending}>
            Cancel
          </Button>
          <Button color={color} onClick={onConfirm} loading={pending}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}

import { Alert, Stack, Text } from '@mantine/core';
import type { Notice } from '../../../shared/domain/notice';

const COLORS: Record<Notice['level'], string> = { info: 'blue', warning: 'yellow', error: 'red' };

export interface NoticeListProps {
  notices: readonly Notice[];
  onDismiss(id: string): void;
  /** Why the last dismiss failed, if it did. */
  error?: string | undefined;
}

/** Things the core wants the operator to see (a corrupt file moved aside, a failed write…). */
export function NoticeList({ notices, onDismiss, error }: NoticeListProps) {
  if (notices.length === 0 && error === undefined) return null;
  return (
    <Stack gap="xs" component="section" aria-label="Notices">
      {error !== undefined && (
        <Text c="red" size="sm" role="alert">
          {error}
        </Text>
      )}
      {notices.map((notice) => (
        <Alert
          key={notice.id}
          color={COLORS[notice.level]}
          title={notice.title}
          // Persistent notices are not urgent announcements; the status role avoids shouting them.
          role="status"
          withCloseButton
          closeButtonLabel={`Dismiss notice: ${notice.title}`}
          onClose={() => onDismiss(notice.id)}
        >
          <Text size="sm">{notice.detail}</Text>
          <Text size="xs" c="dimmed" mt={4}>
            {new Date(notice.at).toLocaleString()}
          </Text>
        </Alert>
      ))}
    </Stack>
  );
}

import { Code, Text } from '@mantine/core';
import type { ResponseOf } from '../../../../shared/contract';
import { formatBytes, formatDateTime } from '../../lib/format';

type Archive = ResponseOf<'data.archive'>;

/** What the journal archive holds: entries no longer in timelines or the Activity list, but in backups. */
export function JournalArchiveNote({ archive }: { archive: Archive }) {
  if (archive.entries === 0)
    return (
      <Text size="sm" c="dimmed" role="note" aria-label="Journal archive">
        The journal archive is empty: every journal entry is online.
      </Text>
    );
  return (
    <Text size="sm" role="note" aria-label="Journal archive">
      Journal archive: {archive.entries.toLocaleString('en')} entries
      {archive.firstAt !== null && archive.lastAt !== null
        ? ` from ${formatDateTime(archive.firstAt)} to ${formatDateTime(archive.lastAt)}`
        : ''}
      , {formatBytes(archive.compressedBytes)} compressed, in <Code>{archive.dir}</Code>. They are in every
      backup; timelines and the Activity list show the entries after them, and the Activity page searches them
      under Search in → Archive.
    </Text>
  );
}

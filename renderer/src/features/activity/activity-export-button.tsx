import { useState } from 'react';
import { Button, Group, Text } from '@mantine/core';
import type { ActivityFilter } from '../../../../shared/contract/activity-methods';
import { ok, type Result } from '../../../../shared/contract';
import { useApi } from '../../api';
import { ActionError } from '../../components/load-states';
import { useAction } from '../../hooks/use-action';
import { downloadParts } from '../../lib/download';
import { formatCount, formatDateTime } from '../../lib/format';

/** One part of an export, live journal or archive alike. */
type Part = {
  fileName: string;
  csv: string;
  rows: number;
  nextCursor: number | null;
  /** The live journal's export knows its size from the first part; the archive's does not. */
  total?: number;
  /** The archive's: how far back it got, and the files it could not read. */
  backTo?: number;
  problems: string[];
};

type Progress = { done: number; total: number | undefined; backTo: number | undefined };

/**
 * Every entry the filter matches (not only the rows loaded), as CSV built by the core: in the
 * live journal, or in the journal archive (`archive`). It comes in parts of a few MB, fetched one
 * after the other and handed to the browser as one file, so an export of millions of entries
 * works and shows how far it got.
 */
export function ActivityExportButton({
  filter,
  disabled,
  archive = false,
}: {
  filter: ActivityFilter;
  disabled: boolean;
  archive?: boolean;
}) {
  const api = useApi();
  const [progress, setProgress] = useState<Progress>();
  const [unread, setUnread] = useState<string[]>([]);
  const fetchPart = async (cursor: number | undefined): Promise<Result<Part>> => {
    const request = { filter, ...(cursor === undefined ? {} : { cursor }) };
    if (!archive) {
      const answer = await api.activity.exportCsv(request);
      return answer.ok ? ok({ ...answer.value, problems: [] }) : answer;
    }
    const answer = await api.activity.exportArchiveCsv(request);
    if (!answer.ok) return answer;
    const { searchedBackTo, ...part } = answer.value;
    return ok({ ...part, ...(searchedBackTo && { backTo: searchedBackTo.at }) });
  };
  const csv = useAction(
    async () => {
      const parts: string[] = [];
      const problems: string[] = [];
      let cursor: number | undefined;
      let total: number | undefined;
      let done = 0;
      let fileName = '';
      setUnread([]);
      do {
        const answer = await fetchPart(cursor);
        if (!answer.ok) return answer;
        const part = answer.value;
        if (parts.length === 0) [total, fileName] = [part.total, part.fileName];
        parts.push(part.csv);
        problems.push(...part.problems);
        done += part.rows;
        setProgress({ done, total, backTo: part.backTo });
        cursor = part.nextCursor ?? undefined;
      } while (cursor !== undefined);
      return ok({ fileName, parts, problems });
    },
    (file) => {
      setProgress(undefined);
      setUnread(file.problems);
      downloadParts(file.fileName, file.parts);
    },
  );
  return (
    <Group gap="xs">
      <ActionError message={csv.error} />
      {unread.length > 0 && (
        <Text size="xs" c="red" role="alert">
          {formatCount(unread.length)} archived {unread.length === 1 ? 'file' : 'files'} could not be read;
          their entries are not in the export.
        </Text>
      )}
      {csv.pending && progress !== undefined && <ExportProgress progress={progress} />}
      <Button
        variant="default"
        size="xs"
        disabled={disabled}
        loading={csv.pending}
        onClick={() => void csv.run()}
      >
        Export CSV
      </Button>
    </Group>
  );
}

function ExportProgress({ progress: { done, total, backTo } }: { progress: Progress }) {
  const text =
    total !== undefined
      ? total > 0 && `Exporting ${formatCount(done)} of ${formatCount(total)} entries…`
      : `Exporting ${formatCount(done)} archived entries…${backTo === undefined ? '' : ` searched back to ${formatDateTime(backTo)}`}`;
  if (!text) return null;
  return (
    <Text size="xs" c="dimmed" role="status" data-testid="activity-export-progress">
      {text}
    </Text>
  );
}

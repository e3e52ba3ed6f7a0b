import { useState } from 'react';
import { Button, Group, Text } from '@mantine/core';
import type { ActivityFilter } from '../../../../shared/contract/activity-methods';
import { ok } from '../../../../shared/contract';
import { useApi } from '../../api';
import { ActionError } from '../../components/load-states';
import { useAction } from '../../hooks/use-action';
import { downloadParts } from '../../lib/download';
import { formatCount } from '../../lib/format';

/**
 * Every entry the filter matches (not only the rows loaded), as CSV built by the core. It comes
 * in parts of a few MB, fetched one after the other and handed to the browser as one file, so an
 * export of millions of entries works and shows how far it got.
 */
export function ActivityExportButton({ filter, disabled }: { filter: ActivityFilter; disabled: boolean }) {
  const api = useApi();
  const [progress, setProgress] = useState<{ done: number; total: number }>();
  const csv = useAction(
    async () => {
      const parts: string[] = [];
      let cursor: number | undefined;
      let total = 0;
      let done = 0;
      let fileName = '';
      do {
        const answer = await api.activity.exportCsv({ filter, ...(cursor === undefined ? {} : { cursor }) });
        if (!answer.ok) return answer;
        const part = answer.value;
        if (parts.length === 0) [total, fileName] = [part.total, part.fileName];
        parts.push(part.csv);
        done += part.rows;
        setProgress({ done, total });
        cursor = part.nextCursor ?? undefined;
      } while (cursor !== undefined);
      return ok({ fileName, parts });
    },
    (file) => {
      setProgress(undefined);
      downloadParts(file.fileName, file.parts);
    },
  );
  return (
    <Group gap="xs">
      <ActionError message={csv.error} />
      {csv.pending && progress !== undefined && progress.total > 0 && (
        <Text size="xs" c="dimmed" role="status" data-testid="activity-export-progress">
          Exporting {formatCount(progress.done)} of {formatCount(progress.total)} entries…
        </Text>
      )}
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

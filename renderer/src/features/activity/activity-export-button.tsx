import { Button, Group } from '@mantine/core';
import type { ActivityFilter } from '../../../../shared/contract/activity-methods';
import { useApi } from '../../api';
import { ActionError } from '../../components/load-states';
import { useAction } from '../../hooks/use-action';
import { downloadText } from '../../lib/download';

/** Every entry the filter matches (not only the rows loaded), as CSV built by the core. */
export function ActivityExportButton({ filter, disabled }: { filter: ActivityFilter; disabled: boolean }) {
  const api = useApi();
  const csv = useAction(
    () => api.activity.exportCsv({ filter }),
    (file) => downloadText(file.fileName, file.csv),
  );
  return (
    <Group gap="xs">
      <ActionError message={csv.error} />
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

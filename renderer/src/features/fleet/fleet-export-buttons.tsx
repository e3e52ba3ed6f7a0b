import { Button, Group } from '@mantine/core';
import type { FleetRow } from '../../../../shared/domain/fleet/fleet-row';
import { useApi } from '../../api';
import { ActionError } from '../../components/load-states';
import { useAction } from '../../hooks/use-action';
import { downloadText, fileStamp } from '../../lib/download';
import { fleetViewCsv } from './fleet-csv';

/**
 * Two exports: what is on screen (search, filters and sort applied; built here), and every
 * installation with all its fields (built by the core, which has more than the table shows).
 */
export function FleetExportButtons({ rows }: { rows: () => readonly FleetRow[] }) {
  const api = useApi();
  const full = useAction(
    () => api.data.exportCsv({ what: 'installations' }),
    (file) => downloadText(file.fileName, file.csv),
  );
  const exportView = () => downloadText(`fleet-view-${fileStamp()}.csv`, fleetViewCsv(rows()));
  return (
    <Group gap="xs">
      <ActionError message={full.error} />
      <Button variant="default" size="xs" onClick={exportView}>
        Export view (CSV)
      </Button>
      <Button variant="default" size="xs" loading={full.pending} onClick={() => void full.run()}>
        Export all installations (CSV)
      </Button>
    </Group>
  );
}

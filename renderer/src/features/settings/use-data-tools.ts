import { useState } from 'react';
import { useApi } from '../../api';
import { useAction } from '../../hooks/use-action';
import { useApiQuery } from '../../hooks/use-api-query';
import { downloadText } from '../../lib/download';

/** Backups, restore and the full CSV exports. */
export function useDataTools() {
  const api = useApi();
  const backups = useApiQuery((a) => a.data.listBackups());
  const archive = useApiQuery((a) => a.data.archive());
  const [lastBackup, setLastBackup] = useState<string>();
  const [restoredTo, setRestoredTo] = useState<string>();
  const backup = useAction(
    () => api.data.backup(),
    ({ path }) => {
      setLastBackup(path);
      backups.reload();
    },
  );
  const restore = useAction(
    (path: string) => api.data.restore({ path }),
    ({ movedTo }) => {
      setRestoredTo(movedTo);
      backups.reload();
      archive.reload();
    },
  );
  const download = (file: { fileName: string; csv: string }) => downloadText(file.fileName, file.csv);
  // One action per export, so each button shows its own progress.
  const exportInstallations = useAction(() => api.data.exportCsv({ what: 'installations' }), download);
  const exportContracts = useAction(() => api.data.exportCsv({ what: 'contracts' }), download);
  return { backups, archive, backup, lastBackup, restore, restoredTo, exportInstallations, exportContracts };
}

import { useCallback, useEffect } from 'react';
import { Stack } from '@mantine/core';
import { useApi } from '../../api';
import { useHashParam } from '../../app/use-hash-route';
import { PageHeader } from '../../components/page-header';
import { useApiQuery } from '../../hooks/use-api-query';
import { ContractImportSection } from './contract-import-section';
import { ContractsListSection } from './contracts-list-section';
import { ReconciliationSection } from './reconciliation-section';

/** The supplier's customer contracts and how they line up with the controllers that called in. */
export function ContractsPage() {
  const api = useApi();
  const focus = useHashParam('contract');
  const contracts = useApiQuery((a) => a.contracts.list());
  const reconciliation = useApiQuery((a) => a.contracts.reconcile());
  const reloadContracts = contracts.reload;
  const reloadReconciliation = reconciliation.reload;
  const refresh = useCallback(() => {
    reloadContracts();
    reloadReconciliation();
  }, [reloadContracts, reloadReconciliation]);

  // There is no contracts event: links change through the inbox, so follow its changes instead.
  useEffect(() => api.on('inbox.changed', refresh), [api, refresh]);

  return (
    <>
      <PageHeader title="Contracts" summary="Customer contracts and their links to controllers." />
      <Stack gap="md">
        <ContractImportSection onImported={refresh} />
        <ReconciliationSection query={reconciliation} />
        <ContractsListSection query={contracts} focus={focus} />
      </Stack>
    </>
  );
}

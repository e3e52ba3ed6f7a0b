import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';

/** The supplier's customer contracts and how they line up with the controllers that called in. */
export function ContractsPage() {
  return (
    <>
      <PageHeader title="Contracts" summary="Customer contracts and their links to controllers." />
      <EmptyState title="No contracts imported">
        Import your customer contracts from a CSV file to see which are linked to a controller. A
        reconciliation then lists contracts that are not onboarded yet, installations onboarded but never seen
        on MQTT, and installations seen on MQTT without a contract.
      </EmptyState>
    </>
  );
}

import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';

/** Onboarding inbox: where new controllers wait for an operator's decision. */
export function InboxPage() {
  return (
    <>
      <PageHeader title="Onboarding inbox" summary="New controllers waiting to be linked to a contract." />
      <EmptyState title="No onboarding calls yet">
        Every onboarding call lands here with its raw payload, the contract number the customer typed, the
        address and the devices. Each call is matched against your imported contracts and flagged when the
        contract is unknown, already linked to another controller, the address differs, or the serial is
        already linked. You accept it, link it to another contract, or reject it; repeated calls are grouped.
      </EmptyState>
    </>
  );
}

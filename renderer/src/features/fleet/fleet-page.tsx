import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';

/** Home page. The counters and the installation table arrive with the inventory service. */
export function FleetPage() {
  return (
    <>
      <PageHeader title="Fleet" summary="Every installation at a glance, worst first." />
      <EmptyState title="No installations yet">
        Installations appear here when controllers call the onboarding endpoint of the listener (see Settings
        for its public URL). You will then see counters for onboarded, under control, in fallback, unhealthy
        and unlinked installations, and one table of every installation with its contract, address, health,
        last seen, control state, state of charge, and battery and solar power.
      </EmptyState>
    </>
  );
}

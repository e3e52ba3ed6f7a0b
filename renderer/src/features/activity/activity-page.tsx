import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';

/** The audit trail. */
export function ActivityPage() {
  return (
    <>
      <PageHeader title="Activity" summary="Who did what, and what the fleet answered." />
      <EmptyState title="No activity recorded yet">
        Every operator action, controller callback and command with its outcome is recorded here as an audit
        trail you can filter and export.
      </EmptyState>
    </>
  );
}

import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';

/** Week plans sent to controllers ahead of time. */
export function SchedulesPage() {
  return (
    <>
      <PageHeader title="Schedules" summary="Plan charging and discharging ahead of time." />
      <EmptyState title="No schedules yet">
        Schedules you plan appear here in a week view. Start from a template such as “evening peak discharge
        17–21h”, apply it to a selection of installations, and see per installation what its controller
        confirmed. Overlaps and daylight-saving shifts are checked before anything is sent.
      </EmptyState>
    </>
  );
}

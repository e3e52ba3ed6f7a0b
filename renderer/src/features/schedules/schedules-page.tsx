import { Anchor } from '@mantine/core';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { hrefOf } from '../../app/use-hash-route';

/**
 * Week plans sent to controllers ahead of time: not built yet. The page says so plainly rather
 * than describing the feature as if it were there, and points to what works today.
 */
export function SchedulesPage() {
  return (
    <>
      <PageHeader title="Schedules" summary="Plan charging and discharging ahead of time." />
      <EmptyState title="Scheduled control is not available yet">
        A later version plans charging and discharging ahead of time here: a week view, templates such as
        “evening peak discharge 17–21h” applied to a selection of installations, and per installation what its
        controller confirmed. Until then, steer installations live on the{' '}
        <Anchor href={hrefOf('control')}>Control page</Anchor>.
      </EmptyState>
    </>
  );
}

import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';

/** Live control of one or many installations. */
export function ControlPage() {
  return (
    <>
      <PageHeader title="Control" summary="Send commands to one installation or many, in stages." />
      <EmptyState title="Nothing to control yet">
        Once installations are onboarded and a broker is connected, you pick targets here (one installation, a
        selection or a saved filter), compose a command per asset group and dry-run it: the exact topic and
        payload per site, checked against its limits, with the total kW and number of homes. Sending rolls out
        in stages with a live status per target, and Release all hands every site back to local control.
      </EmptyState>
    </>
  );
}

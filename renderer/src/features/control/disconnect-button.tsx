import { useState } from 'react';
import { Button } from '@mantine/core';
import type { LeaseView } from '../../../../shared/domain/control/lease';
import { plural } from '../../../../shared/domain/plural';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { formatClock } from './control-words';

export interface DisconnectButtonProps {
  /** Every lease on the Control page; only held ones are at stake. */
  leases: readonly LeaseView[];
  pending: boolean;
  onDisconnect(): void;
}

/**
 * Disconnect, asking first while Fleetdesk holds installations: once disconnected nothing refreshes
 * their leases, so each controller returns to local control at its fallback timeout, unasked.
 */
export function DisconnectButton({ leases, pending, onDisconnect }: DisconnectButtonProps) {
  const [asking, setAsking] = useState(false);
  const held = leases.filter((l) => l.status === 'held');
  const firstLapse = Math.min(...held.map((l) => l.lapsesAt ?? Infinity));
  const disconnect = () => {
    setAsking(false);
    onDisconnect();
  };
  return (
    <>
      <Button
        variant="default"
        loading={pending}
        onClick={() => (held.length === 0 ? onDisconnect() : setAsking(true))}
      >
        Disconnect
      </Button>
      <ConfirmDialog
        opened={asking}
        title="Disconnect from the broker?"
        confirmLabel="Disconnect anyway"
        onConfirm={disconnect}
        onCancel={() => setAsking(false)}
      >
        Fleetdesk holds {plural(held.length, 'installation')}. While disconnected nothing refreshes their
        leases: each returns to local control at its fallback timeout
        {Number.isFinite(firstLapse) ? `, the first at about ${formatClock(firstLapse)}` : ''}. To hand
        control back on purpose, release them instead.
      </ConfirmDialog>
    </>
  );
}

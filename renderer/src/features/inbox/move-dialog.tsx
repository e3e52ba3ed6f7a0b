import { ConfirmDialog } from '../../components/confirm-dialog';
import { ActionError } from '../../components/load-states';

export interface MoveDialogProps {
  /** The contract to move and the controller it is linked to now; nothing shown when absent. */
  move: { contractNumber: string; customerName: string; from: string } | undefined;
  /** The controller that gets the contract. */
  to: string;
  pending: boolean;
  error: string | undefined;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * Asks before a contract changes hands: the other controller loses its link (kept in its history),
 * which is right when the customer replaced their controller and wrong otherwise.
 */
export function MoveDialog({ move, to, pending, error, onConfirm, onCancel }: MoveDialogProps) {
  return (
    <ConfirmDialog
      opened={move !== undefined}
      title={move ? `Move ${move.contractNumber} from ${move.from} to ${to}?` : ''}
      confirmLabel={move ? `Move from ${move.from}` : 'Move'}
      color="orange"
      pending={pending}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      {move && (
        <>
          Contract {move.contractNumber} ({move.customerName}) is linked to {move.from} now. Moving it ends
          that link, which stays in {move.from}’s history as moved to {to}, and links {to} instead: right when
          the customer replaced their controller.
          <ActionError message={error} />
        </>
      )}
    </ConfirmDialog>
  );
}

import type { InboxItem } from '../../../../shared/domain/fleet/inbox-item';

type Flag = InboxItem['flags'][number];
type Suggestion = InboxItem['suggestions'][number];

export interface FlagWords {
  text: string;
  color: string;
}

/**
 * A match flag in plain words. What a flag is about is not on the flag itself: the controller a
 * contract is linked to comes from the suggestion that names it, the serial's own contract and the
 * rejection from the item.
 */
export function flagWords(
  flag: Flag,
  item: Pick<
    InboxItem,
    'requestedContractNumber' | 'suggestions' | 'linkedContract' | 'rejected' | 'alsoNamedBy'
  >,
): FlagWords {
  switch (flag) {
    case 'rejected-before':
      return {
        text: item.rejected ? `Rejected before by ${item.rejected.by}` : 'Rejected before',
        color: 'red',
      };
    case 'unknown-contract':
      return { text: 'Unknown contract', color: 'red' };
    case 'contract-linked-elsewhere': {
      const other = item.suggestions.find((s) => s.kind === 'exact' && s.linkedTo !== null)?.linkedTo;
      return {
        text: other
          ? `Contract linked to another controller (${other})`
          : 'Contract linked to another controller',
        color: 'orange',
      };
    }
    case 'serial-linked-elsewhere': {
      const current = item.linkedContract?.contractNumber;
      return {
        text: current
          ? `Serial already linked to another contract (${current})`
          : 'Serial already linked to another contract',
        color: 'orange',
      };
    }
    case 'address-differs':
      return { text: 'Address differs', color: 'yellow' };
    case 'no-contract-given':
      return { text: 'No contract given', color: 'gray' };
    case 'contract-named-elsewhere': {
      const others = item.alsoNamedBy ?? [];
      return {
        text:
          others.length > 0
            ? `Another waiting controller names this contract (${others.join(', ')})`
            : 'Another waiting controller names this contract',
        color: 'orange',
      };
    }
  }
}

/** Why a contract is suggested, in words. */
export const SUGGESTION_KIND: Record<Suggestion['kind'], string> = {
  exact: 'Exact match',
  format: 'Same number, typed differently',
  typo: 'Close to what was typed',
  address: 'Same address',
};

/** Whether the contract's address agrees with the one the controller sent. */
export const ADDRESS_AGREEMENT: Record<Suggestion['address'], { text: string; color: string }> = {
  agrees: { text: 'address agrees', color: 'teal' },
  differs: { text: 'address differs', color: 'red' },
  unknown: { text: 'address not compared', color: 'gray' },
};

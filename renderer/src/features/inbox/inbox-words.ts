import type { InboxItem } from '../../../../shared/domain/fleet/inbox-item';

type Flag = InboxItem['flags'][number];
type Suggestion = InboxItem['suggestions'][number];

export interface FlagWords {
  text: string;
  color: string;
}

/**
 * A match flag in plain words. The controller a contract is already linked to is not on the flag
 * itself; it comes from the suggestion for the typed number, which names it.
 */
export function flagWords(
  flag: Flag,
  item: Pick<InboxItem, 'requestedContractNumber' | 'suggestions'>,
): FlagWords {
  switch (flag) {
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
    case 'serial-linked-elsewhere':
      return { text: 'Serial already linked to another contract', color: 'orange' };
    case 'address-differs':
      return { text: 'Address differs', color: 'yellow' };
    case 'no-contract-given':
      return { text: 'No contract given', color: 'gray' };
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

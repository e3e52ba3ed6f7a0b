import type { Result } from '../../../../shared/contract';
import type { InboxItem } from '../../../../shared/domain/fleet/inbox-item';
import { useApi } from '../../api';
import { useAction } from '../../hooks/use-action';

type Suggestion = InboxItem['suggestions'][number];

/**
 * The decisions an inbox card offers, each its own action so that a failure is shown beside the
 * control that caused it. Every one answers with the whole new inbox. Links and rejects name the
 * card they were decided on (`lastCallSeq`): the core refuses them once a newer call arrived.
 */
export function useInboxActions(
  item: Pick<InboxItem, 'serial' | 'lastCallSeq'>,
  onChanged: (items: InboxItem[]) => void,
) {
  const api = useApi();
  const { serial } = item;
  const card = { serial, lastCallSeq: item.lastCallSeq ?? null };
  const reason = (s: Suggestion) => `suggested match: ${s.kind}`;
  /**
   * A refusal as out of date shows the card as it is now, beside the refusal (which stays on the
   * card). A card that no longer waits is left as it was, so the refusal saying why stays readable;
   * the next inbox update takes it away.
   */
  const decision =
    <A extends unknown[]>(send: (...args: A) => Promise<Result<InboxItem[]>>) =>
    async (...args: A) => {
      const result = await send(...args);
      if (!result.ok && result.error.code === 'conflict') {
        const fresh = await api.inbox.list();
        if (fresh.ok && fresh.value.some((i) => i.serial === serial)) onChanged(fresh.value);
      }
      return result;
    };
  return {
    linkSuggested: useAction(
      decision((s: Suggestion) =>
        api.inbox.link({ ...card, contractNumber: s.contractNumber, reason: reason(s) }),
      ),
      onChanged,
    ),
    // Says which controller the contract is taken from: the core refuses if that is no longer so.
    move: useAction(
      decision((s: Suggestion, moveFrom: string) =>
        api.inbox.link({ ...card, contractNumber: s.contractNumber, reason: reason(s), moveFrom }),
      ),
      onChanged,
    ),
    linkOther: useAction(
      decision((contractNumber: string) => api.inbox.link({ ...card, contractNumber })),
      onChanged,
    ),
    reject: useAction(
      decision((why: string) => api.inbox.reject({ ...card, reason: why })),
      onChanged,
    ),
    // A note goes on the serial's timeline (e.g. "called the customer, waiting for the contract").
    note: useAction((text: string) => api.inbox.addNote({ serial, text }), onChanged),
  };
}

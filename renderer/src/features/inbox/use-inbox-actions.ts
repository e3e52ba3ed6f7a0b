import type { InboxItem } from '../../../../shared/domain/fleet/inbox-item';
import { useApi } from '../../api';
import { useAction } from '../../hooks/use-action';

type Suggestion = InboxItem['suggestions'][number];

/**
 * The decisions an inbox card offers, each its own action so that a failure is shown beside the
 * control that caused it. Every one answers with the whole new inbox.
 */
export function useInboxActions(serial: string, onChanged: (items: InboxItem[]) => void) {
  const api = useApi();
  const reason = (s: Suggestion) => `suggested match: ${s.kind}`;
  return {
    linkSuggested: useAction(
      (s: Suggestion) => api.inbox.link({ serial, contractNumber: s.contractNumber, reason: reason(s) }),
      onChanged,
    ),
    // Says which controller the contract is taken from: the core refuses if that is no longer so.
    move: useAction(
      (s: Suggestion, moveFrom: string) =>
        api.inbox.link({ serial, contractNumber: s.contractNumber, reason: reason(s), moveFrom }),
      onChanged,
    ),
    linkOther: useAction((contractNumber: string) => api.inbox.link({ serial, contractNumber }), onChanged),
    reject: useAction((why: string) => api.inbox.reject({ serial, reason: why }), onChanged),
    // A note goes on the serial's timeline (e.g. "called the customer, waiting for the contract").
    note: useAction((text: string) => api.inbox.addNote({ serial, text }), onChanged),
  };
}

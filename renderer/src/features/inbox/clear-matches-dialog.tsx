import { List, ScrollArea, Text } from '@mantine/core';
import type { RequestOf } from '../../../../shared/contract';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ActionError } from '../../components/load-states';
import { formatCount } from '../../lib/format';

export type ClearLink = RequestOf<'inbox.linkClearMatches'>['links'][number];

/** Rows listed in the dialog; a first import can leave thousands, which would stall it. */
const LISTED = 200;

const key = (l: ClearLink) => `${l.serial}\u0000${l.contractNumber}`;

/**
 * Asks before linking the clear matches, about the links as they were when it opened (`asked`):
 * confirming sends exactly those, so a live inbox update can neither add a card the operator did
 * not see nor change the count under them. When the inbox's clear matches (`current`) have moved
 * on meanwhile, it says so; the core checks each link again anyway.
 */
export function ClearMatchesDialog({
  asked,
  current,
  pending,
  error,
  onConfirm,
  onCancel,
}: {
  asked: readonly ClearLink[];
  current: readonly ClearLink[];
  pending: boolean;
  error: string | undefined;
  onConfirm(): void;
  onCancel(): void;
}) {
  const count = formatCount(asked.length);
  const rest = asked.length - LISTED;
  return (
    <ConfirmDialog
      opened
      title={`Link ${asked.length === 1 ? '1 controller' : `${count} controllers`} to the contracts they name?`}
      confirmLabel={`Link ${count}`}
      color="teal"
      pending={pending}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      Each typed the number of exactly one contract, its address agrees, and no other controller is linked to
      it or names it: the rule automatic linking follows (Settings → General). Each link goes on the
      controller’s history under your name. Any card that changed since you opened this page stays in the
      inbox, and you are told why.
      <ScrollArea.Autosize mah={200} type="auto" my="xs">
        <List size="sm" aria-label="Links to make" spacing={2}>
          {asked.slice(0, LISTED).map((l) => (
            <List.Item key={key(l)}>
              {l.serial} → {l.contractNumber}
            </List.Item>
          ))}
        </List>
      </ScrollArea.Autosize>
      {rest > 0 && (
        <Text size="sm" c="dimmed">
          and {formatCount(rest)} more, as the inbox showed them when you asked.
        </Text>
      )}
      <ChangedNote asked={asked} current={current} />
      <ActionError message={error} />
    </ConfirmDialog>
  );
}

/** Says how the inbox's clear matches differ from the ones listed; nothing when they agree. */
function ChangedNote({ asked, current }: { asked: readonly ClearLink[]; current: readonly ClearLink[] }) {
  const askedKeys = new Set(asked.map(key));
  const currentKeys = new Set(current.map(key));
  const added = current.filter((l) => !askedKeys.has(key(l))).length;
  const gone = asked.filter((l) => !currentKeys.has(key(l))).length;
  if (added === 0 && gone === 0) return null;
  const parts = [
    added > 0 &&
      `${formatCount(added)} more ${added === 1 ? 'controller is a clear match' : 'controllers are clear matches'} now`,
    gone > 0 && `${formatCount(gone)} listed here ${gone === 1 ? 'is' : 'are'} not any more`,
  ].filter(Boolean);
  return (
    <Text size="sm" c="orange.8" role="note" aria-label="Inbox changed">
      The inbox changed while you were asked: {parts.join(', and ')}. Only the links listed here are sent
      {gone > 0 && ', and any that no longer holds is left in the inbox with the reason'}
      {added > 0 && '; cancel and ask again to include the new ones'}.
    </Text>
  );
}

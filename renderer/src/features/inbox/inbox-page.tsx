import { Button, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { InboxItem } from '../../../../shared/domain/fleet/inbox-item';
import { EmptyState } from '../../components/empty-state';
import { LoadFailed, Loading } from '../../components/load-states';
import { PageHeader } from '../../components/page-header';
import { formatCount } from '../../lib/format';
import { ClearMatchesBar } from './clear-matches-bar';
import { InboxCard } from './inbox-card';
import { useInbox } from './use-inbox';

/** Onboarding inbox: where new controllers wait for an operator's decision. */
export function InboxPage() {
  const { query } = useInbox();
  const { state } = query;
  return (
    <>
      <PageHeader title="Onboarding inbox" summary="New controllers waiting to be linked to a contract." />
      {state.kind === 'loading' && <Loading what="the inbox" />}
      {state.kind === 'failed' && (
        <LoadFailed what="the inbox" message={state.message} onRetry={query.reload} />
      )}
      {/* Outside the list: what it linked stays said when that empties the inbox. */}
      {state.kind === 'ready' && <ClearMatchesBar items={state.value} onChanged={query.replace} />}
      {state.kind === 'ready' && state.value.length === 0 && (
        <EmptyState title="Nothing waits for you">
          Every onboarding call lands here with its raw payload, the contract number the customer typed, the
          address and the devices. Each call is matched against your imported contracts and flagged when the
          contract is unknown, already linked to another controller, the address differs, or the serial is
          already linked. You link it to a contract or reject it; repeated calls are grouped.
        </EmptyState>
      )}
      {state.kind === 'ready' && state.value.length > 0 && (
        <Stack gap="md">
          <Text size="sm" c="dimmed" role="status">
            {formatCount(state.value.length)}{' '}
            {state.value.length === 1 ? 'controller waits' : 'controllers wait'} for a decision.
          </Text>
          <InboxCards items={state.value} onChanged={query.replace} />
        </Stack>
      )}
    </>
  );
}

/** Cards shown at first, and added per "Show more": thousands of cards at once would stall the page. */
const CARDS_PER_STEP = 100;

/** The cards, newest call first, a hundred at a time (a first import can leave thousands waiting). */
function InboxCards({ items, onChanged }: { items: InboxItem[]; onChanged(items: InboxItem[]): void }) {
  const [shown, setShown] = useState(CARDS_PER_STEP);
  const rest = items.length - shown;
  return (
    <>
      {items.slice(0, shown).map((item) => (
        <InboxCard key={item.serial} item={item} onChanged={onChanged} />
      ))}
      {rest > 0 && (
        <Button
          variant="default"
          onClick={() => setShown((n) => n + CARDS_PER_STEP)}
          style={{ alignSelf: 'start' }}
        >
          Show {formatCount(Math.min(rest, CARDS_PER_STEP))} more ({formatCount(rest)} not shown)
        </Button>
      )}
    </>
  );
}

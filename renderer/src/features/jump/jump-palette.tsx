import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { Button, Kbd, Text, TextInput } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { Dialog } from '../../components/dialog';
import { useApiQuery } from '../../hooks/use-api-query';
import { useFleet } from '../fleet/use-fleet';
import { JumpResults, optionId } from './jump-results';
import { indexUnlinkedContracts, jumpTargets, type JumpTarget } from './jump-targets';

type Page = { path: string; label: string };

/**
 * "Jump to": Ctrl+K (⌘K on a Mac) from anywhere, or the header button, then a serial, contract
 * number, customer or page name, and Enter; a contract no controller is linked to opens on the
 * Contracts page. The page an operator needs while a customer is on the phone.
 */
export function JumpPalette({ pages }: { pages: readonly Page[] }) {
  const [opened, { open, close }] = useDisclosure(false);
  // Also from inside a text field: the shortcut is meant to work wherever the operator is typing.
  useHotkeys([['mod+K', open]], []);
  return (
    <>
      <Button variant="default" size="xs" onClick={open} rightSection={<Kbd size="xs">Ctrl K</Kbd>}>
        Jump to…
      </Button>
      <Dialog opened={opened} onClose={close} title="Jump to" size="lg">
        {opened && <JumpSearch pages={pages} onDone={close} />}
      </Dialog>
    </>
  );
}

function JumpSearch({ pages, onDone }: { pages: readonly Page[]; onDone(): void }) {
  const fleet = useFleet();
  const listId = useId();
  const [query, setQuery] = useState('');
  // The highlighted result; typing puts it back on the first (best) one, so Enter opens that.
  const [chosen, setChosen] = useState(0);
  const entries = fleet.kind === 'ready' ? fleet.entries : [];
  // Contracts no controller is linked to yet: a customer on the phone may have none. Read at each
  // opening, since links change through the inbox; until the answer comes, installations are found.
  const contracts = useApiQuery((a) => a.contracts.list());
  const unlinked = useMemo(
    () => (contracts.state.kind === 'ready' ? indexUnlinkedContracts(contracts.state.value) : []),
    [contracts.state],
  );
  const targets = useMemo(
    () => jumpTargets(query, pages, entries, unlinked),
    [query, pages, entries, unlinked],
  );
  // The list may shrink under the highlight (the contracts answer arriving, say).
  const active = targets.length === 0 ? -1 : Math.min(chosen, targets.length - 1);
  const go = (target: JumpTarget) => {
    window.location.hash = target.href;
    onDone();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const step = KEY_STEPS[event.key];
    if (step !== undefined && targets.length > 0) {
      event.preventDefault();
      setChosen(step(active, targets.length));
    } else if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      event.preventDefault();
      const target = targets[active];
      if (target) go(target);
    }
  };
  return (
    <>
      <TextInput
        label="Serial, contract, customer, address or page"
        placeholder="SG1-000123, C-2026-0042, Janssens, Settings…"
        data-autofocus
        autoComplete="off"
        spellCheck={false}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={targets.length > 0}
        aria-controls={listId}
        aria-activedescendant={active >= 0 ? optionId(listId, active) : undefined}
        value={query}
        onChange={(event) => {
          setQuery(event.currentTarget.value);
          setChosen(0);
        }}
        onKeyDown={onKeyDown}
      />
      <JumpResults listId={listId} targets={targets} active={active} onHover={setChosen} onPick={go} />
      <Text size="xs" c="dimmed" mt="xs" aria-live="polite">
        {fleet.kind === 'loading'
          ? 'Loading the installations…'
          : query.trim() !== '' && targets.length === 0
            ? 'Nothing matches.'
            : 'Enter opens the highlighted result; ↑ ↓ to choose another, Esc to close.'}
      </Text>
    </>
  );
}

/** Arrow keys move the highlight and wrap around; Home and End stay with the input's caret. */
const KEY_STEPS: Partial<Record<string, (active: number, count: number) => number>> = {
  ArrowDown: (active, count) => (active + 1) % count,
  ArrowUp: (active, count) => (active - 1 + count) % count,
};

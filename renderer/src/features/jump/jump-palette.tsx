import { useMemo, useState } from 'react';
import { Autocomplete, Button, Kbd, Modal, Text } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { useApiQuery } from '../../hooks/use-api-query';
import { useFleet } from '../fleet/use-fleet';
import { indexUnlinkedContracts, jumpTargets } from './jump-targets';

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
      <Modal opened={opened} onClose={close} title="Jump to" size="lg">
        {opened && <JumpSearch pages={pages} onDone={close} />}
      </Modal>
    </>
  );
}

function JumpSearch({ pages, onDone }: { pages: readonly Page[]; onDone(): void }) {
  const fleet = useFleet();
  const [query, setQuery] = useState('');
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
  const byHref = useMemo(() => new Map(targets.map((t) => [t.href, t])), [targets]);
  const go = (href: string) => {
    window.location.hash = href;
    onDone();
  };
  return (
    <>
      <Autocomplete
        label="Serial, contract, customer, address or page"
        placeholder="SG1-000123, C-2026-0042, Janssens, Settings…"
        data-autofocus
        value={query}
        onChange={setQuery}
        data={targets.map((t) => ({ value: t.href, label: `${t.label} ${t.detail}` }))}
        // Already narrowed and ordered by jumpTargets.
        filter={({ options }) => options}
        renderOption={({ option }) => {
          const t = byHref.get(option.value);
          return (
            <div>
              <Text size="sm" ff={t?.detail === 'page' ? 'text' : 'monospace'}>
                {t?.label}
              </Text>
              <Text size="xs" c="dimmed">
                {t?.detail}
              </Text>
            </div>
          );
        }}
        onOptionSubmit={go}
        comboboxProps={{ withinPortal: false }}
      />
      <Text size="xs" c="dimmed" mt="xs">
        {fleet.kind === 'loading'
          ? 'Loading the installations…'
          : query.trim() !== '' && targets.length === 0
            ? 'Nothing matches.'
            : '↑ ↓ to choose, Enter to go, Esc to close.'}
      </Text>
    </>
  );
}

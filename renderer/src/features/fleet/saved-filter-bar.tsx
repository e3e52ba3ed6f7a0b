import { useState, type FormEvent } from 'react';
import { Button, Group, NativeSelect, Text, TextInput } from '@mantine/core';
import { sameFilter, type FleetFilter } from './fleet-model';
import type { SavedFilters } from './use-saved-filters';

export interface SavedFilterBarProps {
  saved: SavedFilters;
  current: FleetFilter;
  onPick(filter: FleetFilter): void;
}

/**
 * Pick a named filter, or name the current search and filters to pick them later. The menu shows
 * the saved filter the table is narrowed by now, none once the filters were changed by hand: a
 * remembered pick left the menu on it, and choosing it again (the option already shown) did nothing.
 */
export function SavedFilterBar({ saved, current, onPick }: SavedFilterBarProps) {
  // The name last picked or saved: of several saved filters equal to the current one, the one shown.
  const [picked, setPicked] = useState('');
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const matching = saved.filters.filter((f) => sameFilter(f.filter, current));
  const selected = matching.find((f) => f.name === picked)?.name ?? matching[0]?.name ?? '';

  const pick = (value: string) => {
    setPicked(value);
    const entry = saved.filters.find((f) => f.name === value);
    if (entry) onPick(entry.filter);
  };

  const remove = () => {
    saved.remove(selected);
    setPicked('');
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed === '') return;
    saved.save(trimmed, current);
    setPicked(trimmed);
    setNaming(false);
    setName('');
  };

  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <NativeSelect
        label="Saved filters"
        data={[
          { value: '', label: saved.filters.length > 0 ? 'Pick a saved filter' : 'None saved yet' },
          ...saved.filters.map((f) => f.name),
        ]}
        value={selected}
        onChange={(e) => pick(e.currentTarget.value)}
        disabled={saved.filters.length === 0}
      />
      {selected !== '' && (
        <Button variant="subtle" color="red" onClick={remove}>
          Delete saved filter
        </Button>
      )}
      {naming ? (
        <Group component="form" onSubmit={submit} align="flex-end" gap="xs">
          <TextInput
            label="Filter name"
            value={name}
            maxLength={100}
            onChange={(e) => setName(e.currentTarget.value)}
            autoFocus
          />
          <Button type="submit" disabled={name.trim() === ''}>
            Save filter
          </Button>
          <Button variant="default" onClick={() => setNaming(false)}>
            Cancel
          </Button>
        </Group>
      ) : (
        <Button variant="default" onClick={() => setNaming(true)}>
          Save current filter…
        </Button>
      )}
      {saved.problem !== undefined && (
        <Text c="red" size="sm" role="alert">
          {saved.problem}
        </Text>
      )}
    </Group>
  );
}

import { useState, type FormEvent } from 'react';
import { Button, Group, NativeSelect, Text, TextInput } from '@mantine/core';
import type { FleetFilter } from './fleet-model';
import type { SavedFilters } from './use-saved-filters';

export interface SavedFilterBarProps {
  saved: SavedFilters;
  current: FleetFilter;
  onPick(filter: FleetFilter): void;
}

/** Pick a named filter, or name the current search and filters to pick them later. */
export function SavedFilterBar({ saved, current, onPick }: SavedFilterBarProps) {
  const [picked, setPicked] = useState('');
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');

  const pick = (value: string) => {
    setPicked(value);
    const entry = saved.filters.find((f) => f.name === value);
    if (entry) onPick(entry.filter);
  };

  const remove = () => {
    saved.remove(picked);
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
        value={picked}
        onChange={(e) => pick(e.currentTarget.value)}
        disabled={saved.filters.length === 0}
      />
      {picked !== '' && (
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

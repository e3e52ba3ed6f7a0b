import { Group, NativeSelect, TextInput } from '@mantine/core';
import { HEALTH_LABELS, ONBOARDING_LABELS } from '../../components/status-badges';
import type { FleetFilter } from './fleet-model';

const options = <K extends string>(labels: Record<K, string>) => [
  { value: 'any', label: 'Any' },
  ...(Object.entries(labels) as Array<[K, string]>).map(([value, label]) => ({ value, label })),
];
const ONBOARDING_OPTIONS = options(ONBOARDING_LABELS);
const HEALTH_OPTIONS = options(HEALTH_LABELS);
const LINKED_OPTIONS = [
  { value: 'any', label: 'Any' },
  { value: 'linked', label: 'Linked to a contract' },
  { value: 'unlinked', label: 'Not linked' },
];
const CONTROL_OPTIONS = [
  { value: 'any', label: 'Any' },
  { value: 'held', label: 'Under control (held or releasing)' },
  { value: 'fallback', label: 'In fallback (lease lapsed)' },
  { value: 'local', label: 'Local control' },
];

export interface FleetToolbarProps {
  filter: FleetFilter;
  onChange(filter: FleetFilter): void;
}

/** Free-text search and the four filters; every change is reported as a whole new filter. */
export function FleetToolbar({ filter, onChange }: FleetToolbarProps) {
  const set = <K extends keyof FleetFilter>(key: K, value: FleetFilter[K]) =>
    onChange({ ...filter, [key]: value });
  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <TextInput
        label="Search installations"
        placeholder="Serial, contract, customer or address"
        value={filter.search}
        onChange={(e) => set('search', e.currentTarget.value)}
        style={{ flex: '1 1 260px' }}
        type="search"
      />
      <NativeSelect
        label="Onboarding"
        data={ONBOARDING_OPTIONS}
        value={filter.onboarding}
        onChange={(e) => set('onboarding', e.currentTarget.value as FleetFilter['onboarding'])}
      />
      <NativeSelect
        label="Health"
        data={HEALTH_OPTIONS}
        value={filter.health}
        onChange={(e) => set('health', e.currentTarget.value as FleetFilter['health'])}
      />
      <NativeSelect
        label="Linked"
        data={LINKED_OPTIONS}
        value={filter.linked}
        onChange={(e) => set('linked', e.currentTarget.value as FleetFilter['linked'])}
      />
      <NativeSelect
        label="Control"
        data={CONTROL_OPTIONS}
        value={filter.control}
        onChange={(e) => set('control', e.currentTarget.value as FleetFilter['control'])}
      />
    </Group>
  );
}

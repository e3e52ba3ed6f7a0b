import { Chip, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import type { ActivityFacets } from '../../../../shared/contract/activity-methods';
import {
  ACTIVITY_CATEGORIES,
  CATEGORY_LABELS,
  type ActivityCategory,
} from '../../../../shared/domain/activity/categories';
import type { ActivityForm } from './activity-model';
import { useActorLabel } from './use-actor-label';

export interface ActivityFiltersProps {
  form: ActivityForm;
  onChange(form: ActivityForm): void;
  /** Actors for the menu; undefined while they load (the menu then offers only "Anyone"). */
  actors: ActivityFacets['actors'] | undefined;
}

/**
 * Free text, serial, actor, time range and categories; every change is reported as a whole new form.
 * Both ends of the time range are whole minutes, included (`toQuery`).
 */
export function ActivityFilters({ form, onChange, actors }: ActivityFiltersProps) {
  const actorLabel = useActorLabel();
  const set = <K extends keyof ActivityForm>(key: K, value: ActivityForm[K]) =>
    onChange({ ...form, [key]: value });
  const actorOptions = [
    { value: '', label: 'Anyone' },
    ...(actors ?? []).map(({ actor, count }) => ({ value: actor, label: `${actorLabel(actor)} (${count})` })),
    // Keep a chosen actor selectable even before (or without) the list.
    ...(form.actor && !actors?.some((a) => a.actor === form.actor)
      ? [{ value: form.actor, label: actorLabel(form.actor) }]
      : []),
  ];
  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label="Search activity"
          placeholder="Words in the summary, a command id, a reason…"
          type="search"
          value={form.text}
          onChange={(e) => set('text', e.currentTarget.value)}
          style={{ flex: '1 1 320px' }}
        />
        <TextInput
          label="Serial"
          placeholder="SG1-…"
          value={form.serial}
          onChange={(e) => set('serial', e.currentTarget.value)}
          w={150}
        />
        <NativeSelect
          label="Who"
          data={actorOptions}
          value={form.actor}
          onChange={(e) => set('actor', e.currentTarget.value)}
          w={200}
        />
        <TextInput
          label="From"
          description="That minute included"
          type="datetime-local"
          value={form.from}
          onChange={(e) => set('from', e.currentTarget.value)}
        />
        <TextInput
          label="Until"
          description="That minute included"
          type="datetime-local"
          value={form.to}
          onChange={(e) => set('to', e.currentTarget.value)}
        />
      </Group>
      <Group gap="xs" role="group" aria-label="Categories">
        <Text size="sm" fw={500}>
          Categories
        </Text>
        <Chip.Group
          multiple
          value={form.categories}
          onChange={(value) => set('categories', value as ActivityCategory[])}
        >
          {ACTIVITY_CATEGORIES.map((c) => (
            <Chip key={c} value={c} size="xs">
              {CATEGORY_LABELS[c]}
            </Chip>
          ))}
        </Chip.Group>
      </Group>
    </Stack>
  );
}

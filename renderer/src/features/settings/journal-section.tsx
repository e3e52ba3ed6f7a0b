import { Stack, Text, Title } from '@mantine/core';
import { NumberField } from '../../components/number-field';
import type { SectionProps } from './field-props';
import { rangeOf, rangeText } from './field-ranges';

const DAYS = rangeOf('journalOnlineDays');
const MIB = rangeOf('journalOnlineMiB');

/** How much of the journal stays online; the rest goes to the compressed archive, never away. */
export function JournalSection({ values, errors, disabled, onChange }: SectionProps) {
  return (
    <Stack gap="md">
      <Title order={3}>Journal</Title>
      <Text size="sm" c="dimmed">
        Every callback, command and operator action is kept in the journal. Its older part moves to the
        journal archive (compressed, in the data folder under journal/archive): it stays in every backup and
        in recovery, but leaves installation timelines and the Activity list (the Activity page can still
        search it: Search in → Archive), which keeps memory and start-up time flat however long the desk runs.
      </Text>
      <NumberField
        whole
        label="Keep online (days)"
        description={`Journal files last written longer ago than this move to the archive. ${rangeText(DAYS, 'days')}`}
        value={values.journalOnlineDays}
        error={errors.journalOnlineDays}
        disabled={disabled}
        onChange={(value) => onChange('journalOnlineDays', value)}
      />
      <NumberField
        whole
        label="Keep online at most (MiB)"
        description={`Older journal files also move to the archive while the online part is larger than this (1,024 MiB holds about 1.6 million callbacks). ${rangeText(MIB, 'MiB')}`}
        value={values.journalOnlineMiB}
        error={errors.journalOnlineMiB}
        disabled={disabled}
        onChange={(value) => onChange('journalOnlineMiB', value)}
      />
    </Stack>
  );
}

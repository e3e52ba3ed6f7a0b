import { Stack, Text, Title } from '@mantine/core';
import { NumberField } from '../../components/number-field';
import type { SectionProps } from './field-props';
import { rangeOf, rangeText } from './field-ranges';

const PUBLISHES = rangeOf('control', 'publishesPerSecond');
const HOMES = rangeOf('control', 'confirmAboveHomes');
const KW = rangeOf('control', 'confirmAboveKw');

/** The limits of live control: how fast the fleet is addressed, and when a send must be confirmed. */
export function ControlSection({ values, errors, disabled, onChange }: SectionProps) {
  return (
    <Stack gap="md">
      <Title order={3}>Live control</Title>
      <Text size="sm" c="dimmed">
        These apply at once, to the next command and the next lease refresh. Every controller still gets at
        most one command a second, whatever the fleet-wide limit.
      </Text>
      <NumberField
        whole
        label="Fleet-wide publishes per second"
        description={`Commands and lease refreshes together. Holding 10,000 leases at a 60 s fallback timeout needs 500 a second; a bulk send to N homes takes at least N ÷ this many seconds. ${rangeText(PUBLISHES)}`}
        value={values.controlPublishesPerSecond}
        error={errors.controlPublishesPerSecond}
        disabled={disabled}
        onChange={(value) => onChange('controlPublishesPerSecond', value)}
      />
      <NumberField
        whole
        label="Type the number of homes above this many homes"
        description={`A send to more homes than this asks the operator to type how many homes it affects. ${rangeText(HOMES, 'homes')}`}
        value={values.controlConfirmAboveHomes}
        error={errors.controlConfirmAboveHomes}
        disabled={disabled}
        onChange={(value) => onChange('controlConfirmAboveHomes', value)}
      />
      <NumberField
        label="…or above this much power at stake (kW)"
        description={`The setpoints' size, or each group's rated power when a command sets none, over all targets. ${rangeText(KW, 'kW')}`}
        value={values.controlConfirmAboveKw}
        error={errors.controlConfirmAboveKw}
        disabled={disabled}
        onChange={(value) => onChange('controlConfirmAboveKw', value)}
      />
    </Stack>
  );
}

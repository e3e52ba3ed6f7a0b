import { Input, SegmentedControl, Select, Stack, Switch, TextInput, Title } from '@mantine/core';
import { NumberField } from '../../components/number-field';
import type { Settings } from '../../../../shared/domain/settings';
import type { SectionProps } from './field-props';
import { rangeOf, rangeText } from './field-ranges';

const THEMES: Array<{ value: Settings['theme']; label: string }> = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'auto', label: 'Auto' },
];
const STALE = rangeOf('stalePeriods');
const HEALTH_PERIOD = rangeOf('healthPeriodSeconds');
const LANGUAGES: Array<{ value: Settings['language']; label: string }> = [{ value: 'en', label: 'English' }];

/** Who is at the desk, how the app looks, and the rules the fleet views apply. */
export function GeneralSection({ values, errors, disabled, onChange }: SectionProps) {
  return (
    <Stack gap="md">
      <Title order={3}>General</Title>
      <TextInput
        label="Operator name"
        description="Recorded with every action you take, in the activity log."
        value={values.operatorName}
        error={errors.operatorName}
        disabled={disabled}
        onChange={(e) => onChange('operatorName', e.currentTarget.value)}
      />
      <Input.Wrapper
        label="Theme"
        labelElement="div"
        description="Auto follows your system's light or dark setting."
      >
        <SegmentedControl
          aria-label="Theme"
          data={THEMES}
          value={values.theme}
          disabled={disabled}
          onChange={(value) => onChange('theme', value)}
          style={{ display: 'flex', width: 'fit-content' }}
        />
      </Input.Wrapper>
      <Select
        label="Language"
        description="Dutch, French and German will follow."
        data={LANGUAGES}
        value={values.language}
        allowDeselect={false}
        disabled={disabled}
        onChange={(value) => value !== null && onChange('language', value)}
      />
      <NumberField
        whole
        label="Stale periods"
        description={`An installation's health turns stale after this many missed intervals of its health calls, or of its MQTT feedback while the broker link is up. ${rangeText(STALE)}`}
        value={values.stalePeriods}
        error={errors.stalePeriods}
        disabled={disabled}
        onChange={(value) => onChange('stalePeriods', value)}
      />
      <NumberField
        whole
        label="Health period (seconds)"
        description={`How often controllers are expected to call the health endpoint, until each one's own rhythm is learned. ${rangeText(HEALTH_PERIOD, 'seconds')}`}
        value={values.healthPeriodSeconds}
        error={errors.healthPeriodSeconds}
        disabled={disabled}
        onChange={(value) => onChange('healthPeriodSeconds', value)}
      />
      <Switch
        // The label element also wraps the description; keep the accessible name to the label.
        aria-label="Auto-link exact matches"
        label="Auto-link exact matches"
        description="Link an onboarding call to its contract without asking when the number typed is exactly one contract’s, the address agrees, and no other controller has that contract or is waiting with it."
        checked={values.autoLinkExactMatches}
        disabled={disabled}
        onChange={(e) => onChange('autoLinkExactMatches', e.currentTarget.checked)}
      />
      <Switch
        aria-label="Desktop notifications for new alarms"
        label="Desktop notifications for new alarms"
        description="In the desktop app, the system tells you when installations turn to error, one notification for those that turn together."
        checked={values.alarmNotifications}
        disabled={disabled}
        onChange={(e) => onChange('alarmNotifications', e.currentTarget.checked)}
      />
    </Stack>
  );
}

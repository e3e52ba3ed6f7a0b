import { useState, type FormEvent } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import type { InstallationView } from '../../../../shared/domain/fleet/installation-view';
import { FALLBACK_OVERRIDE_RANGE } from '../../../../shared/domain/inventory/fallback-timeout';
import type { Installation } from '../../../../shared/domain/inventory/installation';
import { Dialog } from '../../components/dialog';
import { ActionError } from '../../components/load-states';
import { NumberField } from '../../components/number-field';
import type { Action } from '../../hooks/use-action';
import { formatCount } from '../../lib/format';

export type SetFallback = Action<[seconds: number | null], InstallationView>;

/**
 * The fallback timeout control plans with, and where it comes from: the operator's value wins
 * over onboarding's, and without either the installation cannot be controlled (nobody could say
 * when a lease lapses), which is why it says so here rather than only in a dry-run's refusal.
 */
export function fallbackWords(i: Installation): string {
  const override = i.fallbackTimeoutOverride;
  if (override !== undefined) return `${formatCount(override.seconds)} s, set by ${override.by}`;
  if (i.fallbackTimeoutSeconds !== null && i.fallbackTimeoutSeconds > 0)
    return `${formatCount(i.fallbackTimeoutSeconds)} s, from onboarding`;
  return 'unknown: set it to control this installation';
}

/** The Identity section's fallback timeout, with a "Set…" dialog. */
export function FallbackTimeout({
  installation: i,
  setFallback,
}: {
  installation: Installation;
  setFallback: SetFallback;
}) {
  const [opened, setOpened] = useState(false);
  const open = () => {
    setFallback.clear();
    setOpened(true);
  };
  return (
    <Group gap="xs" wrap="nowrap" component="span">
      <span>{fallbackWords(i)}</span>
      <Button size="compact-xs" variant="subtle" onClick={open} aria-label="Set fallback timeout…">
        Set…
      </Button>
      {opened && (
        <FallbackDialog installation={i} setFallback={setFallback} onClose={() => setOpened(false)} />
      )}
    </Group>
  );
}

const { min, max } = FALLBACK_OVERRIDE_RANGE;

/** Why a typed value cannot be saved, in words, or null. The core checks the same range again. */
export function fallbackInputError(value: string | number): string | null {
  if (value === '') return 'Enter the fallback timeout in seconds.';
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    return `Enter whole seconds from ${min} to ${formatCount(max)}.`;
  return null;
}

function FallbackDialog({
  installation: i,
  setFallback,
  onClose,
}: {
  installation: Installation;
  setFallback: SetFallback;
  onClose(): void;
}) {
  const current = i.fallbackTimeoutOverride?.seconds ?? i.fallbackTimeoutSeconds;
  const [value, setValue] = useState<string | number>(current !== null && current > 0 ? current : '');
  const [touched, setTouched] = useState(false);
  const invalid = fallbackInputError(value);
  const save = async (seconds: number | null) => {
    const result = await setFallback.run(seconds);
    if (result.ok) onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (invalid === null) void save(Number(value));
  };
  const onboarding =
    i.fallbackTimeoutSeconds !== null && i.fallbackTimeoutSeconds > 0
      ? `Onboarding reported ${formatCount(i.fallbackTimeoutSeconds)} s.`
      : 'Onboarding did not report it.';
  return (
    <Dialog opened onClose={onClose} title={`Fallback timeout of ${i.serial}`} centered>
      <form onSubmit={submit} aria-label="Set fallback timeout…">
        <Stack gap="sm">
          <Text size="sm">
            How long the controller keeps our last command before it returns to its own control. A held lease
            is re-sent every third of it, so set what the controller is really configured with. {onboarding}
          </Text>
          <NumberField
            whole
            label="Fallback timeout (seconds)"
            description={`Whole seconds from ${min} to ${formatCount(max)}. Applies at once, held leases included.`}
            value={value}
            onChange={setValue}
            error={touched ? invalid : null}
            data-autofocus
          />
          <ActionError message={setFallback.error} />
          <Group justify="flex-end">
            {i.fallbackTimeoutOverride !== undefined && (
              <Button variant="default" onClick={() => void save(null)} disabled={setFallback.pending}>
                Use onboarding&apos;s value
              </Button>
            )}
            <Button variant="default" onClick={onClose} disabled={setFallback.pending}>
              Cancel
            </Button>
            <Button type="submit" loading={setFallback.pending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}

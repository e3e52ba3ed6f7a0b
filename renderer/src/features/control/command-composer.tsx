import { Group, NativeSelect, Paper, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import type { AssetGroup } from '../../../../shared/domain/control/live-command';
import { NumberField } from '../../components/number-field';
import { useProtocolProfile } from '../boot';
import type { FleetData } from '../fleet/use-fleet';
import { useSavedFilters } from '../fleet/use-saved-filters';
import { GROUPS, policiesOf, takesSetpoint, type Draft, type GroupDraft } from './compose-model';
import { GROUP_LABELS } from './control-words';
import { TargetPicker } from './target-picker';

export interface ComposerProps {
  draft: Draft;
  fleet: FleetData;
  onChange(draft: Draft): void;
}

/** Targets (serials from the fleet) and the command per asset group, with the lease switch. */
export function CommandComposer({ draft, fleet, onChange }: ComposerProps) {
  const entries = fleet.kind === 'ready' ? fleet.entries : [];
  const saved = useSavedFilters();
  const profile = useProtocolProfile();
  const setGroup = (g: AssetGroup, patch: Partial<GroupDraft>) =>
    onChange({ ...draft, groups: { ...draft.groups, [g]: { ...draft.groups[g], ...patch } } });

  return (
    <Paper withBorder p="md" component="section" aria-label="Command">
      <Stack gap="sm">
        <Title order={3}>Targets and command</Title>
        <Text size="sm" c="dimmed">
          Pick targets, compose a command per asset group and dry-run it: the exact topic and payload per
          site, checked against its limits, with the total kW and number of homes. Only what was previewed can
          be sent.
        </Text>
        {fleet.kind === 'ready' && entries.length === 0 && (
          <Text size="sm">
            Nothing to control yet: installations appear here once controllers have onboarded (or try the demo
            fleet from the Fleet page).
          </Text>
        )}
        <TargetPicker
          entries={entries}
          savedFilters={saved.filters}
          selected={draft.serials}
          loading={fleet.kind === 'loading'}
          onChange={(serials) => onChange({ ...draft, serials })}
        />
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {GROUPS.map((g) => {
            const d = draft.groups[g];
            const label = GROUP_LABELS[g];
            const policies = policiesOf(profile, g);
            return (
              <Stack key={g} gap={6}>
                <Switch
                  label={`Include ${inSentence(label)}`}
                  checked={d.include}
                  onChange={(e) => setGroup(g, { include: e.currentTarget.checked })}
                />
                {d.include && (
                  <Group align="flex-end" grow>
                    <NativeSelect
                      label={`${label} policy`}
                      data={policyOptions(policies, d.policy)}
                      value={d.policy}
                      onChange={(e) => setGroup(g, { policy: e.currentTarget.value })}
                    />
                    {takesSetpoint(profile, g, d.policy) && (
                      <NumberField
                        whole
                        label={`${label} setpoint (W)`}
                        value={d.setpointW}
                        // Text that cannot be read for sure holds no setpoint: the field says why,
                        // and the draft asks for one instead of previewing a guess.
                        onChange={(v) => setGroup(g, { setpointW: Number.isNaN(v) ? '' : v })}
                      />
                    )}
                  </Group>
                )}
              </Stack>
            );
          })}
        </SimpleGrid>
        <Switch
          label="Hold control (lease)"
          description="Keep refreshing the command until released; otherwise it lapses after one fallback timeout."
          checked={draft.hold}
          onChange={(e) => onChange({ ...draft, hold: e.currentTarget.checked })}
        />
      </Stack>
    </Paper>
  );
}

/** A group's label inside a sentence: "storage", but "EV" and "HVAC" stay abbreviations. */
function inSentence(label: string): string {
  return label === label.toUpperCase() ? label : label.toLowerCase();
}

/**
 * The profile's policies; a policy picked before the profile changed stays visible, marked, rather
 * than the select silently showing another one (the draft then says why it cannot be previewed).
 */
function policyOptions(policies: readonly string[], picked: string) {
  const options = policies.map((p) => ({ value: p, label: p }));
  if (picked === '' || policies.includes(picked)) return options;
  return [{ value: picked, label: `${picked} (not in the protocol profile)` }, ...options];
}

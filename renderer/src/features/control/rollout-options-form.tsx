import { Group, NumberInput, Stack, Text, Title } from '@mantine/core';
import { rolloutOptionProblems, type RolloutOptions } from '../../../../shared/domain/control/rollout-plan';
import { plural } from '../../../../shared/domain/plural';

export interface RolloutOptionsFormProps {
  value: RolloutOptions;
  targets: number;
  onChange(value: RolloutOptions): void;
}

const toNumber = (v: string | number): number => (typeof v === 'number' ? v : Number.NaN);

/** The staged plan of a bulk send, shown and editable before it starts; ratios are typed as percent. */
export function RolloutOptionsForm({ value, targets, onChange }: RolloutOptionsFormProps) {
  const set = (patch: Partial<RolloutOptions>) => onChange({ ...value, ...patch });
  const problems = rolloutOptionProblems(value);
  const later = Math.max(0, targets - value.firstBatch);
  const batches = targets === 0 ? 0 : 1 + Math.ceil(later / Math.max(1, value.batchSize));
  return (
    <Stack gap="xs" component="section" aria-label="Staged rollout">
      <Title order={4}>Staged rollout</Title>
      <Text size="sm" c="dimmed" data-testid="plan-words">
        {targets === 0
          ? 'Nothing can be sent: no target passed the checks.'
          : `${plural(targets, 'target')} ${targets === 1 ? 'goes' : 'go'} out in ${Number.isFinite(batches) ? plural(batches, 'batch', 'batches') : '? batches'}, at most one command a second per controller. The next batch starts once enough of those started have confirmed; the rollout pauses when too many fail.`}
      </Text>
      <Group grow align="flex-start">
        <NumberInput
          label="First batch"
          min={1}
          allowDecimal={false}
          value={value.firstBatch}
          onChange={(v) => set({ firstBatch: toNumber(v) })}
        />
        <NumberInput
          label="Batch size"
          min={1}
          allowDecimal={false}
          value={value.batchSize}
          onChange={(v) => set({ batchSize: toNumber(v) })}
        />
        <NumberInput
          label="Go on at (% confirmed)"
          min={0}
          max={100}
          value={Math.round(value.minConfirmRatio * 1000) / 10}
          onChange={(v) => set({ minConfirmRatio: toNumber(v) / 100 })}
        />
        <NumberInput
          label="Pause above (% failed)"
          min={0}
          max={100}
          value={Math.round(value.maxFailureRatio * 1000) / 10}
          onChange={(v) => set({ maxFailureRatio: toNumber(v) / 100 })}
        />
      </Group>
      {problems.length > 0 && (
        <Text size="sm" c="red" role="alert">
          {problems.join('; ')}
        </Text>
      )}
    </Stack>
  );
}

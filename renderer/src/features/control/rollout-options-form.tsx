import { Group, Stack, Text, Title } from '@mantine/core';
import { rolloutOptionProblems, type RolloutOptions } from '../../../../shared/domain/control/rollout-plan';
import { plural } from '../../../../shared/domain/plural';
import { NumberField } from '../../components/number-field';

export interface RolloutOptionsFormProps {
  value: RolloutOptions;
  targets: number;
  onChange(value: RolloutOptions): void;
}

const toNumber = (v: number | ''): number => (v === '' ? Number.NaN : v);
/**
 * A ratio as the percent shown: 0.1 is 10, 0.0255 is 2.55. Rounded, since 0.1 × 100 is
 * 10.000000000000002, but finely enough that the typed percent reads back unchanged.
 */
const percentOf = (ratio: number): number => Math.round(ratio * 1_000_000) / 10_000;

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
        <NumberField
          whole
          label="First batch"
          value={value.firstBatch}
          onChange={(v) => set({ firstBatch: toNumber(v) })}
        />
        <NumberField
          whole
          label="Batch size"
          value={value.batchSize}
          onChange={(v) => set({ batchSize: toNumber(v) })}
        />
        <NumberField
          label="Go on at (% confirmed)"
          value={percentOf(value.minConfirmRatio)}
          onChange={(v) => set({ minConfirmRatio: toNumber(v) / 100 })}
        />
        <NumberField
          label="Pause above (% failed)"
          value={percentOf(value.maxFailureRatio)}
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

import { Progress, Stack, Text } from '@mantine/core';
import type { DataProgress } from '../../../../shared/domain/inventory/data-progress';
import { formatCount } from '../../lib/format';

/**
 * A long task's bar and count: "Checking the backup: 45,000 of 100,000 entries checked". Until the
 * first report arrives (or for a backup of earlier builds' format, which reports none), the label.
 */
export function TaskProgress({
  label,
  unit,
  progress,
}: {
  label: string;
  /** What `done` counts: "written", "checked". */
  unit: string;
  progress: DataProgress | undefined;
}) {
  if (progress === undefined || progress.total === 0)
    return (
      <Text size="sm" role="status">
        {label}…
      </Text>
    );
  const percent = Math.min(100, Math.round((progress.done / progress.total) * 100));
  return (
    <Stack gap={4}>
      <Progress value={percent} aria-label={label} animated size="lg" />
      <Text size="sm" role="status">
        {label}: {formatCount(progress.done)} of {formatCount(progress.total)} entries {unit}
      </Text>
    </Stack>
  );
}

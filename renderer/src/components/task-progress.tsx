import { Progress, Stack, Text } from '@mantine/core';
import type { DataProgress } from '../../../shared/domain/inventory/data-progress';
import { formatCount } from '../lib/format';

/** "45,000 of 100,000 entries checked": for work counted in entries. */
export const entriesDone =
  (unit: string) =>
  ({ done, total }: DataProgress): string =>
    `${formatCount(done)} of ${formatCount(total)} entries ${unit}`;

/** "45 %": for work measured in something the operator does not count (characters of a file). */
export const percentDone = ({ done, total }: DataProgress): string =>
  `${Math.min(100, Math.floor((done / total) * 100))} %`;

/**
 * A long task's bar and how far it is: "Checking the backup: 45,000 of 100,000 entries checked".
 * Until the first report arrives (or for work that reports none), the label.
 */
export function TaskProgress({
  label,
  detail,
  progress,
}: {
  label: string;
  /** How far, in words: `entriesDone('written')`, `percentDone`. */
  detail: (progress: DataProgress) => string;
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
        {label}: {detail(progress)}
      </Text>
    </Stack>
  );
}

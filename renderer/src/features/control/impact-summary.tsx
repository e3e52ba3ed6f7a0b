import { Alert, Group, List, Stack, Text } from '@mantine/core';
import type { DryRun } from '../../../../shared/domain/control/dry-run';
import type { AssetGroup } from '../../../../shared/domain/control/live-command';
import { formatCount } from '../../lib/format';
import { formatKw, GROUP_LABELS } from './control-words';
import { plural } from '../../../../shared/domain/plural';

const LISTED = 10;

/** Each distinct message and how many targets carry it, most frequent first. */
export function tallyMessages(lists: ReadonlyArray<readonly string[]>): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const list of lists) for (const m of new Set(list)) counts.set(m, (counts.get(m) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/**
 * What a send would do, before anything runs: homes, kW at stake per group, the warnings and the
 * targets the checks refuse. A fleet-wide send is read here, not in a table of thousands of rows.
 */
export function ImpactSummary({ dryRun }: { dryRun: DryRun }) {
  const totals = Object.entries(dryRun.totals) as Array<
    [AssetGroup, NonNullable<DryRun['totals'][AssetGroup]>]
  >;
  const warnings = tallyMessages(dryRun.targets.map((t) => t.warnings));
  const refused = dryRun.targets.filter((t) => t.errors.length > 0);
  return (
    <Stack gap="xs" component="section" aria-label="Impact" data-testid="impact">
      <Group gap="lg">
        <Text size="sm" data-testid="impact-homes">
          <b>{formatCount(dryRun.homes)}</b> home{dryRun.homes === 1 ? '' : 's'} affected
        </Text>
        {totals.map(([g, t]) => (
          <Text key={g} size="sm" data-testid={`impact-${g}`}>
            {GROUP_LABELS[g]}: <b>{formatKw(t.atStakeW)}</b> at stake over {plural(t.targets, 'site')}
          </Text>
        ))}
        <Text size="sm" data-testid="impact-total">
          Total: <b>{formatKw(dryRun.totalW)}</b>
        </Text>
      </Group>
      {warnings.length > 0 && (
        <Alert color="orange" title="Warnings" p="xs">
          <List size="sm">
            {warnings.slice(0, LISTED).map(([m, n]) => (
              <List.Item key={m}>
                {m} ({formatCount(n)} target{n === 1 ? '' : 's'})
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {refused.length > 0 && (
        <Alert color="red" title={`${plural(refused.length, 'target')} refused by the checks`} p="xs">
          <List size="sm" data-testid="impact-refused">
            {refused.slice(0, LISTED).map((t) => (
              <List.Item key={t.serial}>
                {t.serial}: {t.errors.join('; ')}
              </List.Item>
            ))}
          </List>
          {refused.length > LISTED && (
            <Text size="sm">…and {formatCount(refused.length - LISTED)} more (see the table below).</Text>
          )}
        </Alert>
      )}
    </Stack>
  );
}

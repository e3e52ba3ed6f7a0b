import { useEffect, useState } from 'react';
import { Stack } from '@mantine/core';
import { LoadFailed, Loading } from '../../components/load-states';
import { PageHeader } from '../../components/page-header';
import { useHashSegment } from '../../app/use-hash-route';
import { useFleet } from '../fleet/use-fleet';
import { CommandsList } from './commands-list';
import { ComposeSection } from './compose-section';
import { LeasesList } from './leases-list';
import { RolloutsSection } from './rollout-panel';
import { LinkPanel } from './link-panel';
import { useControlOverview } from './use-control';
import { forgetHandedTargets, handedTargets } from './target-handoff';

/**
 * Live control: the broker link, compose + dry-run + send (staged for many), rollouts, the command
 * journal and the leases. The banner of what lapses while the link is down is the shell's (every page).
 */
export function ControlPage() {
  const overview = useControlOverview();
  const fleet = useFleet();
  const { state, reload } = overview;
  const [rolloutId, setRolloutId] = useState<string | null>(null);
  // Targets picked from a rollout of an earlier run; a new pick starts a fresh draft (the key).
  // …or handed over from the Fleet page's view ("Send a command to these…").
  const [picked, setPicked] = useState<{ serials: readonly string[]; n: number } | null>(() => {
    const handed = handedTargets();
    return handed === null ? null : { serials: handed, n: 0 };
  });
  useEffect(forgetHandedTargets, []);
  // `#/control/<serial>`: opened from an installation's page, with that installation picked.
  const preselected = useHashSegment(1);

  return (
    <>
      <PageHeader title="Control" summary="Send commands to one installation or many, after a dry-run." />
      {state.kind === 'loading' && <Loading what="control" />}
      {state.kind === 'failed' && <LoadFailed what="control" message={state.message} onRetry={reload} />}
      {state.kind === 'ready' && (
        <Stack gap="md">
          <LinkPanel link={state.value.link} leases={state.value.leases} onChanged={reload} />
          <ComposeSection
            key={picked === null ? (preselected ?? '') : `picked-${picked.n}`}
            fleet={fleet}
            initialSerials={picked?.serials ?? (preselected === undefined ? [] : [preselected])}
            onSent={reload}
            onRolloutStarted={setRolloutId}
          />
          <RolloutsSection
            activeId={rolloutId}
            onPick={setRolloutId}
            onSendAgain={(serials) => {
              setPicked((p) => ({ serials, n: (p?.n ?? 0) + 1 }));
              // Up to the composer, where the operator goes on with the dry-run.
              document.querySelector('[aria-label="Targets"]')?.scrollIntoView?.({ behavior: 'smooth' });
            }}
          />
          <CommandsList commands={state.value.commands} />
          <LeasesList leases={state.value.leases} commands={state.value.commands} onChanged={reload} />
        </Stack>
      )}
    </>
  );
}

import { useState } from 'react';
import { Button, Group } from '@mantine/core';
import type { RolloutSummary } from '../../../../shared/contract/rollout-methods';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ActionError } from '../../components/load-states';
import { useApi } from '../../api';
import { useAction } from '../../hooks/use-action';
import { formatCount } from '../../lib/format';

type Asking = 'abort' | 'release' | null;

/**
 * Continue, Abort, Retry failed, Release all. Each is offered only when the core would accept it;
 * Abort and Release all ask first, saying what will happen.
 */
export function RolloutActions({
  rollout,
  inForce,
  onChanged,
}: {
  rollout: RolloutSummary;
  /** Targets whose command of this rollout is in force now: what Release all hands back. */
  inForce: number;
  onChanged(): void;
}) {
  const api = useApi();
  const [asking, setAsking] = useState<Asking>(null);
  const done = () => {
    setAsking(null);
    onChanged();
  };
  const id = { rolloutId: rollout.rolloutId };
  const proceed = useAction(api.rollout.continue, done);
  const abort = useAction(api.rollout.abort, done);
  const retry = useAction(api.rollout.retryFailed, done);
  const release = useAction(api.rollout.releaseAll, done);
  const { state, tally } = rollout;
  const ended = state === 'completed' || state === 'aborted';
  const error = proceed.error ?? abort.error ?? retry.error ?? release.error;

  return (
    <>
      <Group gap="xs">
        <Button disabled={state !== 'paused'} loading={proceed.pending} onClick={() => void proceed.run(id)}>
          Continue
        </Button>
        <Button
          variant="light"
          disabled={state === 'running' || tally.failed === 0}
          loading={retry.pending}
          onClick={() => void retry.run(id)}
        >
          Retry failed ({formatCount(tally.failed)})
        </Button>
        <Button color="orange" variant="light" disabled={ended} onClick={() => setAsking('abort')}>
          Abort
        </Button>
        <Button color="red" variant="light" onClick={() => setAsking('release')}>
          Release all
        </Button>
      </Group>
      <ActionError message={error} />
      <ConfirmDialog
        opened={asking === 'abort'}
        title="Abort this rollout?"
        confirmLabel="Abort rollout"
        color="orange"
        pending={abort.pending}
        onCancel={() => setAsking(null)}
        onConfirm={() => void abort.run(id)}
      >
        No further batch starts ({formatCount(tally.notStarted)} targets not started yet stay untouched). The{' '}
        {formatCount(tally.confirmed)} installations already confirmed stay under this command until you
        release them.
      </ConfirmDialog>
      <ConfirmDialog
        opened={asking === 'release'}
        title="Release every installation of this rollout?"
        confirmLabel="Release all"
        pending={release.pending}
        onCancel={() => setAsking(null)}
        onConfirm={() => void release.run(id)}
      >
        {ended ? '' : 'The rollout is aborted first, so no further batch starts. '}
        Every installation this rollout still controls ({formatCount(inForce)} with its command in force now)
        goes back to local control now.
      </ConfirmDialog>
    </>
  );
}

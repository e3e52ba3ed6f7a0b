import { useState } from 'react';
import { Button, Group, Text } from '@mantine/core';
import type { RolloutSummary } from '../../../../shared/contract/rollout-methods';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ActionError } from '../../components/load-states';
import { useApi } from '../../api';
import { useAction } from '../../hooks/use-action';
import { plural } from '../../../../shared/domain/plural';
import { formatCount } from '../../lib/format';
import { ReleaseAllDialog } from './release-all-dialog';
import { useOutdatedAfterAnswer } from './use-outdated-after-answer';

type Asking = 'abort' | 'release' | null;

/**
 * Continue, Abort, Retry failed, Release all. Each is offered only when the core would accept it;
 * Abort and Release all ask first, saying what will happen. After an answer, the buttons that
 * depend on the rollout's state wait for the view fetched after it.
 */
export function RolloutActions({
  rollout,
  releasable,
  onChanged,
}: {
  rollout: RolloutSummary;
  /**
   * Targets with a live command of this rollout, in flight ones included: what Release all hands
   * back, and what the core's reason rule counts (`rolloutReleasable`).
   */
  releasable: number;
  onChanged(): void;
}) {
  const api = useApi();
  const [asking, setAsking] = useState<Asking>(null);
  const view = useOutdatedAfterAnswer(rollout);
  const done = () => {
    setAsking(null);
    view.answered();
    onChanged();
  };
  const id = { rolloutId: rollout.rolloutId };
  const proceed = useAction(api.rollout.continue, done);
  const abort = useAction(api.rollout.abort, done);
  const retry = useAction(api.rollout.retryFailed, done);
  const release = useAction(api.rollout.releaseAll, done);
  const { state, tally } = rollout;
  // One count for the button, what it says it does and what the core re-sends: tally.failed.
  const failed = tally.failed;
  const ended = state === 'completed' || state === 'aborted';
  // Not Release all: the core always takes the kill switch, so it never waits for the view.
  const waiting = view.outdated;
  // Abort and Release all fail inside their dialog, where the operator is looking; the rest here.
  const error = proceed.error ?? retry.error;
  const cancel = () => {
    abort.clear();
    release.clear();
    setAsking(null);
  };

  return (
    <>
      <Group gap="xs">
        <Button
          disabled={waiting || state !== 'paused'}
          loading={proceed.pending}
          onClick={() => void proceed.run(id)}
        >
          Continue
        </Button>
        <Button
          variant="light"
          disabled={waiting || state === 'running' || failed === 0}
          loading={retry.pending}
          onClick={() => void retry.run(id)}
          aria-describedby="retry-what"
        >
          Retry failed ({formatCount(failed)})
        </Button>
        <Button color="orange" variant="light" disabled={waiting || ended} onClick={() => setAsking('abort')}>
          Abort
        </Button>
        <Button color="red" variant="light" onClick={() => setAsking('release')}>
          Release all
        </Button>
      </Group>
      {failed > 0 && state !== 'running' && (
        <Text size="xs" c="dimmed" id="retry-what" data-testid="retry-what">
          Retry failed sends the {plural(failed, 'failed target')} again, nothing else.
          {state === 'paused'
            ? ' The next batch still waits: it starts once their results pass the gate, or when you press Continue.'
            : ''}
        </Text>
      )}
      <ActionError message={error} />
      <ConfirmDialog
        opened={asking === 'abort'}
        title="Abort this rollout?"
        confirmLabel="Abort rollout"
        color="orange"
        pending={abort.pending}
        onCancel={cancel}
        onConfirm={() => void abort.run(id)}
      >
        No further batch starts ({plural(tally.notStarted, 'target')} not started yet stay untouched).{' '}
        Installations with this command in force now ({formatCount(tally.inForce)}) stay under it until you
        release them.
        <ActionError message={abort.error} />
      </ConfirmDialog>
      <ReleaseAllDialog
        opened={asking === 'release'}
        count={releasable}
        lastLocalAt={null}
        before={ended ? '' : 'The rollout is aborted first, so no further batch starts. '}
        pending={release.pending}
        error={release.error}
        onCancel={cancel}
        onConfirm={(reason) => void release.run({ ...id, ...(reason !== undefined ? { reason } : {}) })}
      />
    </>
  );
}

import { useState } from 'react';
import { Button, Checkbox, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { Result } from '../../../../shared/contract';
import type { DryRun } from '../../../../shared/domain/control/dry-run';
import {
  DEFAULT_ROLLOUT,
  rolloutOptionProblems,
  type RolloutOptions,
} from '../../../../shared/domain/control/rollout-plan';
import { ActionError } from '../../components/load-states';
import { useApi } from '../../api';
import { useAction } from '../../hooks/use-action';
import { formatCount } from '../../lib/format';
import { useProtocolProfile } from '../boot';
import type { FleetData } from '../fleet/use-fleet';
import { CommandComposer } from './command-composer';
import { emptyDraft, requestKey, toRequest, type Draft } from './compose-model';
import { DryRunView } from './dry-run-view';
import { ImpactSummary } from './impact-summary';
import { RolloutOptionsForm } from './rollout-options-form';
import { SendForm, type SendAnswer } from './send-form';
import { outcomeUnknown, unknownOutcomeWords } from './send-outcome';

export interface ComposeSectionProps {
  fleet: FleetData;
  /** Targets picked from the start (the page was opened for one installation). */
  initialSerials?: readonly string[];
  onSent(): void;
  /** A staged rollout started: the page shows its live panel. */
  onRolloutStarted(rolloutId: string): void;
}

/**
 * Compose, preview, send: Send only ever sends exactly what was previewed. One target is sent at
 * once; more than one go out as a staged rollout whose options show before it starts.
 */
export function ComposeSection({
  fleet,
  initialSerials = [],
  onSent,
  onRolloutStarted,
}: ComposeSectionProps) {
  const api = useApi();
  const profile = useProtocolProfile();
  const [draft, setDraft] = useState<Draft>(() => ({ ...emptyDraft(profile), serials: [...initialSerials] }));
  const [preview, setPreview] = useState<{ key: string; dryRun: DryRun } | null>(null);
  const [result, setResult] = useState<SendAnswer | null>(null);
  const [plan, setPlan] = useState<RolloutOptions>(DEFAULT_ROLLOUT);
  const [skipInvalid, setSkipInvalid] = useState(false);
  // Commands sent or started so far: each one starts a fresh Send form (no reason or typed homes
  // carried over to the next command). A reason typed before its preview stays.
  const [sends, setSends] = useState(0);
  // Set when a send or start got no answer (the link dropped): it may have gone out all the same.
  const [unknown, setUnknown] = useState<{ staged: boolean } | null>(null);
  const built = toRequest(draft, profile);
  const currentKey = built.ok ? requestKey(built.request) : null;
  const fresh = preview !== null && preview.key === currentKey ? preview.dryRun : null;
  const staged = draft.serials.length > 1;
  const planOk = rolloutOptionProblems(plan).length === 0;

  const dryRun = useAction(api.control.dryRun);
  const sent = (answer: SendAnswer) => {
    setResult(answer);
    // One preview, one send: a second send needs a fresh dry-run.
    if (answer.ok) {
      setPreview(null);
      setSends((n) => n + 1);
    }
    onSent();
  };
  const send = useAction(api.control.send, sent);
  const start = useAction(api.rollout.start, (answer) => {
    if (answer.ok) {
      setResult(null);
      setPreview(null);
      setSends((n) => n + 1);
      onRolloutStarted(answer.rollout.rolloutId);
    } else setResult(answer);
    onSent();
  });

  /**
   * A send or start whose answer was lost may have gone out. The preview goes, so the same command
   * is no longer one click away: sending it again takes a fresh dry-run, after the operator has
   * looked at what the core did.
   */
  const dispatch = async (call: () => Promise<Result<unknown>>) => {
    setUnknown(null);
    const answer = await call();
    if (answer.ok || !outcomeUnknown(answer.error)) return;
    setPreview(null);
    setUnknown({ staged });
    onSent();
  };

  const runPreview = async () => {
    if (!built.ok) return;
    const key = requestKey(built.request);
    setResult(null);
    const answer = await dryRun.run(built.request);
    if (answer.ok) setPreview({ key, dryRun: answer.value });
  };

  const invalid = fresh?.invalid.length ?? 0;
  return (
    <>
      <CommandComposer draft={draft} fleet={fleet} onChange={setDraft} />
      <Paper withBorder p="md" component="section" aria-label="Preview and send">
        <Stack gap="sm">
          <Title order={3}>Preview and send</Title>
          <Group>
            <Button
              variant="light"
              disabled={!built.ok}
              loading={dryRun.pending}
              onClick={() => void runPreview()}
            >
              Preview (dry-run)
            </Button>
            {!built.ok && (
              <Text size="sm" c="dimmed">
                {built.why}
              </Text>
            )}
            {built.ok && preview !== null && fresh === null && (
              <Text size="sm" c="orange">
                The inputs changed since the preview; preview again before sending.
              </Text>
            )}
          </Group>
          <ActionError message={dryRun.error} />
          {fresh && <ImpactSummary dryRun={fresh} />}
          {staged && (
            <RolloutOptionsForm
              value={plan}
              targets={fresh?.valid.length ?? draft.serials.length}
              onChange={setPlan}
            />
          )}
          {staged && invalid > 0 && (
            <Checkbox
              label={`Leave out the ${formatCount(invalid)} targets the checks refused (otherwise nothing starts)`}
              checked={skipInvalid}
              onChange={(e) => setSkipInvalid(e.currentTarget.checked)}
            />
          )}
          {fresh && <DryRunView dryRun={fresh} />}
          <SendForm
            key={sends}
            dryRun={fresh}
            targets={draft.serials.length}
            pending={send.pending || start.pending}
            blocked={staged && !planOk ? 'Fix the rollout options first.' : null}
            result={result}
            onSend={(extra) => {
              if (!built.ok) return;
              if (!staged) return void dispatch(() => send.run({ ...built.request, ...extra }));
              void dispatch(() =>
                start.run({
                  ...built.request,
                  ...extra,
                  options: plan,
                  ...(invalid > 0 && skipInvalid && { skipInvalid: true }),
                }),
              );
            }}
          />
          <ActionError message={send.error ?? start.error} />
          {unknown !== null && (
            <Text size="sm" c="orange" data-testid="send-outcome-unknown">
              {unknownOutcomeWords(unknown.staged)}
            </Text>
          )}
        </Stack>
      </Paper>
    </>
  );
}

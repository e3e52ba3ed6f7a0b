import { useState } from 'react';
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { DryRun } from '../../../../shared/domain/control/dry-run';
import { ActionError } from '../../components/load-states';
import { useApi } from '../../api';
import { useAction } from '../../hooks/use-action';
import type { FleetData } from '../fleet/use-fleet';
import { CommandComposer } from './command-composer';
import { emptyDraft, requestKey, toRequest, type Draft } from './compose-model';
import { DryRunView } from './dry-run-view';
import { SendForm, type SendAnswer } from './send-form';

/** Compose, preview, send: Send only ever sends exactly what was previewed. */
export function ComposeSection({ fleet, onSent }: { fleet: FleetData; onSent(): void }) {
  const api = useApi();
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [preview, setPreview] = useState<{ key: string; dryRun: DryRun } | null>(null);
  const [result, setResult] = useState<SendAnswer | null>(null);
  const built = toRequest(draft);
  const currentKey = built.ok ? requestKey(built.request) : null;
  const fresh = preview !== null && preview.key === currentKey ? preview.dryRun : null;

  const dryRun = useAction(api.control.dryRun);
  const send = useAction(api.control.send, (answer) => {
    setResult(answer);
    // One preview, one send: a second send needs a fresh dry-run.
    if (answer.ok) setPreview(null);
    onSent();
  });

  const runPreview = async () => {
    if (!built.ok) return;
    const key = requestKey(built.request);
    setResult(null);
    const answer = await dryRun.run(built.request);
    if (answer.ok) setPreview({ key, dryRun: answer.value });
  };

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
          {fresh && <DryRunView dryRun={fresh} />}
          <SendForm
            dryRun={fresh}
            targets={draft.serials.length}
            pending={send.pending}
            result={result}
            onSend={(extra) => {
              if (built.ok) void send.run({ ...built.request, ...extra });
            }}
          />
          <ActionError message={send.error} />
        </Stack>
      </Paper>
    </>
  );
}

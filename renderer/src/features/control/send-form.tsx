import { useState } from 'react';
import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import type { ResponseOf } from '../../../../shared/contract';
import { readTypedCount } from '../../../../shared/domain/control/confirmation';
import type { DryRun } from '../../../../shared/domain/control/dry-run';
import { formatCount } from '../../lib/format';
import { plural } from '../../../../shared/domain/plural';

export type SendAnswer = ResponseOf<'control.send'>;

export interface SendFormProps {
  /** The dry-run of the current inputs, or null when there is none (or the inputs changed since). */
  dryRun: DryRun | null;
  targets: number;
  pending: boolean;
  /** Why sending is held back by something outside this form (e.g. invalid rollout options). */
  blocked?: string | null;
  result: SendAnswer | null;
  onSend(extra: { reason?: string; typedHomes?: number }): void;
}

/**
 * Reason, the typed confirmation when the dry-run asks for one, and the Send button. The typed
 * number is kept per dry-run; the reason per command (the parent keys this form on each send).
 */
export function SendForm({ dryRun, targets, pending, blocked = null, result, onSend }: SendFormProps) {
  const [reason, setReason] = useState('');
  // The typed number answers one dry-run only: a new preview (a new command, maybe the same homes)
  // must be confirmed afresh, never by what was typed for the last one.
  const [typedFor, setTypedFor] = useState<{ dryRun: DryRun | null; text: string }>({
    dryRun: null,
    text: '',
  });
  const typed = typedFor.dryRun === dryRun ? typedFor.text : '';
  const confirmation = dryRun?.confirmation ?? { kind: 'none' as const };
  const needsReason = targets > 1;
  const typedCount = readTypedCount(typed);
  const typedOk = confirmation.kind === 'none' || typedCount === confirmation.homes;
  // Said as soon as something is typed, so a Send button that stays grey is never a riddle.
  const typedError =
    confirmation.kind === 'none' || typed.trim() === '' || typedOk
      ? null
      : typedCount === null
        ? 'Type the number of homes in digits.'
        : `This command affects ${plural(confirmation.homes, 'home')}, not ${formatCount(typedCount)}.`;
  const why =
    dryRun === null
      ? 'Preview (dry-run) the current inputs first.'
      : (dryRun.blockedBy ?? (dryRun.valid.length === 0 ? 'No target passed the checks.' : blocked));
  const canSend = why === null && typedOk && (!needsReason || reason.trim() !== '') && !pending;
  const n = dryRun?.valid.length ?? targets;

  return (
    <Stack gap="sm" component="section" aria-label="Send">
      <TextInput
        label="Reason"
        required={needsReason}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
      />
      {confirmation.kind === 'typed-homes' && (
        <Stack gap={4}>
          <Text size="sm" c="orange">
            Confirmation needed: {confirmation.why}.
          </Text>
          <TextInput
            label="Type the number of homes to confirm"
            value={typed}
            inputMode="numeric"
            error={typedError}
            onChange={(e) => setTypedFor({ dryRun, text: e.currentTarget.value })}
          />
        </Stack>
      )}
      <Group>
        <Button
          color="red"
          disabled={!canSend}
          loading={pending}
          onClick={() =>
            onSend({
              ...(reason.trim() !== '' && { reason: reason.trim() }),
              ...(confirmation.kind === 'typed-homes' && typedCount !== null && { typedHomes: typedCount }),
            })
          }
        >
          Send to {formatCount(n)} installation{n === 1 ? '' : 's'}
        </Button>
        {why !== null && (
          <Text size="sm" c="dimmed">
            {why}
          </Text>
        )}
      </Group>
      {result && <SendResult result={result} />}
    </Stack>
  );
}

function SendResult({ result }: { result: SendAnswer }) {
  if (!result.ok) {
    return (
      <Alert color="red" title="Send refused" role="alert">
        {result.reason}
      </Alert>
    );
  }
  return (
    <Alert
      color={result.failed.length > 0 ? 'orange' : 'teal'}
      title={`Sent to ${plural(result.sent, 'installation')}`}
      data-testid="send-result"
    >
      {result.failed.map((f) => (
        <Text key={f.serial} size="sm">
          {f.serial}: {f.reason}
        </Text>
      ))}
    </Alert>
  );
}

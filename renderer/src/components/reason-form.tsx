import { useState, type FormEvent } from 'react';
import { Button, Group, TextInput } from '@mantine/core';
import type { Result } from '../../../shared/contract';
import { TEXT_LIMITS } from '../../../shared/contract/inventory-methods';
import { ActionError } from './load-states';
import { lengthWords } from './length-words';

export interface ReasonFormProps {
  /** The button that reveals the form. */
  open: string;
  /** The reason input's label. */
  label: string;
  /** The button that sends it. */
  submit: string;
  color?: string;
  /** The longest text the core keeps for it (the shared contract's `TEXT_LIMITS`); a reason's by default. */
  maxLength?: number;
  pending: boolean;
  /** Another action it must not cross is on its way: the form can be filled in, not sent. */
  disabled?: boolean;
  error: string | undefined;
  onSubmit(reason: string): Promise<Result<unknown>>;
}

/**
 * An action that needs a reason (ending a link, rejecting a controller): a first click reveals the
 * reason, so the action is never one accidental click away and the audit trail says why.
 */
export function ReasonForm({
  open,
  label,
  submit,
  color,
  maxLength = TEXT_LIMITS.reason,
  pending,
  disabled = false,
  error,
  onSubmit,
}: ReasonFormProps) {
  const [opened, setOpened] = useState(false);
  const [reason, setReason] = useState('');

  const send = async (event: FormEvent) => {
    event.preventDefault();
    // Enter in the field submits even while the button is disabled.
    if (disabled || pending) return;
    const result = await onSubmit(reason.trim());
    if (result.ok) {
      setOpened(false);
      setReason('');
    }
  };

  if (!opened) {
    return (
      <Group>
        <Button variant="light" {...(color !== undefined ? { color } : {})} onClick={() => setOpened(true)}>
          {open}
        </Button>
      </Group>
    );
  }
  return (
    <form onSubmit={(e) => void send(e)}>
      <Group align="flex-end" gap="xs">
        <TextInput
          label={label}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          autoFocus
          style={{ flex: '1 1 260px' }}
          maxLength={maxLength}
          description={lengthWords(reason.length, maxLength)}
        />
        <Button
          type="submit"
          {...(color !== undefined ? { color } : {})}
          loading={pending}
          disabled={disabled || reason.trim() === ''}
        >
          {submit}
        </Button>
        <Button variant="default" onClick={() => setOpened(false)} disabled={pending}>
          Cancel
        </Button>
      </Group>
      <ActionError message={error} />
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import { Button, Group, TextInput } from '@mantine/core';
import type { Result } from '../../../../shared/contract';
import { ActionError } from '../../components/load-states';

export interface LinkOtherFormProps {
  /** "Link to another contract" beside suggestions, "Link to a contract" when there are none. */
  label: string;
  pending: boolean;
  /** Another decision on the card is on its way: this one waits. */
  busy: boolean;
  error: string | undefined;
  onLink(contractNumber: string): Promise<Result<unknown>>;
}

/** Links to a contract the matcher did not suggest (the operator found it another way). */
export function LinkOtherForm({ label, pending, busy, error, onLink }: LinkOtherFormProps) {
  const [contractNumber, setContractNumber] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const result = await onLink(contractNumber.trim());
    if (result.ok) setContractNumber('');
  };
  return (
    <form onSubmit={(e) => void submit(e)}>
      <Group align="flex-end" gap="xs">
        <TextInput
          label={label}
          placeholder="Contract number"
          value={contractNumber}
          maxLength={100}
          onChange={(e) => setContractNumber(e.currentTarget.value)}
          style={{ flex: '0 1 280px' }}
        />
        <Button
          type="submit"
          variant="default"
          loading={pending}
          disabled={busy || contractNumber.trim() === ''}
        >
          Link
        </Button>
      </Group>
      <ActionError message={error} />
    </form>
  );
}

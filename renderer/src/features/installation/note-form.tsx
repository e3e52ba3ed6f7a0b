import { useState, type FormEvent } from 'react';
import { Button, Group, Textarea } from '@mantine/core';
import type { InstallationView } from '../../../../shared/domain/fleet/installation-view';
import type { Action } from '../../hooks/use-action';
import { ActionError } from '../../components/load-states';

/** An operator note for the timeline ("customer called, battery replaced on Monday"). */
export function NoteForm({ addNote }: { addNote: Action<[text: string], InstallationView> }) {
  const [text, setText] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await addNote.run(text.trim());
    // Keep the text on failure, so nothing typed is lost.
    if (result.ok) setText('');
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-label="Add a note">
      <Textarea
        label="Operator note"
        placeholder="What happened, what the customer said…"
        rows={3}
        maxLength={2000}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
      />
      <Group mt="xs">
        <Button type="submit" size="xs" loading={addNote.pending} disabled={text.trim() === ''}>
          Add note
        </Button>
        <ActionError message={addNote.error} />
      </Group>
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import { Button, Group, Textarea } from '@mantine/core';
import { TEXT_LIMITS } from '../../../../shared/contract/inventory-methods';
import type { InstallationView } from '../../../../shared/domain/fleet/installation-view';
import type { Action } from '../../hooks/use-action';
import { ActionError } from '../../components/load-states';
import { lengthWords } from '../../components/length-words';

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
        // The core keeps this many characters of a note (the same limit as the inbox's note box);
        // near it the box says so, since the browser cuts a longer paste without a sign.
        maxLength={TEXT_LIMITS.note}
        description={lengthWords(text.length, TEXT_LIMITS.note)}
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

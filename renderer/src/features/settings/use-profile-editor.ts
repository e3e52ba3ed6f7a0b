import { useState } from 'react';
import type { ProtocolProfile } from '../../../../shared/protocol/profile';
import { profileText, readDraft, sameProfile } from './protocol-model';

export interface ProfileEditor {
  /** The editor's JSON text. */
  text: string;
  setText(text: string): void;
  /**
   * The profile in force changed elsewhere (another window, the headless UI) while the text held
   * unsaved edits: they are kept, and saving them would replace that change.
   */
  changedElsewhere: boolean;
  /** Shows `profile` (the one just saved, or the one in force on discard) as the unedited text. */
  showSaved(profile: ProtocolProfile): void;
}

/**
 * The protocol profile editor's text over the profile in force (`saved`, which follows
 * settings.changed). A change made elsewhere replaces the text while it holds no unsaved edit, so
 * the editor and its preview show what Fleetdesk publishes with, and Save does not put the old
 * profile back; with edits the text is kept and `changedElsewhere` says so.
 */
export function useProfileEditor(saved: ProtocolProfile): ProfileEditor {
  const [text, setText] = useState(() => profileText(saved));
  // The profile in force that the text was taken from; another one means it changed since.
  const [base, setBase] = useState(saved);
  const differs = base !== saved && !sameProfile(base, saved);
  // Adjusted while rendering (React's "state from previous props"), so no frame shows the old text.
  if (base !== saved && !differs) setBase(saved);
  if (differs) {
    const draft = readDraft(text);
    const shown = draft.kind === 'valid' ? draft.profile : undefined;
    if (shown !== undefined && sameProfile(shown, saved)) {
      // The text already is the profile in force (this editor's own save, told before it answered).
      setBase(saved);
    } else if (shown !== undefined && sameProfile(shown, base)) {
      // No unsaved edit: show the profile in force.
      setText(profileText(saved));
      setBase(saved);
    }
  }
  return {
    text,
    setText,
    changedElsewhere: differs,
    showSaved(profile) {
      setText(profileText(profile));
      setBase(profile);
    },
  };
}

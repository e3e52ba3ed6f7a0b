import { useState } from 'react';
import type { Settings } from '../../../../shared/domain/settings';
import { useApi } from '../../api';
import {
  buildPatch,
  isDirty,
  toFormValues,
  type FieldErrors,
  type FieldName,
  type FormValues,
} from './settings-form-model';

export type SaveStatus =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; message: string };

export interface SettingsForm {
  values: FormValues;
  errors: FieldErrors;
  status: SaveStatus;
  dirty: boolean;
  setField<K extends FieldName>(field: K, value: FormValues[K]): void;
  save(): Promise<void>;
  discard(): void;
}

/**
 * The settings form as edits layered over the live saved settings: a `settings.changed` event
 * updates every field the operator has not touched, and never overwrites one they are typing in.
 */
export function useSettingsForm(saved: Settings, onSaved: (settings: Settings) => void): SettingsForm {
  const api = useApi();
  const [edits, setEdits] = useState<Partial<FormValues>>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const values: FormValues = { ...toFormValues(saved), ...edits };

  function setField<K extends FieldName>(field: K, value: FormValues[K]): void {
    setEdits((prev) => ({ ...prev, [field]: value }));
    setErrors(({ [field]: _field, form: _form, ...rest }) => rest);
    if (status.kind === 'saved') setStatus({ kind: 'idle' });
  }

  async function save(): Promise<void> {
    const built = buildPatch(saved, values);
    if (!built.ok) {
      setErrors(built.errors);
      return;
    }
    setErrors({});
    setStatus({ kind: 'saving' });
    const sent = edits;
    const result = await api.settings.update(built.patch);
    if (!result.ok) {
      setStatus({ kind: 'failed', message: result.error.message });
      return;
    }
    onSaved(result.value);
    // Every edit this save carried is stored now, though maybe not as typed ("10.0.0.1, 10.0.0.2"
    // is stored as one proxy per line): compared with the stored value it would stay "unsaved" for
    // good and hide later changes. Only edits made while the save was in flight are kept.
    setEdits((prev) =>
      Object.fromEntries(Object.entries(prev).filter(([k, v]) => sent[k as FieldName] !== v)),
    );
    setStatus({ kind: 'saved' });
  }

  function discard(): void {
    setEdits({});
    setErrors({});
    setStatus({ kind: 'idle' });
  }

  return { values, errors, status, dirty: isDirty(saved, values), setField, save, discard };
}

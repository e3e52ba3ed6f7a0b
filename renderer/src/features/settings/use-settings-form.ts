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
    const result = await api.settings.update(built.patch);
    if (!result.ok) {
      setStatus({ kind: 'failed', message: result.error.message });
      return;
    }
    onSaved(result.value);
    // Keep only edits made while the save was in flight (those that differ from what was stored).
    const stored = toFormValues(result.value);
    setEdits((prev) =>
      Object.fromEntries(Object.entries(prev).filter(([k, v]) => stored[k as FieldName] !== v)),
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

import type { FieldErrors, FieldName, FormValues } from './settings-form-model';

/** What each settings section receives: values and errors in, one change callback out. */
export interface SectionProps {
  values: FormValues;
  errors: FieldErrors;
  disabled: boolean;
  onChange<K extends FieldName>(field: K, value: FormValues[K]): void;
}

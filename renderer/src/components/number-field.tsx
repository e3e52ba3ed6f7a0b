import { useState } from 'react';
import { TextInput, type TextInputProps } from '@mantine/core';
import { readTypedNumber, type TypedNumber } from '../lib/read-typed-number';

export interface NumberFieldProps extends Omit<TextInputProps, 'value' | 'defaultValue' | 'onChange'> {
  /** The number shown, or '' for none. */
  value: number | string;
  /** Whole numbers only (counts, seconds, watts): a decimal part is refused, not cut off. */
  whole?: boolean;
  /**
   * The number the text reads as, '' when it is empty, or NaN while it cannot be read for sure
   * ("3.600", "2,5 kW"): the field says why, and the caller's own check refuses NaN like any bad value.
   */
  onChange(value: number | ''): void;
}

/**
 * A number input that reads what the operator typed the way they meant it, or says why it cannot.
 * Mantine's NumberInput rewrites the text as it goes: it turns a typed comma into a point only key
 * by key, drops it from text that arrives at once (autofill, drop, a change event) so "2,5" becomes
 * 25, and in whole-number fields drops or cuts at any separator ("3,6" typed is 36, "3.600" pasted
 * is 3). Here the text stays as typed and `readTypedNumber` decides, refusing what could mean two
 * numbers. No clamping either: a value out of range is the caller's to refuse with its range.
 */
export function NumberField({ value, whole = false, onChange, error, onBlur, ...rest }: NumberFieldProps) {
  const [text, setText] = useState(() => shown(value));
  const [seen, setSeen] = useState(value);
  // Shows the reading's message once the operator has left the field, or when the caller already
  // refuses the value (a Save pressed without leaving it): not while the first digits go in.
  const [left, setLeft] = useState(false);
  const reading = readTypedNumber(text, { whole });
  // A value set from outside (saved, discarded, a live settings change) replaces the text, unless
  // it is what the text already says: the operator's "2,5" stays "2,5", not "2.5".
  if (!Object.is(seen, value)) {
    setSeen(value);
    if (!agrees(value, reading)) setText(shown(value));
  }
  const unclear = reading.kind === 'unclear' && (left || Boolean(error)) ? reading.message : undefined;
  return (
    <TextInput
      inputMode={whole ? 'numeric' : 'decimal'}
      autoComplete="off"
      {...rest}
      value={text}
      error={unclear ?? error}
      onChange={(event) => {
        const next = event.currentTarget.value;
        setText(next);
        const read = readTypedNumber(next, { whole });
        const number = read.kind === 'number' ? read.value : read.kind === 'empty' ? '' : Number.NaN;
        setSeen(number);
        onChange(number);
      }}
      onBlur={(event) => {
        setLeft(true);
        onBlur?.(event);
      }}
    />
  );
}

function shown(value: number | string): string {
  if (typeof value === 'string') return value;
  return Number.isNaN(value) ? '' : String(value);
}

/** True when the caller's value is what the text reads as (any non-number when it reads as none). */
function agrees(value: number | string, reading: TypedNumber): boolean {
  if (reading.kind === 'number') return value === reading.value;
  return value === '' || (typeof value === 'number' && Number.isNaN(value));
}

import type { z } from 'zod';
import type { FieldError } from '../../../shared/protocol/listener';
import { HttpProblem } from './problem';

/** How many offending fields one answer lists; the rest are summarised. */
const MAX_FIELD_ERRORS = 20;

/** `devices[0].type` from a zod path; `(body)` for the body itself. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(body)' : out;
}

/** A missing field says so, instead of "expected string, received undefined" or the enum's list. */
function messageOf(issue: z.core.$ZodIssue): string {
  return 'input' in issue && issue.input === undefined && issue.path.length > 0
    ? 'is required'
    : issue.message;
}

/**
 * The field list of a failed validation, capped so a huge invalid body cannot make a huge answer.
 * Parse with `{ reportInput: true }` so missing fields can be told apart from wrong ones.
 */
export function fieldErrors(error: z.ZodError): FieldError[] {
  const errors = error.issues
    .slice(0, MAX_FIELD_ERRORS)
    .map((issue) => ({ field: fieldPath(issue.path), message: messageOf(issue) }));
  if (error.issues.length > MAX_FIELD_ERRORS) {
    errors.push({
      field: '(more)',
      message: `${error.issues.length - MAX_FIELD_ERRORS} more errors not listed`,
    });
  }
  return errors;
}

/** The 400 answer for a body that failed validation. */
export function validationProblem(error: z.ZodError, endpoint: string): HttpProblem {
  const errors = fieldErrors(error);
  const first = errors[0];
  const summary = first ? `${first.field} ${first.message}` : 'invalid body';
  // Said as a count of problems: after a list such as an enum's values, a bare "and 1 more" reads
  // as one more value.
  const others = error.issues.length - 1;
  const more = others > 0 ? `; ${others} more problem${others === 1 ? '' : 's'}` : '';
  return new HttpProblem(
    400,
    'Invalid body',
    `The ${endpoint} body does not match the API (${summary}${more}); fix the fields listed in "errors" (see /v1/openapi.json).`,
    { errors },
  );
}

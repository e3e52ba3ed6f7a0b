import type { ActivityFilter } from '../../../../shared/contract/activity-methods';
import type { ActivityCategory } from '../../../../shared/domain/activity/categories';

/** The filter bar as typed: strings straight from the inputs, turned into a query by `toQuery`. */
export type ActivityForm = {
  text: string;
  serial: string;
  /** '' for any actor. */
  actor: string;
  categories: ActivityCategory[];
  /** `datetime-local` values (local time, no zone), '' when open-ended. Both ends are included. */
  from: string;
  to: string;
};

export const EMPTY_FORM: ActivityForm = { text: '', serial: '', actor: '', categories: [], from: '', to: '' };

/**
 * The query for a form: blank fields left out, local times as instants (`to` at the end of the picked
 * minute, since the query's is exclusive), bounds cut to the contract's. The list, the archive search
 * and the CSV export all use this one query.
 */
export function toQuery(form: ActivityForm): ActivityFilter {
  const text = form.text.trim().slice(0, 200);
  const serial = form.serial.trim().slice(0, 64);
  const from = localInstant(form.from);
  const to = endOfPicked(form.to);
  return {
    ...(text && { text }),
    ...(serial && { serial }),
    ...(form.actor && { actor: form.actor }),
    ...(form.categories.length > 0 && { categories: form.categories }),
    ...(from !== undefined && { from }),
    ...(to !== undefined && { to }),
  };
}

/** Whether the form narrows anything (to tell "nothing recorded" from "nothing matches"). */
export function isFiltered(form: ActivityForm): boolean {
  return Object.keys(toQuery(form)).length > 0;
}

/** `2026-11-26T09:30` read as local time (what the picker shows), or undefined when blank or invalid. */
function localInstant(value: string): number | undefined {
  if (!value) return undefined;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/** The latest instant the contract accepts (the end of JavaScript's dates). */
const MAX_INSTANT = 8_640_000_000_000_000;

/**
 * "Until 09:30" includes 09:30 as the table shows it (09:30:20 too), but the query's `to` is
 * exclusive: send the end of the picked minute (or second, if the value has seconds).
 */
function endOfPicked(value: string): number | undefined {
  const first = localInstant(value);
  if (first === undefined) return undefined;
  const start = lastOccurrence(first);
  const unit = /T\d{2}:\d{2}$/.test(value) ? 60_000 : /T\d{2}:\d{2}:\d{2}$/.test(value) ? 1000 : 1;
  return Math.min(start + unit, MAX_INSTANT);
}

const LOCAL_PARTS = ['getFullYear', 'getMonth', 'getDate', 'getHours', 'getMinutes', 'getSeconds'] as const;

/**
 * The later of the two instants a local time names on the night clocks go back (02:30 in
 * Brussels on 2026-10-25 is 00:30 and 01:30 UTC; JavaScript reads the earlier), else `first`. An
 * inclusive "Until 02:59" must reach the second 02:00 hour too: the table shows its entries as 02:xx.
 */
function lastOccurrence(first: number): number {
  const shiftMs =
    (new Date(first + 12 * 3_600_000).getTimezoneOffset() - new Date(first).getTimezoneOffset()) * 60_000;
  if (shiftMs <= 0) return first;
  const a = new Date(first);
  const b = new Date(first + shiftMs);
  return LOCAL_PARTS.every((part) => a[part]() === b[part]()) ? first + shiftMs : first;
}

/** The form a link opens the page with: `#/activity?serial=SG1-0001` (from an installation's page). */
export function formFromHash(hash: string): ActivityForm {
  const params = new URLSearchParams(hash.split('?')[1] ?? '');
  return { ...EMPTY_FORM, serial: params.get('serial') ?? '' };
}

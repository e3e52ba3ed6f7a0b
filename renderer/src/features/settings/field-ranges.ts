import { z } from 'zod';
import { SettingsSchema } from '../../../../shared/domain/settings';
import { formatCount } from '../../lib/format';

/** The bounds of a number setting, as the settings schema (the one the core validates with) has them. */
export type Range = { min: number; max: number; int: boolean; path: string };

/** The range of the number setting at `path` (`['listener', 'port']`), read from the schema, not copied. */
export function rangeAt(path: readonly PropertyKey[]): Range | undefined {
  let schema: unknown = SettingsSchema;
  for (const key of path) {
    if (!(schema instanceof z.ZodObject) || typeof key !== 'string') return undefined;
    schema = (schema.shape as Record<string, unknown>)[key];
  }
  if (!(schema instanceof z.ZodNumber) || schema.minValue === null || schema.maxValue === null)
    return undefined;
  return { min: schema.minValue, max: schema.maxValue, int: schema.isInt, path: path.join('.') };
}

/** Like `rangeAt`, for a setting the schema surely bounds. */
export function rangeOf(...path: string[]): Range {
  const range = rangeAt(path);
  if (!range) throw new Error(`no bounded number setting at ${path.join('.')}`);
  return range;
}

/** A port is a name, not a quantity: 65535, not 65,535. */
const show = (n: number, range: Range) => (range.path === 'listener.port' ? String(n) : formatCount(n));

/** "From 10 to 86,400 seconds.", shown next to the field. */
export function rangeText(range: Range, unit = ''): string {
  return `From ${show(range.min, range)} to ${show(range.max, range)}${unit === '' ? '' : ` ${unit}`}.`;
}

/** The message for a value outside the range: refused with it, never changed to the nearest bound. */
export function outOfRangeText(range: Range): string {
  const what = range.int ? 'a whole number' : 'a number';
  return `Enter ${what} from ${show(range.min, range)} to ${show(range.max, range)}.`;
}

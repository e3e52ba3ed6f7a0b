/**
 * Parses a store document's file: JSON holding an object, nothing else. Both Store adapters pass it
 * to conf / electron-store as `deserialize`, since their own reading turns any JSON value into an
 * object (`null` into `{}`, an array into `{ "0": … }`, a string into its characters); the next
 * write then replaced the file with defaults. Throwing instead lets `openDocument` move the file
 * aside and report it, as for a file that is not JSON at all.
 */
export function parseDocument(text: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`the file holds ${kindOf(value)}, not a JSON object`);
  return value as Record<string, unknown>;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/**
 * Canonical JSON: object keys sorted (by UTF-16 code units) at every depth, no whitespace,
 * `undefined` members dropped as JSON.stringify does. The journal hashes this form, so the same
 * entry always hashes the same however its object was built or its keys were ordered.
 */
export function canonicalJson(value: unknown): string {
  const out = stringify(value);
  if (out === undefined) throw new TypeError('canonicalJson: value has no JSON form');
  return out;
}

function stringify(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      // Non-finite numbers have no JSON form; failing loudly beats hashing a silent `null`.
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: non-finite number ${value}`);
      return JSON.stringify(value);
    case 'object':
      return Array.isArray(value) ? arrayOf(value) : objectOf(value as Record<string, unknown>);
    default:
      // undefined, functions and symbols are skipped in objects, as JSON.stringify does.
      return undefined;
  }
}

function arrayOf(items: readonly unknown[]): string {
  return `[${items.map((item) => stringify(item) ?? 'null').join(',')}]`;
}

function objectOf(obj: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const key of Object.keys(obj).sort()) {
    const member = stringify(obj[key]);
    if (member !== undefined) parts.push(`${JSON.stringify(key)}:${member}`);
  }
  return `{${parts.join(',')}}`;
}

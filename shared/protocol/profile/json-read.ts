/** Small, total helpers for reading untrusted JSON (never throw, own properties only). */

export type PathRead =
  | { kind: 'found'; value: unknown }
  | { kind: 'missing' }
  /** A step on the way is not an object: `at` is the dot path of that step. */
  | { kind: 'blocked'; at: string };

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Split paths, cached: the same few profile paths are read from every feedback message (thousands a
 * second in a fan-out). Bounded, as paths come from the profile, which the operator can edit.
 */
const splitPaths = new Map<string, readonly string[]>();
function pathParts(path: string): readonly string[] {
  let parts = splitPaths.get(path);
  if (parts === undefined) {
    if (splitPaths.size >= 256) splitPaths.clear();
    parts = path.split('.');
    splitPaths.set(path, parts);
  }
  return parts;
}

/** Follows a dot path through nested objects; inherited properties such as `__proto__` never match. */
export function readPath(root: unknown, path: string): PathRead {
  const parts = pathParts(path);
  let node: unknown = root;
  for (let i = 0; i < parts.length; i++) {
    if (!isRecord(node)) return { kind: 'blocked', at: parts.slice(0, i).join('.') || '(root)' };
    const part = parts[i] as string;
    if (!Object.hasOwn(node, part)) return { kind: 'missing' };
    node = node[part];
  }
  return { kind: 'found', value: node };
}

/**
 * UTF-8 size of a string, counting no further than `limit + 1` (so a huge string costs little).
 * A lone surrogate counts 3 bytes, as U+FFFD would after decoding.
 */
export function utf8Length(text: string, limit: number): number {
  if (text.length > limit) return limit + 1;
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && isLow(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

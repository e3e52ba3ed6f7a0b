/**
 * Canonical JSON: object keys sorted (by UTF-16 code units) at every depth, no whitespace,
 * `undefined` members dropped as JSON.stringify does. The journal hashes this form, so the same
 * entry always hashes the same however its object was built or its keys were ordered.
 *
 * Every journal commit runs through here (it is the hashed form), so it is written for speed:
 * one string built by appending, no per-object arrays, keys sorted only when they are not in order
 * already, and plain strings quoted without a call into JSON.stringify; long arrays (an import's
 * contracts) go to the native JSON.stringify in canonical key order. The output is byte for
 * byte that of the straightforward version (test/journal/canonical-json.test.ts checks it against
 * one on fixtures and generated values): existing journals' hashes must still verify.
 */
export function canonicalJson(value: unknown): string {
  const out = stringify(value);
  if (out === undefined) throw new TypeError('canonicalJson: value has no JSON form');
  return out;
}

/**
 * From this many items on, an array is written by the native JSON.stringify from a copy in
 * canonical order (a 100,000-contract import entry: ~0.2 s instead of ~0.8 s). A small entry is
 * faster built by hand below: its copy would cost more than the native writer saves.
 */
const NATIVE_FROM_ITEMS = 64;

/** `inCanonicalOrder`'s answer when JSON.stringify would not write the canonical form. */
const NOT_NATIVE = Symbol('not native');

/**
 * `value` with every object's keys in canonical order, so that the native JSON.stringify writes
 * the canonical form. Objects already in order are used as they are; only unsorted ones are
 * copied. NOT_NATIVE where JSON.stringify would write something else: an integer-like key (it
 * writes those first, in numeric order), a `__proto__` key (a copy cannot hold it as its own),
 * `toJSON`, a boxed primitive or any other non-plain object, a bigint.
 */
function inCanonicalOrder(value: unknown): unknown {
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: non-finite number ${value}`);
      return value;
    case 'bigint':
      return NOT_NATIVE;
    case 'object':
      if (value === null) return value;
      break;
    default:
      // Strings, booleans, and what JSON.stringify drops (undefined, functions, symbols) as stringify does.
      return value;
  }
  if (Array.isArray(value)) return arrayInOrder(value);
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return NOT_NATIVE;
  return objectInOrder(value as Record<string, unknown>);
}

function arrayInOrder(items: readonly unknown[]): unknown {
  if (typeof (items as { toJSON?: unknown }).toJSON === 'function') return NOT_NATIVE;
  let copy: unknown[] | undefined;
  for (let i = 0; i < items.length; i += 1) {
    const item = items[i];
    const ordered = inCanonicalOrder(item);
    if (ordered === NOT_NATIVE) return NOT_NATIVE;
    if (copy) copy[i] = ordered;
    else if (ordered !== item) {
      copy = items.slice(0, i);
      copy[i] = ordered;
    }
  }
  return copy ?? items;
}

function objectInOrder(obj: Record<string, unknown>): unknown {
  if (typeof obj['toJSON'] === 'function') return NOT_NATIVE;
  const keys = Object.keys(obj);
  for (const key of keys) if (key === '__proto__' || isIntegerLike(key)) return NOT_NATIVE;
  const sorted = inOrder(keys);
  if (!sorted) sortKeys(keys);
  let copy: Record<string, unknown> | undefined = sorted ? undefined : {};
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i] as string;
    const member = obj[key];
    const ordered = inCanonicalOrder(member);
    if (ordered === NOT_NATIVE) return NOT_NATIVE;
    if (copy) copy[key] = ordered;
    else if (ordered !== member) {
      // In order so far, but a member changed: copy the members before it, then go on copying.
      copy = {};
      for (let j = 0; j < i; j += 1) copy[keys[j] as string] = obj[keys[j] as string];
      copy[key] = ordered;
    }
  }
  return copy ?? obj;
}

/** Keys JSON.stringify (like Object.keys) puts first, in numeric order: "0", "7", "10", not "01". */
function isIntegerLike(key: string): boolean {
  const first = key.charCodeAt(0);
  if (first < 48 || first > 57) return false;
  return key === '0' || /^[1-9][0-9]*$/.test(key);
}

/** Characters JSON.stringify escapes: quote, backslash, controls, and surrogates (lone ones are escaped). */
// eslint-disable-next-line no-control-regex -- finding control characters (to escape) is its purpose
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** Quoted form of the keys seen so far: entries have few distinct keys, and each is quoted once. */
const quotedKeys = new Map<string, string>();
/** Bounds the cache: keys come from callback bodies, which an integration chooses. */
const MAX_CACHED_KEYS = 4096;
const MAX_CACHED_KEY_LENGTH = 64;

function quote(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

function quoteKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = quote(key);
    if (key.length <= MAX_CACHED_KEY_LENGTH && quotedKeys.size < MAX_CACHED_KEYS) quotedKeys.set(key, quoted);
  }
  return quoted;
}

function stringify(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      // Non-finite numbers have no JSON form; failing loudly beats hashing a silent `null`.
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: non-finite number ${value}`);
      // For a finite number this is what JSON.stringify writes (both use Number::toString).
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value) ? arrayOf(value) : objectOf(value as Record<string, unknown>);
    default:
      // undefined, functions and symbols are skipped in objects, as JSON.stringify does.
      return undefined;
  }
}

function arrayOf(items: readonly unknown[]): string {
  if (items.length >= NATIVE_FROM_ITEMS) {
    const ordered = arrayInOrder(items);
    if (ordered !== NOT_NATIVE) return JSON.stringify(ordered);
  }
  let out = '[';
  for (let i = 0; i < items.length; i += 1) {
    if (i > 0) out += ',';
    out += stringify(items[i]) ?? 'null';
  }
  return `${out}]`;
}

function objectOf(obj: Record<string, unknown>): string {
  const keys = Object.keys(obj);
  // Most objects are built in a fixed order; sorting is needed only when that order is not sorted.
  if (!inOrder(keys)) sortKeys(keys);
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = stringify(obj[key]);
    if (member === undefined) continue;
    if (!first) out += ',';
    out += `${quoteKey(key)}:${member}`;
    first = false;
  }
  return `${out}}`;
}

/**
 * Sorts in place as `sort()` does (UTF-16 code units; keys are unique, so stability is moot).
 * Entries have a dozen keys or so: an insertion sort allocates nothing, where `sort()` copies the
 * array, and every journal entry's top level arrives unsorted (seq and prevHash are added last).
 */
function sortKeys(keys: string[]): void {
  if (keys.length > 32) {
    keys.sort();
    return;
  }
  for (let i = 1; i < keys.length; i += 1) {
    const key = keys[i] as string;
    let j = i - 1;
    while (j >= 0 && (keys[j] as string) > key) {
      keys[j + 1] = keys[j] as string;
      j -= 1;
    }
    keys[j + 1] = key;
  }
}

/** True when `keys` is already in the order `sort()` gives (UTF-16 code units, as `<` compares). */
function inOrder(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i += 1) if ((keys[i - 1] as string) > (keys[i] as string)) return false;
  return true;
}

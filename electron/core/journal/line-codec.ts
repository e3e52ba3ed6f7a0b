import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../shared/domain/inventory/canonical-json';
import type { JournalEntry } from '../../../shared/domain/inventory/journal-entry';

/*
 * Line format: `{"hash":"<64 hex>",` followed by the canonical JSON of the entry without `hash`
 * (minus its opening brace), then `\n`. Each line is valid JSON, and the bytes that were hashed
 * are the line itself after a fixed-length prefix, so verifying needs no re-serialisation (this
 * is what keeps a 100,000-entry open fast) and any edit to those bytes breaks the hash.
 */
const PREFIX = '{"hash":"';
const HASH_END = PREFIX.length + 64;
const BODY_START = HASH_END + 2;

/** An entry without its own hash: what gets hashed. */
export type UnhashedEntry = JournalEntry extends infer E
  ? E extends JournalEntry
    ? Omit<E, 'hash'>
    : never
  : never;

/** sha256 over the previous hash and the canonical JSON of the entry (which also names it). */
function chainHash(prevHash: string, canonicalBody: string): string {
  return createHash('sha256').update(prevHash).update(canonicalBody).digest('hex');
}

/** Hashes an entry and renders its journal line (with the trailing newline). Throws on non-JSON values. */
export function encodeEntry(unhashed: UnhashedEntry): { entry: JournalEntry; line: string } {
  const body = canonicalJson(unhashed);
  const hash = chainHash(unhashed.prevHash, body);
  return { entry: { ...unhashed, hash } as JournalEntry, line: `${PREFIX}${hash}",${body.slice(1)}\n` };
}

export type DecodedLine =
  { ok: true; value: Record<string, unknown>; hash: string; hashOk: boolean } | { ok: false; reason: string };

/** Parses one line (without its newline) and checks its hash against its own bytes. */
export function decodeLine(text: string): DecodedLine {
  if (!text.startsWith(PREFIX) || text.slice(HASH_END, BODY_START) !== '",') {
    return { ok: false, reason: 'line does not start with its hash' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      reason: `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'not a JSON object' };
  }
  const record = value as Record<string, unknown>;
  const prevHash = typeof record['prevHash'] === 'string' ? record['prevHash'] : '';
  const hash = text.slice(PREFIX.length, HASH_END);
  return {
    ok: true,
    value: record,
    hash,
    hashOk: chainHash(prevHash, `{${text.slice(BODY_START)}`) === hash,
  };
}

/**
 * The hash of `text` (one line, without its newline) when the line is intact and follows the
 * entry whose hash is `prevHash`, else undefined. Hashes the line's own bytes without parsing
 * them, so a backup can check every line as it streams at the cost of the hash alone.
 */
export function hashIfFollows(text: string, prevHash: string): string | undefined {
  if (!text.startsWith(PREFIX) || text.slice(HASH_END, BODY_START) !== '",') return undefined;
  const hash = text.slice(PREFIX.length, HASH_END);
  return chainHash(prevHash, `{${text.slice(BODY_START)}`) === hash ? hash : undefined;
}

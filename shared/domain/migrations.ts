/**
 * Numbered, pure migrations (Signal-style): `migrations[n]` turns a version-n document into n+1.
 * Pure so each one is tested on fixtures and a failed run leaves the input untouched.
 */
export type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

/** Reads the integer `schemaVersion` of a document; a missing one is version 0 (pre-versioned). */
export function versionOf(doc: Record<string, unknown>): number {
  const v = doc['schemaVersion'];
  if (v === undefined) return 0;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw new MigrationError(`schemaVersion must be a non-negative integer, found ${JSON.stringify(v)}`);
  }
  return v;
}

/**
 * Brings `doc` up to `target`, one step at a time. Throws (never half-migrates) when the document is
 * newer than this build or a step is missing; the caller then keeps the original file.
 */
export function migrate(
  doc: Record<string, unknown>,
  target: number,
  migrations: Readonly<Record<number, Migration>>,
): Record<string, unknown> {
  let version = versionOf(doc);
  if (version > target) {
    throw new MigrationError(
      `data was written by a newer Fleetdesk (schema ${version}, this build reads up to ${target})`,
    );
  }
  // Stored documents are JSON, so a JSON round trip is a faithful deep copy (and needs no host API).
  let current = JSON.parse(JSON.stringify(doc)) as Record<string, unknown>;
  while (version < target) {
    const step = migrations[version];
    if (!step) throw new MigrationError(`no migration from schema ${version} to ${version + 1}`);
    current = { ...step(current), schemaVersion: version + 1 };
    version += 1;
  }
  return current;
}

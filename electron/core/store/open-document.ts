import { existsSync } from 'node:fs';
import type { DocumentStore, OpenStore } from './store-port';
import { quarantine } from './quarantine';

export type OpenedDocument = {
  store: DocumentStore;
  doc: Record<string, unknown>;
  /** Set when the file was unreadable and moved aside: where it went and why. */
  quarantined?: { movedTo: string; reason: string };
};

/**
 * Opens a document and reads it; a file that cannot be parsed is moved aside (never cleared) and a
 * fresh document opened in its place, with the reason reported back for the operator.
 */
export function openDocument(
  open: OpenStore,
  name: string,
  pathOf: (name: string) => string,
  now: number,
): OpenedDocument {
  try {
    const store = open(name);
    return { store, doc: store.read() };
  } catch (error) {
    const filePath = pathOf(name);
    if (!existsSync(filePath)) throw error;
    const movedTo = quarantine(filePath, now);
    const store = open(name);
    return { store, doc: store.read(), quarantined: { movedTo, reason: describe(error) } };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * One JSON document on disk. Adapters: electron-store in the Electron shell, conf in the headless
 * host (the same library underneath, so the same file format). Both write atomically (temp file,
 * fsync, rename) and throw on a file they cannot parse instead of clearing it.
 */
export interface DocumentStore {
  /** Absolute path of the JSON file. */
  readonly path: string;
  /**
   * The whole document; `{}` for a file that does not exist yet. Throws on a corrupt file, and on
   * valid JSON that is not an object (null, an array, a string), which is not a document either.
   */
  read(): Record<string, unknown>;
  /** Replaces the whole document, durably. */
  write(doc: Record<string, unknown>): void;
}

/** Opens (or creates) the document `<dataDir>/<name>.json`. Throws when the existing file is corrupt. */
export type OpenStore = (name: string) => DocumentStore;

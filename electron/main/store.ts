import ElectronStore from 'electron-store';
import { parseDocument } from '../core/store/parse-document';
import type { OpenStore } from '../core/store/store-port';

/**
 * The desktop app's Store adapter: electron-store, the twin of the headless host's `conf` adapter
 * (same library underneath, same options, same files), so either host opens the other's data.
 * `clearInvalidConfig: false` makes a corrupt file throw instead of being silently replaced by `{}`,
 * and `parseDocument` does the same for valid JSON that is not an object (null, an array, a string).
 */
export function electronStoreOpener(dataDir: string): OpenStore {
  return (name) => {
    const store = new ElectronStore<Record<string, unknown>>({
      cwd: dataDir,
      name,
      clearInvalidConfig: false,
      deserialize: parseDocument,
    });
    return {
      path: store.path,
      read: () => store.store,
      write: (doc) => {
        store.store = doc;
      },
    };
  };
}

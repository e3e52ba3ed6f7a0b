import Conf from 'conf';
import { parseDocument } from '../core/store/parse-document';
import type { OpenStore } from '../core/store/store-port';

/**
 * The headless host's Store adapter: `conf`, the library electron-store is built on, so both hosts
 * read and write the same files. `clearInvalidConfig: false` makes a corrupt file throw instead of
 * being silently replaced by `{}`, and `parseDocument` does the same for valid JSON that is not an
 * object (null, an array, a string).
 */
export function confStoreOpener(dataDir: string): OpenStore {
  return (name) => {
    const conf = new Conf<Record<string, unknown>>({
      cwd: dataDir,
      configName: name,
      clearInvalidConfig: false,
      deserialize: parseDocument,
      projectName: 'fleetdesk',
    });
    return {
      path: conf.path,
      read: () => conf.store,
      write: (doc) => {
        conf.store = doc;
      },
    };
  };
}

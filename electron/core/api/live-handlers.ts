import type { Handlers } from './dispatch';
import { ApiFailure } from './dispatch';
import type { Services } from '../services';

/** The live-value methods of the contract (`shared/contract/live-methods.ts`). */
export function liveHandlers(s: () => Services): Pick<Handlers, 'installation.history'> {
  return {
    'installation.history': ({ serial, sinceMs, maxPoints }) => {
      if (s().inventory.getInstallation(serial) === undefined)
        throw new ApiFailure('not-found', `No installation ${serial}`);
      return s().live.historyOf(serial, sinceMs, maxPoints);
    },
  };
}

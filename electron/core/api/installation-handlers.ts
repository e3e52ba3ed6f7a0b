import { installationView } from '../fleet/installation-view';
import type { Services } from '../services';
import { ApiFailure, type Handlers } from './dispatch';

/**
 * The installation page's fallback timeout: the operator's value (the request schema already
 * checked its range) is journaled under their name, and the inventory applies it. Control reads
 * it from there at every dry-run, send and refresh, and a held lease re-plans as soon as the
 * entry commits (services.ts fanOut → ControlService.onInventoryChanged).
 */
export function installationHandlers(s: () => Services): Pick<Handlers, 'installation.setFallback'> {
  return {
    'installation.setFallback': async ({ serial, seconds }) => {
      const { inventory, fleet, live, support } = s();
      if (inventory.getInstallation(serial) === undefined)
        throw new ApiFailure('not-found', `There is no installation ${serial}.`);
      const at = support.clock.now();
      await inventory.commit([
        { type: 'installation.fallbackSet', serial, seconds, at, actor: s().operator() },
      ]);
      return installationView(inventory, fleet, serial, (x) => live.get(x)?.at);
    },
  };
}

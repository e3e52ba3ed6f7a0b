import type { Core } from '../core/create-core';

/**
 * The first lines `npm run serve` and `npm run demo` print: a public interface that scripts and
 * tests read to find the host. `Listener:` keeps its prefix when the listener did not start, so a
 * script still finds the line, and then says why and what to change instead of an empty address.
 */
export function startupLines(uiUrl: string, core: Pick<Core, 'info' | 'listenerNotStarted'>): string {
  return `UI: ${uiUrl}\nListener: ${listenerAddress(core)}\n`;
}

function listenerAddress(core: Pick<Core, 'info' | 'listenerNotStarted'>): string {
  const url = core.info().listenerUrl;
  if (url !== '') return url;
  const why = core.listenerNotStarted();
  return why === undefined
    ? 'not started (a notice in the UI says why)'
    : `not started: ${why.cause}; ${why.remedy}`;
}

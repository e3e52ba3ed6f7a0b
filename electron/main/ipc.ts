import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { eventNames, fail, methodNames } from '../../shared/contract';
import type { Core } from '../core/create-core';
import type { Logger } from '../core/logger';
import { isAppUrl } from './url-policy';

export type IpcOptions = {
  core: Pick<Core, 'call' | 'events'>;
  /** The `file:` URL of the app's page; only that page, in the app's window, may call. */
  appUrl: string;
  /** The app window's contents, when there is a window. */
  target: () => WebContents | undefined;
  log: Logger;
};

/**
 * The contract over IPC. One `handle()` channel per contract method (named after the method), and
 * one `send()` channel per contract event (named after the event). Requests are validated by
 * `core.call`, which answers a Result envelope and never throws; the sender is checked here, first.
 * Returns a disposer that removes the handlers and the event subscriptions.
 */
export function registerIpc(options: IpcOptions): () => void {
  const { core, appUrl, target, log } = options;
  for (const method of methodNames) {
    ipcMain.handle(method, (event: IpcMainInvokeEvent, request: unknown) => {
      const refusal = senderRefusal(event, appUrl, target());
      if (refusal !== undefined) {
        log.warn({ method, reason: refusal }, 'refused an IPC call');
        return fail('forbidden', `${method} may only be called by Fleetdesk's own page`);
      }
      return core.call(method, request);
    });
  }
  const unsubscribes = eventNames.map((name) =>
    core.events.on(name, (payload) => {
      const contents = target();
      // Only to the app's page: if the window ever showed something else, it gets no data.
      if (contents && !contents.isDestroyed() && isAppUrl(contents.getURL(), appUrl))
        contents.send(name, payload);
    }),
  );
  return () => {
    for (const method of methodNames) ipcMain.removeHandler(method);
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}

/**
 * Why a call must be refused, or undefined when it comes from the app's own top-level page in the
 * app's window. The frame can be null when it navigated or died while the call was in flight.
 */
function senderRefusal(
  event: IpcMainInvokeEvent,
  appUrl: string,
  window: WebContents | undefined,
): string | undefined {
  const frame = event.senderFrame;
  if (!frame) return 'no sender frame';
  if (event.sender !== window) return 'not the app window';
  if (frame.parent !== null) return 'a subframe';
  if (!isAppUrl(frame.url, appUrl)) return `foreign page ${frame.url}`;
  return undefined;
}

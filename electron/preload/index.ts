import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildClient, type Transport } from '../../shared/contract/client';
import { isEventName } from '../../shared/contract/events';
import { fail, type Result } from '../../shared/contract/result';

/**
 * The IPC transport: one invoke channel per contract method, one channel per contract event (the
 * channel is the method or event name; main registers the same names). `buildClient` turns it into
 * verbs, so the page never holds `ipcRenderer` or a way to name an arbitrary channel.
 */
const transport: Transport = {
  invoke: (method, request) =>
    // A rejected invoke (no handler yet, handler crashed) still answers an envelope: errors are data.
    (ipcRenderer.invoke(method, request) as Promise<Result<unknown>>).catch(() =>
      fail('unavailable', `${method} could not reach the Fleetdesk core`),
    ),
  subscribe: (event, listener) => {
    // The names come from the page at run time; only contract events may be listened to.
    if (!isEventName(event)) throw new Error(`Unknown event ${JSON.stringify(event)}`);
    // The IpcRendererEvent stays here: it carries `sender`, which must not reach the page.
    const relay = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, relay);
    return () => {
      ipcRenderer.removeListener(event, relay);
    };
  },
};

contextBridge.exposeInMainWorld('fleetdesk', buildClient(transport));

import type { ApiClient, AppInfo } from '../../../../shared/contract';
import type { Settings } from '../../../../shared/domain/settings';

export type Loaded = { ok: true; info: AppInfo; settings: Settings } | { ok: false; message: string };

/** Fetches what every page needs before the shell renders: app info and settings. */
export async function loadAppData(api: ApiClient): Promise<Loaded> {
  try {
    const [info, settings] = await Promise.all([api.app.info(), api.settings.get()]);
    if (!info.ok) return { ok: false, message: `Could not load app information: ${info.error.message}` };
    if (!settings.ok) return { ok: false, message: `Could not load settings: ${settings.error.message}` };
    return { ok: true, info: info.value, settings: settings.value };
  } catch (error) {
    // The preload bridge can throw (a crashed main process); the WebSocket transport never does.
    return {
      ok: false,
      message: `Could not reach Fleetdesk: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

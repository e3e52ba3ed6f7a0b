import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { AppInfo } from '../../shared/contract';
import { dispatch, type Handlers } from './api/dispatch';
import { CoreEvents } from './events';
import { NoticeBoard } from './notices/notice-board';
import { SettingsService } from './settings/settings-service';
import { ListenerServer } from './listener/listener-server';
import type { OpenStore } from './store/store-port';
import type { Clock } from './clock';
import type { Logger } from './logger';

export type CoreDeps = {
  dataDir: string;
  clock: Clock;
  openStore: OpenStore;
  log: Logger;
  host: AppInfo['host'];
  version: string;
  /** Command-line or environment overrides of the listener's bind address (not saved). */
  listener?: { host?: string; port?: number };
  demo?: boolean;
};

export type Core = {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Validates and runs one contract call; what every transport calls. */
  call(method: unknown, request: unknown): ReturnType<typeof dispatch>;
  events: CoreEvents;
  info(): AppInfo;
};

/**
 * Builds the Electron-free core from injected paths, clock, store and logger. `start()` opens the
 * data files and the listener; `stop()` closes them and leaves no timer or socket behind.
 */
export function createCore(deps: CoreDeps): Core {
  const events = new CoreEvents();
  const notices = new NoticeBoard(events, deps.clock);
  const listener = new ListenerServer();
  const pathOf = (name: string) => join(deps.dataDir, `${name}.json`);
  let settings: SettingsService | undefined;
  let listenerUrl = '';

  const need = () => {
    if (!settings) throw new Error('core not started');
    return settings;
  };
  const info = (): AppInfo => ({ version: deps.version, host: deps.host, dataDir: deps.dataDir, listenerUrl, demo: deps.demo ?? false });

  const handlers: Handlers = {
    'app.info': info,
    'settings.get': () => need().get(),
    'settings.update': (patch) => need().update(patch),
    'notices.list': () => notices.list(),
    'notices.dismiss': ({ id }) => notices.dismiss(id),
  };

  return {
    events,
    info,
    call: (method, request) => dispatch(handlers, method, request, deps.log),
    async start() {
      mkdirSync(deps.dataDir, { recursive: true });
      settings = SettingsService.load(deps.openStore, pathOf, { events, notices, clock: deps.clock });
      const saved = settings.get().listener;
      const address = await listener.start(deps.listener?.host ?? saved.host, deps.listener?.port ?? saved.port);
      listenerUrl = address.url;
      deps.log.info({ listener: listenerUrl, dataDir: deps.dataDir }, 'core started');
    },
    async stop() {
      await listener.stop();
      deps.log.info('core stopped');
    },
  };
}

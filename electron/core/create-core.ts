import { mkdirSync } from 'node:fs';
import type { EventLoopUtilization } from 'node:perf_hooks';
import type { AppInfo, DemoLaunch } from '../../shared/contract';
import type { CallbackRecord } from '../../shared/protocol/listener';
import { dispatch } from './api/dispatch';
import { createHandlers } from './api/handlers';
import { CoreEvents } from './events';
import { NoticeBoard } from './notices/notice-board';
import { ListenerServer } from './listener/listener-server';
import { ListenerThread, startListenerWorker, type BootedListener } from './listener/listener-thread';
import type { RefusedCallback } from './listener/callback-route';
import { limitsChanged, listenerLimitsFromSettings } from './listener/listener-limits';
import { openServices, type Services } from './services';
import { listenerTls } from './listener-tls';
import {
  LISTENER_NOT_STARTED_TITLE,
  listenerNotStarted,
  type ListenerNotStarted,
} from './listener-not-started';
import { lockDataDir } from './store/data-dir-lock';
import type { OpenStore } from './store/store-port';
import type { Clock } from './clock';
import type { BrokerProfileInput } from '../../shared/domain/broker/broker-profile';
import type { Logger } from './logger';
import type { ControlOptions } from './control';
import type { SecretStore } from './secrets/secret-store';

export type CoreDeps = {
  dataDir: string;
  clock: Clock;
  openStore: OpenStore;
  log: Logger;
  host: AppInfo['host'];
  version: string;
  /** Command-line or environment overrides of the listener's bind address (not saved). */
  listener?: { host?: string; port?: number };
  /** A listener token supplied from outside (automation); stored as a digest like any other. */
  listenerToken?: string;
  demo?: boolean;
  /** A broker to connect to at start (`--broker`), and where its password comes from. */
  broker?: BrokerProfileInput;
  /** Where broker passwords are kept (safeStorage in Electron, env/file + this run headless); default: memory. */
  secrets?: SecretStore;
  /** Starts the demo fleet beside this instance; hosts that cannot offer it leave it out. */
  launchDemo?: () => Promise<DemoLaunch>;
  /** Live control's timing and limits (e.g. the fleet-wide publish rate); defaults in control-options.ts. */
  control?: Partial<ControlOptions>;
  /**
   * Where the callback listener runs: in a worker thread of its own (default), so callbacks cannot
   * starve live control; or, with `false`, on the main thread (tests that drive a fake clock,
   * which a thread cannot share).
   */
  listenerThread?: boolean;
};

export type Core = {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Validates and runs one contract call; what every transport calls. */
  call(method: unknown, request: unknown): ReturnType<typeof dispatch>;
  events: CoreEvents;
  info(): AppInfo;
  /** The started services, for hosts and tests; throws before `start()`. */
  services(): Services;
  /**
   * How busy the listener's thread has been (since `previous`), for diagnostics and benchmarks;
   * undefined while it is not running or when it runs on the main thread.
   */
  listenerUtilization(previous?: EventLoopUtilization): EventLoopUtilization | undefined;
  /** Why the callback listener did not start, for a host's own output; undefined once it runs. */
  listenerNotStarted(): ListenerNotStarted | undefined;
};

/**
 * Builds the Electron-free core from injected paths, clock, store and logger. `start()` opens the
 * data files and the listener; `stop()` drains the listener, flushes the inventory and leaves no
 * timer or socket behind.
 */
export function createCore(deps: CoreDeps): Core {
  const events = new CoreEvents();
  const notices = new NoticeBoard(events, deps.clock);
  let services: Services | undefined;
  let listener: Pick<ListenerServer, 'start' | 'applyLimits' | 'stop'> | undefined;
  let listenerThread: ListenerThread | undefined;
  let listenerWorker: BootedListener | undefined;
  let listenerUrl = '';
  let notStarted: ListenerNotStarted | undefined;
  let stopWatchingLimits: () => void = () => undefined;
  let unlock: (() => void) | undefined;

  const need = (): Services => {
    if (!services) throw new Error('core not started');
    return services;
  };
  const info = (): AppInfo => ({
    version: deps.version,
    host: deps.host,
    dataDir: deps.dataDir,
    listenerUrl,
    ...(deps.listener && { listenerOverride: { ...deps.listener } }),
    demo: deps.demo ?? false,
  });
  const handlers = createHandlers(need, notices, info, deps.launchDemo);

  /** The listener gets the sink and the token lookup, nothing else of the core. */
  async function startListener(s: Services): Promise<string> {
    const saved = s.settings.get().listener;
    const tls = listenerTls(saved);
    const options = {
      ...(saved.publicUrl && { publicUrl: saved.publicUrl }),
      ...(tls && { tls }),
      ...listenerLimitsFromSettings(saved),
    };
    const common = {
      sink: (record: CallbackRecord) => s.onboarding.receive(record),
      // Refused but authenticated calls are kept as evidence of a broken integration; never applied.
      onRefused: (r: RefusedCallback) =>
        void s.inventory
          .commit([
            {
              type: 'callback.refused',
              at: r.receivedAt,
              actor: `token:${r.tokenId}`,
              ...(r.serial && { serial: r.serial }),
              endpoint: r.endpoint,
              reason: r.reason,
              tokenId: r.tokenId,
              rawBody: r.rawBody,
              headers: r.headers,
              errors: r.errors,
            },
          ])
          .catch((error: unknown) =>
            deps.log.error({ err: error }, 'a refused callback could not be journaled'),
          ),
      log: deps.log,
    };
    const limitsRefused = (reason: string) =>
      notices.add({
        level: 'error',
        title: 'The callback listener kept its earlier limits',
        detail: `It could not apply the saved rate limits and trusted proxies (${reason}). It serves on under the limits it had; correct them in Settings.`,
      });
    listenerThread =
      deps.listenerThread === false
        ? undefined
        : new ListenerThread(
            {
              ...common,
              tokens: s.tokens,
              onFailure: (reason) =>
                notices.add({
                  level: 'error',
                  title: 'The callback listener stopped',
                  detail: `Its thread ended (${reason}). Controllers cannot call in until Fleetdesk is restarted.`,
                }),
              onLimitsRefused: limitsRefused,
            },
            options,
            listenerWorker,
          );
    listenerWorker = undefined;
    listener =
      listenerThread ?? new ListenerServer({ ...common, tokens: s.tokens, clock: deps.clock }, options);
    // Rate limits and trusted proxies apply at once; host, port and TLS wait for the next start.
    let applied = saved;
    stopWatchingLimits = events.on('settings.changed', () => {
      // Read from the service, the source of truth, rather than trusting the event payload.
      const next = s.settings.get().listener;
      if (limitsChanged(applied, next)) {
        try {
          listener?.applyLimits(listenerLimitsFromSettings(next));
        } catch (error) {
          // On the main thread (no listener thread) the refusal throws here, not in a message.
          limitsRefused(error instanceof Error ? error.message : String(error));
        }
      }
      applied = next;
    });
    return (await listener.start(deps.listener?.host ?? saved.host, deps.listener?.port ?? saved.port)).url;
  }

  function bootEarly(): BootedListener | undefined {
    try {
      return startListenerWorker();
    } catch {
      return undefined;
    }
  }

  return {
    events,
    info,
    services: need,
    listenerUtilization: (previous) => listenerThread?.utilization(previous),
    listenerNotStarted: () => notStarted,
    call: (method, request) => dispatch(handlers, method, request, deps.log),
    async start() {
      mkdirSync(deps.dataDir, { recursive: true });
      unlock = lockDataDir(deps.dataDir);
      // The listener's thread loads its code while the data opens. Should it not even start (its
      // bundle missing), the listener's own start below says so in a notice; the desk opens anyway.
      if (deps.listenerThread !== false) listenerWorker = bootEarly();
      const s = await openServices(deps, events, notices).catch(async (error: unknown) => {
        await listenerWorker?.worker.terminate();
        listenerWorker = undefined;
        throw error;
      });
      services = s;
      try {
        listenerUrl = await startListener(s);
      } catch (error) {
        await listenerWorker?.worker.terminate();
        listenerWorker = undefined;
        // The desk stays usable (inventory, settings) while the operator fixes the listener.
        notStarted = listenerNotStarted(error, info(), s.settings.get().listener);
        notices.add({ level: 'error', title: LISTENER_NOT_STARTED_TITLE, detail: notStarted.detail });
        deps.log.error({ err: error }, 'listener did not start');
      }
      deps.log.info({ listener: listenerUrl, dataDir: deps.dataDir }, 'core started');
    },
    async stop() {
      stopWatchingLimits();
      await listener?.stop();
      await services?.close();
      unlock?.();
      unlock = undefined;
      deps.log.info('core stopped');
    },
  };
}

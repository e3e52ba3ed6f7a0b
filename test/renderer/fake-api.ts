import {
  buildClient,
  fail,
  ok,
  type ApiClient,
  type AppInfo,
  type EventName,
  type MethodName,
  type PayloadOf,
  type Result,
  type Transport,
} from '../../shared/contract';
import type { ApiError } from '../../shared/contract/result';
import type { Notice } from '../../shared/domain/notice';
import {
  applySettingsPatch,
  DEFAULT_SETTINGS,
  SettingsPatchSchema,
  type Settings,
} from '../../shared/domain/settings';
import {
  handleInventory,
  inventoryState,
  isInventoryMethod,
  type InventoryOptions,
  type InventoryState,
} from './fake-inventory';
import {
  controlState,
  handleControl,
  isControlMethod,
  type ControlOptions,
  type ControlState,
} from './fake-control';
import { activityState, handleActivity, isActivityMethod, type ActivityState } from './fake-activity';
import { handleLive, isLiveMethod, liveState, type LiveOptions, type LiveState } from './fake-live';
import { brokerState, handleBrokers, isBrokerProfileMethod, type FakeBrokers } from './fake-broker-profiles';

export interface FakeApiOptions extends InventoryOptions {
  control?: ControlOptions;
  live?: LiveOptions;
  brokers?: Partial<FakeBrokers>;
  settings?: Partial<Settings>;
  notices?: Notice[];
  info?: Partial<AppInfo>;
  /** `demo.start` answers as the desktop app does: the demo opened in a window of its own. */
  demoOpensWindow?: boolean;
}

export interface FakeApi {
  api: ApiClient;
  /** Every call made, in order. */
  calls: Array<{ method: MethodName; request: unknown }>;
  state: {
    settings: Settings;
    notices: Notice[];
    info: AppInfo;
    inventory: InventoryState;
    control: ControlState;
    live: LiveState;
    activity: ActivityState;
    brokers: FakeBrokers;
  };
  /** Pushes an event to every subscriber, like the core does. */
  emit<E extends EventName>(event: E, payload: PayloadOf<E>): void;
  /** Makes the next call of `method` answer with this error. */
  failNext(method: MethodName, error: ApiError): void;
  /** Holds every call until the returned function is called. */
  hold(): () => void;
  listenerCount(event: EventName): number;
}

/** An in-memory implementation of the contract, built with the real `buildClient`. */
export function createFakeApi(options: FakeApiOptions = {}): FakeApi {
  const state = {
    settings: { ...DEFAULT_SETTINGS, ...options.settings },
    notices: [...(options.notices ?? [])],
    info: {
      version: '0.1.0-test',
      host: 'headless',
      dataDir: '/tmp/fleetdesk-test',
      listenerUrl: 'http://127.0.0.1:8787',
      demo: false,
      ...options.info,
    } as AppInfo,
    inventory: inventoryState(options),
    control: controlState(options.control ?? {}),
    live: liveState(options.live ?? {}),
    activity: activityState(),
    brokers: brokerState(options.brokers),
  };
  const calls: FakeApi['calls'] = [];
  const failures = new Map<MethodName, ApiError>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let gate: Promise<void> = Promise.resolve();

  const emit = (event: EventName, payload: unknown) => {
    for (const listener of [...(listeners.get(event) ?? [])]) listener(payload);
  };

  function handle(method: MethodName, request: unknown): Result<unknown> {
    switch (method) {
      case 'app.info':
        return ok(state.info);
      case 'settings.get':
        return ok(state.settings);
      case 'settings.update': {
        const patch = SettingsPatchSchema.safeParse(request);
        if (!patch.success) return fail('invalid-request', patch.error.message);
        state.settings = applySettingsPatch(state.settings, patch.data);
        emit('settings.changed', state.settings);
        return ok(state.settings);
      }
      case 'demo.start':
        return ok({
          url: 'http://127.0.0.1:9999/?token=demo',
          openedInWindow: options.demoOpensWindow ?? false,
        });
      case 'notices.list':
        return ok(state.notices);
      case 'notices.dismiss': {
        const { id } = request as { id: string };
        state.notices = state.notices.filter((n) => n.id !== id);
        emit('notices.changed', state.notices);
        return ok(state.notices);
      }
      default:
        // Methods added to the contract since this fake was written answer like an older core would.
        if (isControlMethod(method)) return handleControl(state.control, method, request, emit);
        if (isBrokerProfileMethod(method)) return handleBrokers(state.brokers, method, request);
        if (isActivityMethod(method)) return handleActivity(state.activity, method, request);
        if (isLiveMethod(method))
          return handleLive(state.live, (s) => state.inventory.installations.has(s), method, request);
        return isInventoryMethod(method)
          ? handleInventory(state.inventory, method, request, emit)
          : fail('unknown-method', `the fake API does not implement ${method}`);
    }
  }

  const transport: Transport = {
    async invoke(method, request) {
      calls.push({ method, request });
      await gate;
      const failure = failures.get(method);
      if (failure) {
        failures.delete(method);
        return { ok: false, error: failure };
      }
      return handle(method, request);
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => void set.delete(listener);
    },
  };

  return {
    api: buildClient(transport),
    calls,
    state,
    emit,
    failNext: (method, error) => void failures.set(method, error),
    hold() {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      return () => {
        gate = Promise.resolve();
        release();
      };
    },
    listenerCount: (event) => listeners.get(event)?.size ?? 0,
  };
}

/** A notice as the core would report a quarantined file. */
export function corruptFileNotice(overrides: Partial<Notice> = {}): Notice {
  return {
    id: 'n-1',
    level: 'warning',
    title: 'Settings file could not be read',
    detail:
      'It was moved aside to /data/settings.json.corrupt-1. Fleetdesk started with default settings; nothing was deleted.',
    at: Date.UTC(2025, 0, 2, 3, 4, 5),
    ...overrides,
  };
}

import { pino, type Logger } from 'pino';
import { systemClock, type Clock } from './clock';
import { ControllerRuntime } from './controller-runtime';
import { createDisconnectSchedule } from './disconnect-schedule';
import { DueSchedule } from './due-schedule';
import { defaultEnvironment, type Environment } from './environment';
import { createFaults } from './faults';
import { createCounters, type FleetCounters } from './fleet-stats';
import { generateFleet } from './fleet-generator';
import { DEFAULT_RETRY } from './http-client';
import { createLimiter } from './limiter';
import { createListenerClient, type ListenerClient } from './listener-client';
import type { LinkHandlers, Links, MqttSettings } from './mqtt-client';
import { parseFleetSettings, type FleetSettings, type FleetSettingsInput } from './options';
import { openPerControllerLinks } from './per-controller-links';
import { deriveSeed, mulberry32 } from './prng';
import { createRunLog } from './run-log';
import type { RecordSink } from './run-record';
import { openSharedLink } from './shared-link';
import type { ControllerSpec, CustomerContract } from './spec';

/** Options of startFleet: the settings plus what only code can pass. */
export type FleetOptions = FleetSettingsInput & {
  clock?: Clock;
  logger?: Logger;
  /** Receives every run-log record from the very first one. */
  onRecord?: RecordSink;
  /** Replaces the daily PV and load curves (tests use constant ones). */
  environment?: (spec: ControllerSpec) => Environment;
};

/** A running simulated fleet. */
export interface Fleet {
  readonly settings: FleetSettings;
  readonly controllers: readonly ControllerRuntime[];
  /** The supplier's true contract list for this fleet (import it as the contracts of the demo). */
  readonly contracts: readonly CustomerContract[];
  readonly counters: Readonly<FleetCounters>;
  /** Settles when every controller's onboarding call has finished (never rejects). */
  readonly onboarded: Promise<void>;
  controller(serial: string): ControllerRuntime | undefined;
  connectedCount(): number;
  onRecord(fn: RecordSink): () => void;
  /** Stops everything without offboarding: controllers just go quiet. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts a simulated fleet: generates it from the seed, connects MQTT (one connection per controller,
 * or one shared), starts the single shared tick and sends the onboarding calls. Resolves once every
 * controller is subscribed; rejects (having cleaned up) if the broker cannot be reached.
 */
export async function startFleet(options: FleetOptions): Promise<Fleet> {
  const {
    clock = systemClock,
    logger = pino({ level: 'silent' }),
    onRecord,
    environment,
    ...input
  } = options;
  const settings = parseFleetSettings(input);
  const { controllers: specs, contracts } = generateFleet({
    count: settings.controllers,
    seed: settings.seed,
    serialStart: settings.serialStart,
    clockSkewS: settings.clockSkewS,
    ...(settings.fallbackTimeoutS !== undefined ? { fallbackTimeoutS: settings.fallbackTimeoutS } : {}),
  });
  const log = createRunLog(settings.logFile);
  const { counters, sink } = createCounters();
  log.subscribe(sink);
  if (onRecord !== undefined) log.subscribe(onRecord);
  // Secrets stay out of the log file.
  const loggable: Record<string, unknown> = { ...settings };
  delete loggable['token'];
  delete loggable['mqttPassword'];
  log.record({
    type: 'run-started',
    atMs: clock.now(),
    seed: settings.seed,
    controllers: specs.length,
    settings: loggable,
  });

  const abort = new AbortController();
  const listener = createListener(settings, clock, abort.signal);
  const faults = createFaults(
    {
      dropRate: settings.dropRate,
      latencyMs: settings.latencyMs,
      rejectRate: settings.rejectRate,
      healthErrorRate: settings.healthErrorRate,
      offboardRatePerHour: settings.offboardRate,
    },
    mulberry32(deriveSeed(settings.seed, 2)),
  );
  const healthRng = mulberry32(deriveSeed(settings.seed, 4));
  let links: Links | undefined;
  // While the links open, a message a persistent session queued may already be answered (a schedule
  // ack goes out at once); answers made before every link is up wait here instead of being dropped.
  let heldBack: [serial: string, topic: string, payload: string][] | undefined;
  const due = new DueSchedule<ControllerRuntime>();
  const runtimes = specs.map(
    (spec) =>
      new ControllerRuntime(spec, {
        clock,
        faults,
        rng: healthRng,
        record: log.record,
        publish: (serial, topic, payload) =>
          heldBack !== undefined
            ? heldBack.push([serial, topic, payload])
            : links?.publish(serial, topic, payload),
        feedbackPeriodMs: settings.feedbackPeriodS * 1000,
        healthPeriodMs: settings.healthPeriodS * 1000,
        listener,
        onOffboarded: (serial) => void links?.detach(serial),
        dueChanged: (runtime) => due.add(runtime, runtime.nextDueMs()),
        env:
          environment?.(spec) ??
          defaultEnvironment({
            peakW: spec.solar.peakW,
            cloudFactor: spec.cloudFactor,
            baseLoadW: spec.baseLoadW,
          }),
      }),
  );
  const bySerial = new Map(runtimes.map((r) => [r.spec.serial, r]));

  if (settings.brokerUrl !== undefined) {
    heldBack = [];
    try {
      links = await openLinks(settings, settings.brokerUrl, specs, {
        onMessage: (serial, kind, payload) => bySerial.get(serial)?.receive(kind, payload),
        onConnection: (key, state) =>
          log.record({ type: 'connection', serial: key, atMs: clock.now(), state }),
      });
    } catch (error) {
      abort.abort();
      // Queued messages may have reached controllers already: clear their latency timers too.
      for (const r of runtimes) r.stop();
      await log.close();
      throw error;
    }
    const early = heldBack;
    heldBack = undefined;
    for (const [serial, topic, payload] of early) links.publish(serial, topic, payload);
    logger.info(
      { connections: links.connectionKeys.length, broker: settings.brokerUrl },
      'simulated controllers subscribed',
    );
  }

  const disconnects = createDisconnectSchedule(links, settings.disconnectEveryS, clock.now(), (key, atMs) =>
    log.record({ type: 'connection', serial: key, atMs, state: 'forced-disconnect' }),
  );
  for (const runtime of runtimes) due.add(runtime, runtime.nextDueMs());
  const tick = (): void => {
    const now = clock.now();
    for (const runtime of due.takeDue(now)) {
      try {
        runtime.tick(now);
      } catch (error) {
        // One broken controller must not silence the fleet: log and carry on with the others.
        logger.error({ err: error, serial: runtime.spec.serial }, 'controller tick failed');
      }
      due.add(runtime, runtime.nextDueMs());
    }
    disconnects.tick(now);
  };
  const interval = clock.setInterval(tick, settings.tickMs);
  const onboarded = Promise.all(runtimes.map((r) => r.onboard())).then(() => undefined);

  let stopping: Promise<void> | undefined;
  return {
    settings,
    controllers: runtimes,
    contracts,
    counters,
    onboarded,
    controller: (serial) => bySerial.get(serial),
    connectedCount: () => links?.connectedCount() ?? 0,
    onRecord: (fn) => log.subscribe(fn),
    stop() {
      stopping ??= (async () => {
        clock.clearInterval(interval);
        abort.abort();
        for (const r of runtimes) r.stop();
        await links?.stop();
        await listener?.settled();
        await log.close();
      })();
      return stopping;
    },
  };
}

function createListener(
  settings: FleetSettings,
  clock: Clock,
  signal: AbortSignal,
): ListenerClient | undefined {
  if (settings.listenerUrl === undefined) return undefined;
  return createListenerClient({
    baseUrl: settings.listenerUrl,
    ...(settings.token !== undefined ? { token: settings.token } : {}),
    clock,
    rng: mulberry32(deriveSeed(settings.seed, 3)),
    limit: createLimiter(settings.httpConcurrency),
    policy: {
      ...DEFAULT_RETRY,
      maxAttempts: settings.httpMaxAttempts,
      baseDelayMs: settings.httpBaseDelayMs,
    },
    signal,
  });
}

function openLinks(
  settings: FleetSettings,
  url: string,
  specs: ControllerSpec[],
  handlers: LinkHandlers,
): Promise<Links> {
  const mqtt: MqttSettings = {
    url,
    clean: settings.cleanSession,
    keepaliveS: 30,
    reconnectPeriodMs: 1000,
    connectTimeoutMs: settings.connectTimeoutS * 1000,
    ...(settings.mqttUsername !== undefined ? { username: settings.mqttUsername } : {}),
    ...(settings.mqttPassword !== undefined ? { password: settings.mqttPassword } : {}),
  };
  const serials = specs.map((s) => s.serial);
  return settings.sharedConnection
    ? openSharedLink(serials, mqtt, handlers)
    : openPerControllerLinks(serials, mqtt, handlers, settings.connectConcurrency);
}

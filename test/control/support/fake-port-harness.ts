import type {
  BrokerPort,
  InboundMessage,
  LinkState,
  PublishOutcome,
} from '../../../electron/core/broker/broker-port';
import type { Clock } from '../../../electron/core/clock';
import { ControlService, type ControlOptions } from '../../../electron/core/control';
import { createLogger } from '../../../electron/core/logger';
import type { JournalDraft } from '../../../shared/domain/inventory/journal-entry';
import type { Installation } from '../../../shared/domain/inventory/installation';
import { DEFAULT_PROFILE } from '../../../shared/protocol/profile';

/*
 * Control over a fake broker port, for the races a real broker cannot stage on cue: an audit write
 * held open or failed at a chosen moment, a PUBACK that arrives after stop(), a fallback timeout
 * that changes between two refreshes, all on a manual clock. Everything that a real broker can
 * answer is tested through mosquitto (harness.ts).
 */

/**
 * A clock whose time moves only when told; timers fire in time order. Counts live timers. Its
 * monotonic reading is the time it was advanced to: a test that replaces `now` to set the wall
 * clock back or forward leaves elapsed time (and the timers) running on as before.
 */
export function manualClock(start = 1_700_000_000_000): Clock & {
  advance(ms: number): void;
  pending(): number;
} {
  let now = start;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    monotonic: () => now,
    setTimeout(fn, ms) {
      seq += 1;
      timers.set(seq, { at: now + Math.max(0, ms), fn });
      return seq;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (due === undefined) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = end;
    },
    pending: () => timers.size,
  };
}

export const flush = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

/** Advances the manual clock in small steps, letting promises run between. */
export async function run(clock: ReturnType<typeof manualClock>, ms: number, step = 50) {
  for (let t = 0; t < ms; t += step) {
    await flush();
    clock.advance(step);
  }
  await flush();
}

export function installation(serial: string, over: Partial<Installation> = {}): Installation {
  return {
    serial,
    siteNodeId: `${serial}_site_0`,
    address: null,
    devices: [
      { type: 'storage', nominalPowerW: 5000, capacityWh: 10000 },
      { type: 'solar', nominalPowerW: 6000 },
    ],
    fallbackTimeoutSeconds: 60,
    requestedContractNumber: null,
    onboarding: { state: 'linked', since: 0, contractNumber: 'C-1' },
    health: { status: 'ok', errors: [], devices: [], at: null, extra: {} },
    lastSeen: {},
    firstSeenAt: 0,
    notes: [],
    extra: {},
    ...over,
  };
}

export type Publish = {
  topic: string;
  payload: string;
  at: number;
  expirySeconds: number | undefined;
  settle: (o: PublishOutcome) => void;
};

/**
 * ControlService over a fake broker port (publishes are acked at once unless `manualAck`), a manual
 * clock, an in-memory inventory and a commit that can be held or made to fail.
 */
export function fakeService(
  opts: {
    serials?: string[];
    installations?: Record<string, Partial<Installation>>;
    manualAck?: boolean;
    options?: Partial<ControlOptions>;
  } = {},
) {
  const clock = manualClock();
  let link: LinkState = { kind: 'connected', since: clock.now(), protocolVersion: 5, url: 'mqtt://fake' };
  const stateListeners = new Set<(s: LinkState) => void>();
  const messageListeners = new Set<(m: InboundMessage) => void>();
  const publishes: Publish[] = [];
  const broker: BrokerPort = {
    state: () => link,
    onState: (l) => {
      stateListeners.add(l);
      return () => stateListeners.delete(l);
    },
    publish: (topic, payload, o) =>
      new Promise<PublishOutcome>((resolve) => {
        if (link.kind !== 'connected') {
          resolve({ kind: 'refused', reason: 'not connected' });
          return;
        }
        const p: Publish = {
          topic,
          payload,
          at: clock.now(),
          expirySeconds: o.expirySeconds,
          settle: resolve,
        };
        publishes.push(p);
        if (!opts.manualAck) resolve({ kind: 'acked', at: clock.now() });
      }),
    subscribe: async () => undefined,
    confirmed: async () => undefined,
    unsubscribe: async () => undefined,
    onMessage: (l) => {
      messageListeners.add(l);
      return () => messageListeners.delete(l);
    },
  };
  const serials = opts.serials ?? ['SG1-000001'];
  const installs = new Map<string, Installation>(
    serials.map((s) => [s, installation(s, opts.installations?.[s] ?? {})]),
  );
  /** The operator's fallback timeouts (what services.ts reads from the inventory), by serial. */
  const overrides = new Map<string, number>();
  const journal: JournalDraft[] = [];
  /** When set, commits wait for this promise (or fail when it rejects). */
  let gate: Promise<void> | undefined;
  let commits = 0;
  const commit = async (drafts: JournalDraft[]) => {
    commits += 1;
    if (gate !== undefined) await gate;
    journal.push(...drafts);
  };
  const service = new ControlService({
    broker,
    profile: () => DEFAULT_PROFILE,
    inventory: { getInstallation: (s: string) => installs.get(s) },
    commit,
    clock,
    log: createLogger('silent'),
    operator: () => 'Ada Operator',
    fallbackOverride: (s: string) => overrides.get(s),
    options: { eventBatchMs: 50, ...opts.options },
  });
  return {
    clock,
    broker,
    service,
    publishes,
    journal,
    installs,
    overrides,
    serials,
    get commits() {
      return commits;
    },
    /** Holds every later commit until the returned release/fail is called. */
    holdCommits() {
      let release!: () => void;
      let fail!: (e: Error) => void;
      gate = new Promise<void>((res, rej) => {
        release = res;
        fail = rej;
      });
      gate.catch(() => undefined);
      return {
        release: () => {
          gate = undefined;
          release();
        },
        fail: (e: Error) => {
          gate = undefined;
          fail(e);
        },
      };
    },
    setLink(s: LinkState) {
      link = s;
      for (const l of stateListeners) l(s);
    },
    /** Two feedback messages showing storage at `w` W, code 0: confirms a storage setpoint of `w`. */
    confirmStorage(serial: string, w: number) {
      for (let i = 0; i < 2; i++)
        this.feedback(serial, {
          time: Math.floor(clock.now() / 1000),
          fields: { state: { storage: { active_power_W: w, mean_soc_perc: 50 } }, response_code: 0 },
        });
    },
    /** Delivers a feedback message for the serial (`retained`: replayed by the broker at subscription). */
    feedback(serial: string, body: unknown, retained = false) {
      const m: InboundMessage = {
        topic: `standard1/outbound/remoteControlMetrics/feedback/${serial}`,
        payload: Buffer.from(JSON.stringify(body)),
        receivedAt: clock.now(),
        ...(retained && { retained }),
      };
      for (const l of messageListeners) l(m);
    },
  };
}

/**
 * FI-3 in small: a real mosquitto carries a mixed stream of valid and malformed live feedback (bad
 * JSON, wrong types, `__proto__` keys, odd unicode, NaN-looking values, payloads at and far over the
 * size cap, serials that are no installation) to a real core. The core must never throw, count each
 * message once under the right kind, and keep live values and history equal to what the valid
 * messages said.
 */
import fc from 'fast-check';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FULL_RESOLUTION_READINGS } from '../../electron/core/live/feedback-history';
import type { Core } from '../../electron/core/create-core';
import type { ControlOverview } from '../../shared/contract/control-methods';
import type { FeedbackCounts } from '../../shared/domain/live/feedback-counts';
import type { PowerHistory } from '../../shared/domain/live/power-history';
import type { FleetRow } from '../../shared/domain/fleet/fleet-row';
import type { InstallationView } from '../../shared/domain/fleet/installation-view';
import { callCore, makeCore } from '../support/core-harness';
import { onboardingDraft } from '../inventory/fixtures/drafts';
import { startMosquitto, UNLIMITED_QUEUES, type MosquittoBroker } from '../support/mosquitto';
import { waitFor } from '../simulator/wait-for';
import { burstMessages, messages, type Message, type Reading } from './feedback-arbitraries';

const KNOWN = ['SG1-810001', 'SG1-810002', 'SG1-810003'];
const UNKNOWN = 'SG1-819999';
const topic = (serial: string) => `standard1/outbound/remoteControlMetrics/feedback/${serial}`;

let broker: MosquittoBroker;
let core: Core;
let publisher: MqttClient;

const onboarding = (serial: string) =>
  onboardingDraft(serial, Date.now(), {
    devices: [{ type: 'storage', nominalPowerW: 5000 }],
    fallbackTimeoutSeconds: 60,
  });

beforeAll(async () => {
  // The burst test publishes 2,000 messages at once: more than mosquitto queues for one client.
  broker = await startMosquitto(UNLIMITED_QUEUES);
  core = makeCore();
  await core.start();
  await core.services().inventory.commit(KNOWN.map(onboarding));
  await callCore(core, 'broker.connect', { url: broker.url });
  // A subscription for a serial that is no installation: what a wildcard profile or a restore that
  // removed an installation leaves the core receiving.
  await core.services().broker.subscribe([topic(UNKNOWN)]);
  await waitFor(
    'feedback subscriptions confirmed',
    () => {
      const s = core.services().broker.diagnostics().subscriptions;
      return s.total >= KNOWN.length + 1 && s.confirmed === s.total;
    },
    15_000,
  );
  publisher = await mqtt.connectAsync(broker.url, { clientId: 'fuzz-publisher', reconnectPeriod: 0 });
});

afterAll(async () => {
  await publisher?.endAsync();
  await core?.stop();
  await broker?.stop();
});

const live = () => core.services().live;
const float32 = (r: Reading) => ({
  storageW: fround(r.values.storageW),
  socPct: fround(r.values.socPct),
  solarW: fround(r.values.solarW),
  gridW: fround(r.values.gridW),
  responseCode: r.responseCode,
});
const fround = (v: number | null) => (v === null ? null : Math.fround(v));

/** How the counters must move for a batch of messages. */
function expectedDelta(batch: Message[]) {
  const delta = {
    total: batch.length,
    accepted: 0,
    fieldIssues: 0,
    badJson: 0,
    schema: 0,
    tooLarge: 0,
    unknownSerial: 0,
    empty: 0,
    implausible: 0,
    retained: 0,
  };
  for (const m of batch) {
    if (m.expect.kind === 'accepted') {
      delta.accepted += 1;
      if (m.expect.fieldIssue) delta.fieldIssues += 1;
    } else delta[m.expect.kind] += 1;
  }
  return delta;
}

const counters = (c: FeedbackCounts) => {
  const { last: _last, since: _since, ...rest } = c;
  return rest;
};

async function publishAll(batch: Message[]) {
  for (const m of batch) {
    const serial = m.target === 'unknown' ? UNKNOWN : KNOWN[m.target]!;
    const payload = typeof m.payload === 'string' ? m.payload : Buffer.from(m.payload);
    await publisher.publishAsync(topic(serial), payload, { qos: 1 });
  }
}

/** Publishes a batch and asserts the counters, live values and history it must lead to. */
async function publishAndCheck(batch: Message[], publish: (b: Message[]) => Promise<void>) {
  const before = counters(live().counts());
  const latestBefore = KNOWN.map((s) => live().get(s));
  await publish(batch);
  const want = expectedDelta(batch);
  await waitFor('every message counted', () => live().counts().total >= before.total + want.total, 30_000);
  const after = counters(live().counts());
  const moved = Object.fromEntries(
    Object.entries(after).map(([k, v]) => [k, v - before[k as keyof typeof before]]),
  );
  expect(moved).toEqual(want);

  KNOWN.forEach((serial, index) => {
    const applied = batch.flatMap((m) =>
      m.target === index && (m.expect.kind === 'accepted' || m.expect.kind === 'implausible')
        ? [m.expect.reading]
        : [],
    );
    const current = live().get(serial);
    if (applied.length === 0) {
      expect(current).toEqual(latestBefore[index]);
      return;
    }
    const last = applied.at(-1)!;
    expect(current).toMatchObject({ values: last.values, responseCode: last.responseCode });
    // The newest readings are kept exactly as received (older ones as each minute's min and max).
    const kept = live().readings(serial);
    const tail = applied.slice(-Math.min(kept.length, FULL_RESOLUTION_READINGS));
    expect(kept.slice(-tail.length).map(({ at: _at, ...v }) => v)).toEqual(tail.map(float32));
  });
  expect(live().get(UNKNOWN)).toBeUndefined();
  expect(live().readings(UNKNOWN)).toEqual([]);
  expect(core.services().inventory.getInstallation(UNKNOWN)).toBeUndefined();
  // Parsing `__proto__` keys must not have reached any prototype.
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
}

describe('malformed live feedback against a real mosquitto', () => {
  it('counts every message by kind and applies exactly the valid ones', async () => {
    await fc.assert(
      fc.asyncProperty(messages(KNOWN.length), (batch) => publishAndCheck(batch, publishAll)),
      { numRuns: 60 },
    );
  });

  it('keeps up with a burst of 2,000 mixed messages published without waiting', async () => {
    const batch = fc.sample(burstMessages(KNOWN.length), { numRuns: 2000, seed: 4242 });
    const seen = { 'control.changed': 0, 'fleet.changed': 0 };
    const off = (['control.changed', 'fleet.changed'] as const).map((e) =>
      core.events.on(e, () => (seen[e] += 1)),
    );
    const started = Date.now();
    await publishAndCheck(batch, async (b) => {
      await Promise.all(
        b.map((m) =>
          publisher.publishAsync(
            topic(m.target === 'unknown' ? UNKNOWN : KNOWN[m.target]!),
            typeof m.payload === 'string' ? m.payload : Buffer.from(m.payload),
            { qos: 1 },
          ),
        ),
      );
    });
    // The UI heard of it, at 4×/s at most, not per message.
    await waitFor('the UI told of the problems', () => seen['control.changed'] > 0, 5_000);
    off.forEach((unsubscribe) => unsubscribe());
    const windows = Math.ceil((Date.now() - started) / 250) + 1;
    expect(seen['control.changed']).toBeLessThanOrEqual(windows);
    expect(seen['fleet.changed']).toBeLessThanOrEqual(windows);
  });

  it('shows the same through the API: the chart history, the link’s feedback counts, no new installation', async () => {
    await publishAll([
      { target: 0, payload: '{"time": NaN}', expect: { kind: 'badJson' } },
      { target: 'unknown', payload: '{"time":1764151210}', expect: { kind: 'unknownSerial' } },
    ]);
    await waitFor('the last refusal counted', () => live().counts().last?.serial === UNKNOWN, 10_000);

    const history = await callCore<PowerHistory>(core, 'installation.history', {
      serial: KNOWN[0],
      maxPoints: 8192,
    });
    const kept = live().readings(KNOWN[0]!);
    // `readings` counts what was received, a minute's all included: at least the rows kept.
    expect(history.readings).toBeGreaterThanOrEqual(kept.length);
    expect(history.times).toEqual(kept.map((r) => r.at));
    expect(history.storageW).toEqual(kept.map((r) => r.storageW));
    expect(history.socPct).toEqual(kept.map((r) => r.socPct));

    const overview = await callCore<ControlOverview>(core, 'control.overview');
    expect(overview.link.feedback).toEqual(live().counts());
    expect(overview.link.feedback.last).toMatchObject({ serial: UNKNOWN, kind: 'unknownSerial' });

    // The installation page's "last MQTT feedback" is the live time, not the 15-minute journal mark.
    const page = await callCore<InstallationView>(core, 'installation.get', { serial: KNOWN[0] });
    expect(page.lastFeedbackAt).toBe(kept.at(-1)?.at);

    const unknown = await core.call('installation.history', { serial: UNKNOWN, maxPoints: 100 });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const { rows } = await callCore<{ rows: FleetRow[] }>(core, 'fleet.list');
    expect(rows.map((r) => r.serial).sort()).toEqual([...KNOWN].sort());
  });
});

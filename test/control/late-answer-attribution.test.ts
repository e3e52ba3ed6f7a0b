/**
 * Feedback carries no command id: a controller answers each publish once, in order. A late answer
 * to a replaced command must not decide the command that replaced it (it used to reject it: its
 * code differed from the one seen before the newer publish).
 */
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BrokerPort, InboundMessage, LinkState } from '../../electron/core/broker/broker-port';
import type { Core } from '../../electron/core/create-core';
import { ControlProtocol } from '../../electron/core/control/control-protocol';
import { FeedbackWatch, type WatchedFeedback } from '../../electron/core/control/feedback-watch';
import { createLogger } from '../../electron/core/logger';
import { DEFAULT_PROFILE, feedbackTopic } from '../../shared/protocol/profile';
import { startMosquitto, type MosquittoBroker } from '../support/mosquitto';
import { callCore, makeCore } from '../support/core-harness';
import { onboard } from '../broker-settings/support';

const SERIAL = 'LATE-0001';
const FEEDBACK = `standard1/outbound/remoteControlMetrics/feedback/${SERIAL}`;
const COMMAND = `standard1/rp_one_s/remoteControlMetrics/${SERIAL}`;
/** Within protocol.md's 1-5 s response time of a battery; longer than the 1 s pacing. */
const ANSWER_AFTER_MS = 1500;
const T0 = Date.UTC(2026, 10, 27, 12, 0, 0);

/**
 * A controller without the simulator's echo (protocol.md: feedback echoes no command id and no
 * policy): it refuses a 1000 W setpoint (code 3), accepts any other and runs it; answers each
 * command once, ANSWER_AFTER_MS later, with the power it then runs, and reports every 3 s
 * (protocol.md: periodically, each message carrying the last command's code).
 */
async function fakeController(url: string): Promise<mqtt.MqttClient> {
  const client = await mqtt.connectAsync(url, { clientId: 'late-ctl' });
  let powerW = 0;
  let lastCode = 0;
  const report = () => {
    const body = {
      time: Math.floor(Date.now() / 1000),
      fields: {
        response_code: lastCode,
        state: { storage: { active_power_W: powerW, mean_soc_perc: 50, energy_stored_Wh: 5000 } },
      },
    };
    void client.publishAsync(FEEDBACK, JSON.stringify(body), { qos: 1 });
  };
  const periodic = setInterval(report, 3000);
  client.on('end', () => clearInterval(periodic));
  client.on('message', (_topic, payload) => {
    const fields = JSON.parse(payload.toString()).fields as Record<string, unknown>;
    const setpoint = fields['storage_power_setpoint_W'];
    setTimeout(() => {
      lastCode = setpoint === 1000 ? 3 : 0;
      if (lastCode === 0 && typeof setpoint === 'number') powerW = setpoint;
      report();
    }, ANSWER_AFTER_MS);
  });
  await client.subscribeAsync(COMMAND, { qos: 1 });
  return client;
}

describe('a late answer to a superseded command (real mosquitto, core)', () => {
  let broker: MosquittoBroker;
  let core: Core;
  let controller: mqtt.MqttClient;

  beforeAll(async () => {
    broker = await startMosquitto();
    controller = await fakeController(broker.url);
    core = makeCore();
    await core.start();
    await onboard(core, SERIAL);
    await callCore(core, 'broker.connect', { url: broker.url });
    await vi.waitFor(() => expect(core.services().broker.diagnostics().subscriptions.confirmed).toBe(1));
  });

  afterAll(async () => {
    await core?.stop();
    await controller?.endAsync();
    await broker?.stop();
  });

  const send = (setpointW: number) =>
    callCore(core, 'control.send', {
      serials: [SERIAL],
      command: { storage: { policy: 'setpoint', setpointW } },
      hold: false,
    });

  it('does not decide the command that replaced it', async () => {
    // Control of this battery so far: an accepted command (the controller's last code is 0).
    await send(500);
    await vi.waitFor(
      () => expect(core.services().control.commands(SERIAL)[0]?.state.state).toBe('confirmed'),
      { timeout: 10_000, interval: 100 },
    );
    await send(1000); // refused by the controller, but its answer comes 1.5 s later
    await send(2000); // sent 1 s later (pacing), replaces it; accepted and in effect
    await vi.waitFor(
      () => {
        const states = core
          .services()
          .control.commands(SERIAL)
          .map((c) => c.state.state);
        expect(states.filter((s) => s === 'sent' || s === 'accepted')).toEqual([]);
      },
      { timeout: 10_000, interval: 100 },
    );
    const byCreation = core
      .services()
      .control.commands(SERIAL)
      .sort((a, b) => a.createdAt - b.createdAt);
    expect(byCreation.map((c) => c.state.state)).toEqual(['superseded', 'superseded', 'confirmed']);
  });
});

/** A FeedbackWatch on a port that delivers what the test hands it; `heard` is what it passed on. */
function watchOnFakePort(answerWithinMs?: number) {
  let deliver: (m: InboundMessage) => void = () => undefined;
  let state: (s: LinkState) => void = () => undefined;
  const port: BrokerPort = {
    state: () => ({ kind: 'connected', since: 0, protocolVersion: 5, url: 'mqtt://fake' }),
    onState: (l) => ((state = l), () => undefined),
    onMessage: (l) => ((deliver = l), () => undefined),
    publish: () => Promise.resolve({ kind: 'acked', at: 0 }),
    subscribe: () => Promise.resolve(),
    confirmed: () => Promise.resolve(),
    unsubscribe: () => Promise.resolve(),
  };
  const heard: WatchedFeedback[] = [];
  const watch = new FeedbackWatch({
    broker: port,
    protocol: new ControlProtocol(() => DEFAULT_PROFILE),
    log: createLogger('silent'),
    onFeedback: (f) => heard.push(f),
    ...(answerWithinMs !== undefined && { answerWithinMs }),
  });
  /** Feedback with this code, `ms` after the test's start. */
  const feedback = (ms: number, code: number) => {
    const at = T0 + ms;
    const payload = { time: Math.floor(at / 1000), fields: { response_code: code } };
    deliver({
      topic: feedbackTopic(DEFAULT_PROFILE, SERIAL),
      payload: Buffer.from(JSON.stringify(payload)),
      receivedAt: at,
    });
    return heard.at(-1) as WatchedFeedback;
  };
  return {
    watch,
    feedback,
    reconnected: () => state({ kind: 'connected', since: 0, protocolVersion: 5, url: 'x' }),
  };
}

describe('FeedbackWatch attributes answers in publish order', () => {
  it("counts a code as a publish's answer only after the earlier publishes got theirs", async () => {
    const { watch, feedback } = watchOnFakePort();
    await watch.watch(SERIAL);
    feedback(0, 0); // periodic: the last command was accepted
    const refused = watch.probe(SERIAL); // 1000 W: the controller will refuse it
    const replacing = watch.probe(SERIAL); // 2000 W, sent before that answer came
    expect(replacing).toMatchObject({ unansweredBefore: 1 });

    const late = feedback(1500, 3); // the answer to the refused one
    expect(FeedbackWatch.fresh(refused, late)).toBe(true);
    expect(FeedbackWatch.fresh(replacing, late)).toBe(false);
    const own = feedback(2500, 0); // the answer to the replacing one
    expect(FeedbackWatch.fresh(replacing, own)).toBe(true);
  });

  it('stops waiting for an answer that is overdue, so later publishes are judged again', async () => {
    const { watch, feedback } = watchOnFakePort();
    await watch.watch(SERIAL);
    feedback(0, 0);
    watch.probe(SERIAL); // never answered (lost)
    const next = watch.probe(SERIAL);
    expect(FeedbackWatch.fresh(next, feedback(1000, 0))).toBe(false);
    // 15 s (the confirmation deadline) after the first feedback since the lost publish, a new code
    // answers the next one.
    expect(FeedbackWatch.fresh(next, feedback(16_001, 3))).toBe(true);
  });

  it("waits as long as the confirmation deadline configured for control, not the default's 15 s", async () => {
    const { watch, feedback } = watchOnFakePort(5_000);
    await watch.watch(SERIAL);
    feedback(0, 0);
    watch.probe(SERIAL); // never answered (lost)
    const next = watch.probe(SERIAL);
    expect(FeedbackWatch.fresh(next, feedback(1000, 0))).toBe(false);
    expect(FeedbackWatch.fresh(next, feedback(6_001, 3))).toBe(true);
  });

  it('stops waiting for answers to publishes made before a reconnect (they were lost with the link)', async () => {
    const { watch, feedback, reconnected } = watchOnFakePort();
    await watch.watch(SERIAL);
    feedback(0, 0);
    watch.probe(SERIAL);
    reconnected();
    const after = watch.probe(SERIAL);
    expect(after).toMatchObject({ unansweredBefore: 0 });
    expect(FeedbackWatch.fresh(after, feedback(1000, 3))).toBe(true);
  });
});

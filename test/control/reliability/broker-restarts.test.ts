/**
 * MQ-1 / EC-4 (reliability-notes §8): mosquitto is killed (SIGKILL) and restarted 20 times during a
 * burst of 1,000 commands from the real control service to 100 simulated controllers. Each round
 * sends 50 commands in batches of 10; the broker dies at a random moment while a batch is being
 * published or confirmed, the rest of the round's batches go out while it is down, then it comes back.
 *
 * Pass: no command lost: every attempt is refused with a reason (nothing published), or ends
 * confirmed, rejected, expired or failed (with a reason) by its deadline, with its outcome on the
 * journal; the simulator's log shows no command applied after its validUntil; after every restart
 * feedback from every controller arrives again on the app's link.
 */
import { describe, expect, it } from 'vitest';
import { topics } from '../../../electron/simulator';
import type { CommandView } from '../../../electron/core/control';
import type { ControlCommand } from '../../../shared/domain/control/dry-run';
import { waitFor } from '../../simulator/wait-for';
import { useBrokerHarnesses } from '../support/broker-harnesses';
import { appliedLate, commandsOf, entriesOf, unaudited } from '../support/log-checks';
import { sleep } from './support/fleet-seed';

const CONTROLLERS = 100;
const ROUNDS = 20;
const PER_ROUND = 50;
const BATCH = 10;
/** Short deadlines the options allow, so the test ends in about a minute and a half. */
const PUBLISH_DEADLINE_MS = 2000;
const CONFIRM_DEADLINE_MS = 5000;
/** Timers fire late on a loaded machine: an outcome this much after its deadline still counts as on time. */
const TIMER_SLACK_MS = 2000;

const suite = useBrokerHarnesses(8000);

type Attempt = { at: number; serials: string[] };
type Sent = { commandId: string; serial: string; createdAt: number; settledAt?: number; view?: CommandView };

describe('mosquitto killed and restarted during a command burst', () => {
  it('loses no command, applies none late, and feedback resumes after every restart', async () => {
    const h = await suite.harness(CONTROLLERS, {
      // A fallback longer than the confirmation deadline, so a one-shot command settles before its lease lapses.
      fleet: { sharedConnection: true, fallbackTimeoutS: 8, feedbackPeriodS: 2, tickMs: 100 },
      control: { publishDeadlineMs: PUBLISH_DEADLINE_MS, confirmDeadlineMs: CONFIRM_DEADLINE_MS },
    });
    // One shared connection for the whole fleet.
    await waitFor('controllers connected', () => h.fleet.connectedCount() === 1, 20_000);
    // The app's link listens to every controller's feedback, as live values do (restored on reconnect).
    const feedbackAt = new Map<string, number>();
    const bySerialTopic = new Map(h.serials.map((s) => [topics.feedback(s), s]));
    h.link.onMessage((m) => {
      const serial = bySerialTopic.get(m.topic);
      if (serial !== undefined) feedbackAt.set(serial, m.receivedAt);
    });
    await h.link.subscribe([...bySerialTopic.keys()]);

    const refused: Array<Attempt & { code: string; reason: string }> = [];
    const notSent: Array<{ serial: string; reason: string }> = [];
    const sent: Sent[] = [];
    const restartsToFeedbackMs: number[] = [];
    let next = 0;
    const send = async (): Promise<void> => {
      const serials = Array.from({ length: BATCH }, () => h.serials[next++ % CONTROLLERS] as string);
      const at = Date.now();
      const cmd: ControlCommand = {
        kind: 'live',
        hold: false,
        command: { storage: { policy: 'setpoint', setpointW: 100 * ((next % 20) - 10) } },
      };
      const r = await h.service.send(serials, cmd, { reason: 'burst under broker restarts' });
      if (!r.ok) return void refused.push({ at, serials, code: r.code, reason: r.reason });
      for (const d of r.results) {
        if (!d.ok) {
          notSent.push({ serial: d.serial, reason: d.reason });
          continue;
        }
        const entry: Sent = { commandId: d.commandId, serial: d.serial, createdAt: at };
        sent.push(entry);
        void h.service.settled(d.commandId).then((view) => {
          entry.settledAt = Date.now();
          entry.view = view;
        });
      }
    };

    const burstStarted = Date.now();
    for (let round = 0; round < ROUNDS; round++) {
      const killAfter = 1 + Math.floor(Math.random() * (PER_ROUND / BATCH - 1));
      const inFlight: Array<Promise<void>> = [];
      for (let b = 0; b < PER_ROUND / BATCH; b++) {
        inFlight.push(send());
        // The kill lands while this batch is being published or waits for its confirmations.
        if (b === killAfter) {
          await sleep(Math.random() * 150);
          suite.broker().kill();
        }
        await sleep(50 + Math.random() * 200);
      }
      await Promise.all(inFlight);
      await suite.broker().restart();
      const upAt = Date.now();
      await waitFor('link back', () => h.link.state().kind === 'connected', 15_000);
      // Every controller's feedback reaches the app again (the link restored its subscriptions).
      await waitFor(
        `feedback from every controller after restart ${round + 1}`,
        () => h.serials.every((s) => (feedbackAt.get(s) ?? 0) > upAt),
        15_000,
        50,
      );
      restartsToFeedbackMs.push(Date.now() - upAt);
    }
    const burstMs = Date.now() - burstStarted;

    // Everything settles: each command by its own deadline.
    await waitFor(
      'every command settled',
      () => sent.every((s) => s.settledAt !== undefined),
      CONFIRM_DEADLINE_MS + PUBLISH_DEADLINE_MS + 10_000,
    );
    const attempts = refused.reduce((n, r) => n + r.serials.length, 0) + notSent.length + sent.length;
    expect(attempts).toBe(ROUNDS * PER_ROUND);
    for (const r of refused) {
      expect(r.code).not.toBe('');
      expect(r.reason.length).toBeGreaterThan(10);
    }
    for (const n of notSent) expect(n.reason.length).toBeGreaterThan(0);
    const late = sent.filter(
      (s) =>
        (s.settledAt ?? Infinity) > s.createdAt + PUBLISH_DEADLINE_MS + CONFIRM_DEADLINE_MS + TIMER_SLACK_MS,
    );
    expect(late).toEqual([]);
    const outcomes = new Map<string, number>();
    for (const s of sent) {
      const state = s.view?.state.state ?? 'none';
      outcomes.set(state, (outcomes.get(state) ?? 0) + 1);
      expect(['confirmed', 'rejected', 'expired', 'failed', 'superseded']).toContain(state);
      // An ending other than confirmation says why, in words.
      if (state !== 'confirmed') expect((s.view?.state as { detail?: string }).detail ?? '').not.toBe('');
    }
    // No command stays in a live state: what is not confirmed has ended.
    expect(h.service.commands().filter((c) => ['draft', 'sent', 'accepted'].includes(c.state.state))).toEqual(
      [],
    );

    // The simulator applied nothing after its validUntil, and nothing it got lacks an audit record.
    expect(appliedLate(h.records)).toEqual([]);
    const journal = await h.journal();
    expect(unaudited(h.records, journal)).toEqual([]);
    const created = new Set(entriesOf(journal, 'command.created').map((e) => e.commandId));
    const ended = new Set(entriesOf(journal, 'command.outcome').map((e) => e.commandId));
    await waitFor('every outcome journaled', async () => {
      const j = await h.journal();
      for (const e of entriesOf(j, 'command.outcome')) ended.add(e.commandId);
      return sent.every((s) => ended.has(s.commandId));
    });
    for (const s of sent) expect(created.has(s.commandId), s.commandId).toBe(true);
    expect(entriesOf(journal, 'command.refused').length).toBeGreaterThan(0);

    const applied = commandsOf(h.records).filter((c) => c.outcome === 'applied').length;
    console.info(
      JSON.stringify({
        burstMs,
        attempts,
        refusedAtAdmission: refused.reduce((n, r) => n + r.serials.length, 0),
        notSent: notSent.length,
        published: sent.length,
        outcomes: Object.fromEntries(outcomes),
        appliedBySimulator: applied,
        restartToAllFeedbackMs: { max: Math.max(...restartsToFeedbackMs), all: restartsToFeedbackMs },
      }),
    );
    // The burst did reach the controllers between the restarts.
    expect(outcomes.get('confirmed') ?? 0).toBeGreaterThan(ROUNDS * BATCH);
  }, 240_000);
});

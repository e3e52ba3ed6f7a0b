/**
 * kill -9 of the host during a burst of callbacks, repeated on one data dir: the data always loads
 * afterwards, and every call that got a 202 is present.
 *
 * Each round: 16 concurrent senders post onboarding calls for new serials, each followed by health
 * reports for it (distinct serials and eventIds), recording every 202; the host gets SIGKILL at a
 * random moment 100–600 ms into the burst; it is started again on the same data dir (it must come
 * up, without an error notice) and the round's accepted calls are checked through its WebSocket
 * API. At the end the last host is killed as well, and an in-process core opened on the data dir
 * checks every call accepted in every round. No sleeps: the waits are for process events.
 */
import { randomInt } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/create-core';
import type { FleetRow } from '../../shared/domain/fleet/fleet-row';
import type { InstallationView } from '../../shared/domain/fleet/installation-view';
import type { Notice } from '../../shared/domain/notice';
import { makeCore } from '../support/core-harness';
import { tempDir } from '../support/temp-dir';
import { agentFrom, apiClient, postCallback, startHost, type HostChild } from './support/host-child';

const TOKEN = 'reliability-kill-token-0001';
const ROUNDS = 5;
const SENDERS = 16;
const HEALTH_PER_SERIAL = 2;
/** Bounds each sender if the kill never comes (it always does; this only guards a broken test). */
const MAX_SERIALS_PER_SENDER = 2_000;

type Accepted = {
  onboarded: Set<string>;
  health: Array<{ serial: string; eventId: string }>;
  refusedOrFailed: number;
};

/** One sender: new serials one after the other, onboarding then health, until the host dies. */
async function sender(
  host: HostChild,
  round: number,
  index: number,
  accepted: Accepted,
  dead: () => boolean,
): Promise<void> {
  // A source address per sender and round keeps every sender under the per-address limit.
  const agent = agentFrom(`127.10.${round + 1}.${index + 1}`);
  try {
    for (let n = 0; n < MAX_SERIALS_PER_SENDER && !dead(); n += 1) {
      const serial = `KILL-${round}-${index}-${n}`;
      const onboarding = {
        serialNumber: serial,
        address: `Kerkstraat ${n}, 9000 Gent`,
        eventId: `onb-${serial}`,
      };
      if ((await postCallback(host.listenerUrl, '/v1/onboarding', TOKEN, onboarding, agent)) !== 202) {
        accepted.refusedOrFailed += 1;
        continue;
      }
      accepted.onboarded.add(serial);
      for (let h = 0; h < HEALTH_PER_SERIAL; h += 1) {
        const eventId = `hlth-${serial}-${h}`;
        const health = { serialNumber: serial, status: h % 2 ? 'warning' : 'ok', eventId };
        if ((await postCallback(host.listenerUrl, '/v1/health', TOKEN, health, agent)) === 202)
          accepted.health.push({ serial, eventId });
        else accepted.refusedOrFailed += 1;
      }
    }
  } catch (error) {
    // A failed connection is expected once the host is killed, and only then.
    if (!dead()) throw error;
  } finally {
    agent.destroy();
  }
}

/** A burst from all senders, with SIGKILL after a random 100–600 ms; resolves once the host is gone. */
async function burstAndKill(host: HostChild, round: number): Promise<Accepted & { killAfterMs: number }> {
  const accepted: Accepted = { onboarded: new Set(), health: [], refusedOrFailed: 0 };
  let killed = false;
  const killAfterMs = randomInt(100, 601);
  const senders = Array.from({ length: SENDERS }, (_, i) => sender(host, round, i, accepted, () => killed));
  // The one deliberate wait: the random moment of the kill.
  await new Promise((done) => setTimeout(done, killAfterMs));
  killed = true;
  expect(await host.kill()).toBe('SIGKILL');
  await Promise.all(senders);
  return { ...accepted, killAfterMs };
}

/** The eventIds of the callbacks in a timeline (newest first, as the installation page shows it). */
const eventIdsOf = (view: InstallationView, type: string) =>
  view.timeline
    .filter((t) => t.type === type)
    .map((t) => (t.detail['body'] as { eventId?: string } | undefined)?.eventId);

const dir = tempDir('fleetdesk-kill-');
let host: HostChild | undefined;
let core: Core | undefined;
afterAll(async () => {
  await host?.kill();
  await core?.stop();
  dir.remove();
});

describe('kill -9 of the host during a burst of callbacks', () => {
  it('loads after every kill and keeps every call that was answered 202', async () => {
    const all: Accepted = { onboarded: new Set(), health: [], refusedOrFailed: 0 };
    host = await startHost(dir.path, TOKEN);
    for (let round = 0; round < ROUNDS; round += 1) {
      const burst = await burstAndKill(host, round);
      // Start again on the crashed data dir: it must come up, with no error notice.
      host = await startHost(dir.path, TOKEN);
      const api = await apiClient(host.uiUrl);
      try {
        const notices = await api.call<Notice[]>('notices.list');
        expect(
          notices.filter((n) => n.level === 'error'),
          host.stderr(),
        ).toEqual([]);
        const serials = new Set(
          (await api.call<{ rows: FleetRow[] }>('fleet.list')).rows.map((r) => r.serial),
        );
        const lost = [...burst.onboarded, ...all.onboarded].filter((s) => !serials.has(s));
        expect(
          lost,
          `round ${round} (kill after ${burst.killAfterMs} ms): onboarded with 202, missing after restart`,
        ).toEqual([]);
        for (const { serial, eventId } of burst.health) {
          const view = await api.call<InstallationView>('installation.get', { serial });
          expect(eventIdsOf(view, 'callback.health'), `round ${round}: health ${eventId} got 202`).toContain(
            eventId,
          );
        }
      } finally {
        api.close();
      }
      burst.onboarded.forEach((s) => all.onboarded.add(s));
      all.health.push(...burst.health);
      all.refusedOrFailed += burst.refusedOrFailed;
    }
    // Every round must have tested something: calls were accepted before the kills.
    expect(all.onboarded.size).toBeGreaterThan(ROUNDS);
    expect(all.refusedOrFailed, 'no call may be refused (429, 503…) in a burst this size').toBe(0);

    // Crash the last host too, then read everything with an in-process core on the same data.
    await host.kill();
    host = undefined;
    core = makeCore(dir.path, TOKEN);
    await core.start();
    const { inventory } = core.services();
    expect((await inventory.allProblems()).filter((p) => p.severity === 'error')).toEqual([]);
    const missing = [...all.onboarded].filter((s) => inventory.getInstallation(s) === undefined);
    expect(missing).toEqual([]);
    for (const { serial, eventId } of all.health) {
      const timeline = await inventory.timeline(serial);
      const found = timeline.some((e) => e.type === 'callback.health' && e.body['eventId'] === eventId);
      expect(found, `health ${eventId} for ${serial} got 202`).toBe(true);
    }
    // Each accepted call had its effect exactly once: one onboarding entry per serial here.
    for (const serial of all.onboarded) {
      const onboardings = (await inventory.timeline(serial)).filter((e) => e.type === 'callback.onboarding');
      expect(onboardings).toHaveLength(1);
    }
  }, 90_000);
});

import { describe, expect, it } from 'vitest';
import type { ControlCommand } from '../../shared/domain/control/dry-run';
import { waitFor } from '../simulator/wait-for';
import { useBrokerHarnesses } from './support/broker-harnesses';
import { appliedLate, commandsOf, entriesOf, fallbacksOf } from './support/log-checks';

const suite = useBrokerHarnesses(2000, { restartBrokerAfterEach: true });
const harness = (controllers: number, fallbackTimeoutS: number) =>
  suite.harness(controllers, { fleet: { fallbackTimeoutS } });

const hold: ControlCommand = {
  kind: 'live',
  hold: true,
  command: { storage: { policy: 'setpoint', setpointW: 700 } },
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('broker outage', () => {
  it('refuses commands with the reason, lists the leases at risk, lets them lapse, and delivers nothing late', async () => {
    const h = await harness(2, 3);
    const [a, b] = h.serials as [string, string];
    const sent = await h.service.send([a], hold);
    const id = sent.ok && sent.results[0]?.ok === true ? sent.results[0].commandId : '';
    expect((await h.service.settled(id)).state.state).toBe('confirmed');
    expect(h.service.leasesAtRisk()).toEqual([]);

    suite.broker().kill();
    await waitFor('link down', () => h.link.state().kind !== 'connected', 5000);
    const atRisk = h.service.leasesAtRisk();
    expect(atRisk).toMatchObject([{ serial: a, groups: ['storage'], held: true }]);
    expect(atRisk[0]?.lapsesAt).toBeGreaterThan(Date.now() - 1000);
    expect(atRisk[0]?.lapsesAt).toBeLessThanOrEqual(Date.now() + 3000);
    await waitFor('link event with the banner list', () =>
      h.events.find(
        (e) => e.type === 'link' && e.link.kind !== 'connected' && e.atRisk.some((l) => l.serial === a),
      ),
    );

    // Attempts during the outage: refused at once with the reason, never queued (EC-4).
    for (let i = 0; i < 3; i++) {
      const refused = await h.service.send([b], hold);
      expect(refused).toMatchObject({
        ok: false,
        code: 'link-down',
        reason: expect.stringContaining('not queued'),
      });
      await sleep(300);
    }
    const lapsed = await waitFor(
      'lease lapsed',
      () => (h.service.command(id)?.state.state === 'lapsed' ? h.service.command(id) : undefined),
      6000,
    );
    expect(lapsed.state).toMatchObject({ detail: expect.stringContaining('not refreshed in time') });
    expect(h.service.leases()).toEqual([]);

    const restartedAt = Date.now();
    await suite.broker().restart();
    await waitFor('link back', () => h.link.state().kind === 'connected', 10_000);
    await waitFor('controllers back', () => h.fleet.connectedCount() === 2, 10_000);
    await sleep(1500);
    // A lapsed lease is not picked up again after the reconnect, and nothing from the outage arrives.
    expect(h.publishes.filter((p) => p.at >= restartedAt)).toEqual([]);
    expect(commandsOf(h.records).filter((c) => c.receivedAtMs >= restartedAt)).toEqual([]);
    expect(commandsOf(h.records, b)).toEqual([]);
    expect(appliedLate(h.records)).toEqual([]);
    expect(fallbacksOf(h.records, a)).toHaveLength(1);
    const journal = await h.journal();
    expect(entriesOf(journal, 'command.refused').filter((e) => e.code === 'link-down')).toHaveLength(3);
    expect(
      entriesOf(journal, 'command.outcome').find((e) => e.commandId === id && e.state === 'lapsed'),
    ).toBeDefined();
  });

  it('after a short outage, a lease that has not lapsed is refreshed at once', async () => {
    const h = await harness(1, 8);
    const serial = h.serials[0] as string;
    const sent = await h.service.send([serial], hold);
    const id = sent.ok && sent.results[0]?.ok === true ? sent.results[0].commandId : '';
    expect((await h.service.settled(id)).state.state).toBe('confirmed');
    await waitFor('a first refresh', () => (h.service.leases()[0]?.refreshes ?? 0) >= 1, 5000);
    const before = h.service.leases()[0];

    suite.broker().kill();
    await waitFor('link down', () => h.link.state().kind !== 'connected', 5000);
    await suite.broker().restart();
    await waitFor('link back', () => h.link.state().kind === 'connected', 10_000);
    const backAt = Date.now();
    await waitFor(
      'a refresh right after the reconnect',
      () => h.publishes.find((p) => p.at >= backAt - 50),
      2000,
    );
    await waitFor(
      'the refresh acked',
      () => (h.service.leases()[0]?.refreshes ?? 0) > (before?.refreshes ?? 0),
      3000,
    );
    expect(h.service.command(id)?.state.state).toBe('confirmed');
    expect(h.service.leases()[0]?.lapsesAt).toBeGreaterThan(before?.lapsesAt ?? 0);
    expect(appliedLate(h.records)).toEqual([]);
  });
});

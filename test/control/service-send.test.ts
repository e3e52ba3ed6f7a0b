import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ControlCommand } from '../../shared/domain/control/dry-run';
import { observe } from '../broker/support/links';
import { waitFor } from '../simulator/wait-for';
import { OPERATOR } from './support/harness';
import { useBrokerHarnesses, type HarnessOptions } from './support/broker-harnesses';
import { commandsOf, entriesOf, unaudited } from './support/log-checks';

const suite = useBrokerHarnesses(100);
const harness = ({ controllers, ...options }: HarnessOptions & { controllers: number }) =>
  suite.harness(controllers, { ...options, fleet: { fallbackTimeoutS: 30, ...options.fleet } });

const storage = (setpointW: number, hold = true): ControlCommand => ({
  kind: 'live',
  hold,
  command: { storage: { policy: 'setpoint', setpointW } },
});

describe('ControlService send (mosquitto + simulator + BrokerLink)', () => {
  it('dry-runs the exact topic and payload, sends, and confirms from feedback with the setpoint in effect', async () => {
    const h = await harness({ controllers: 1 });
    const [serial] = h.serials as [string];
    const dry = h.service.dryRun([serial], storage(1000));
    expect(dry.targets[0]?.errors).toEqual([]);
    expect(dry.targets[0]?.message?.topic).toBe(`standard1/rp_one_s/remoteControlMetrics/${serial}`);
    expect(JSON.parse(dry.targets[0]?.message?.payload ?? '{}')).toMatchObject({
      extraTags: { nodeId: `${serial}_site_0` },
      fields: { storage_policy: 'setpoint', storage_power_setpoint_W: 1000 },
      commandId: 'dry-run',
    });
    expect(dry).toMatchObject({
      homes: 1,
      totals: { storage: { targets: 1, setpointW: 1000, atStakeW: 1000 } },
      blockedBy: null,
    });

    const topic = dry.targets[0]?.message?.topic ?? '';
    const wire = await observe(suite.broker().url, [topic], 5);
    const sent = await h.service.send([serial], storage(1000));
    expect(sent.ok).toBe(true);
    const result = sent.ok ? sent.results[0] : undefined;
    if (result === undefined || !result.ok) throw new Error('not sent');
    expect(h.service.command(result.commandId)?.state.state).toMatch(/accepted|confirmed/);
    const view = await h.service.settled(result.commandId);
    expect(view.state).toMatchObject({
      state: 'confirmed',
      detail: expect.stringMatching(/^response code 0; storage at \d+ W \(setpoint 1000 W ± 100 W\)$/),
    });

    const applied = commandsOf(h.records, serial).find((c) => c.commandId === result.commandId);
    expect(applied).toMatchObject({ outcome: 'applied', responseCode: 0 });
    const journal = await h.journal();
    const created = entriesOf(journal, 'command.created').find((e) => e.commandId === result.commandId);
    expect(created).toMatchObject({
      actor: OPERATOR,
      serial,
      hold: true,
      groups: ['storage'],
      topic: dry.targets[0]?.message?.topic,
    });
    expect(created?.at).toBeLessThanOrEqual(applied?.receivedAtMs ?? 0);
    // On the wire: QoS 1, not retained, validUntil as journaled, and an MQTT 5 expiry to match.
    const packet = (await waitFor('command on the wire', () => wire.received.find((m) => m.topic === topic)))
      .packet;
    await wire.close();
    expect(packet).toMatchObject({ qos: 1, retain: false });
    expect(JSON.parse(packet.payload.toString())).toMatchObject({
      commandId: result.commandId,
      validUntil: (created?.validUntil ?? 0) / 1000,
    });
    const lifetimeS = ((created?.validUntil ?? 0) - (created?.at ?? 0)) / 1000;
    expect(packet.properties?.messageExpiryInterval).toBeGreaterThanOrEqual(Math.floor(lifetimeS) - 1);
    expect(packet.properties?.messageExpiryInterval).toBeLessThanOrEqual(Math.ceil(lifetimeS));
    await waitFor('confirmation journaled', async () =>
      entriesOf(await h.journal(), 'command.outcome').find(
        (e) => e.commandId === result.commandId && e.state === 'confirmed',
      ),
    );
    expect(h.inventory.getInstallation(serial)?.lastSeen.command).toBeGreaterThan(0);
    expect(unaudited(h.records, journal)).toEqual([]);
    await h.service.release('all', 'test over');
  });

  it('refuses a setpoint beyond the nominal power before publishing anything, and journals the refusal', async () => {
    const h = await harness({ controllers: 1 });
    const [serial] = h.serials as [string];
    const nominal = h.fleet.controller(serial)?.spec.storage.nominalPowerW ?? 0;
    const dry = h.service.dryRun([serial], storage(nominal + 1));
    expect(dry.targets[0]?.errors.join()).toContain('outside the storage rating');
    expect(dry.targets[0]?.message).toBeNull();
    const sent = await h.service.send([serial], storage(nominal + 1));
    expect(sent).toMatchObject({
      ok: false,
      code: 'invalid',
      reason: expect.stringContaining('fix or deselect'),
    });
    // EC-1: out-of-range, negative where not allowed, non-finite or in kW by mistake: refused, 0 publishes.
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.integer({ min: nominal + 1, max: 10_000_000 }),
          fc.integer({ min: -10_000_000, max: -nominal - 1 }),
          fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
        ),
        async (w) => {
          const r = await h.service.send([serial], storage(w));
          expect(r.ok).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
    const solar = await h.service.send([serial], {
      kind: 'live',
      hold: true,
      command: { solar: { policy: 'curtail', setpointW: -5 } },
    });
    expect(solar).toMatchObject({ ok: false, code: 'invalid' });
    expect(h.publishes).toEqual([]);
    expect(commandsOf(h.records)).toEqual([]);
    await waitFor(
      'refusals journaled',
      async () => entriesOf(await h.journal(), 'command.refused').length >= 202,
    );
  });

  it('marks a command the controller refuses as rejected, with its response code', async () => {
    const h = await harness({ controllers: 1, fleet: { rejectRate: 1 } });
    const sent = await h.service.send(h.serials, storage(500));
    const id = sent.ok && sent.results[0]?.ok === true ? sent.results[0].commandId : '';
    const view = await h.service.settled(id);
    expect(view.state).toMatchObject({ state: 'rejected', responseCode: expect.any(Number) });
    const code = view.state.state === 'rejected' ? view.state.responseCode : undefined;
    expect(commandsOf(h.records).find((c) => c.commandId === id)).toMatchObject({
      outcome: 'rejected',
      responseCode: code,
    });
    expect(h.service.leases()).toEqual([]);
    await waitFor('outcome journaled', async () =>
      entriesOf(await h.journal(), 'command.outcome').find(
        (e) => e.commandId === id && e.state === 'rejected' && e.responseCode === code,
      ),
    );
  });

  it('expires a command that gets no feedback by its deadline', async () => {
    const h = await harness({ controllers: 1, fleet: { dropRate: 1 }, control: { confirmDeadlineMs: 3000 } });
    const sent = await h.service.send(h.serials, storage(500));
    const id = sent.ok && sent.results[0]?.ok === true ? sent.results[0].commandId : '';
    const view = await h.service.settled(id);
    expect(view.state).toMatchObject({ state: 'expired', detail: 'no feedback within 3 s' });
    if (view.state.state !== 'expired') throw new Error('not expired');
    const created = h.service.command(id)?.createdAt ?? 0;
    expect(view.state.at - created).toBeGreaterThanOrEqual(3000);
    expect(view.state.at - created).toBeLessThan(4000);
    // An unconfirmed command is not held: no lease keeps it alive. It was delivered, though (only
    // the feedback was lost), so the controller may follow it until its fallback timeout: releasing.
    expect(h.service.leases()).toEqual([expect.objectContaining({ status: 'releasing', held: false })]);
  });

  it('supersedes the command holding a group, keeps the one still holding another, and paces one command a second', async () => {
    const h = await harness({ controllers: 1 });
    const serial = h.serials[0] as string;
    const first: ControlCommand = {
      kind: 'live',
      hold: true,
      command: { storage: { policy: 'setpoint', setpointW: 800 }, solar: { policy: 'unrestricted' } },
    };
    const a = await h.service.send([serial], first);
    const aId = a.ok && a.results[0]?.ok === true ? a.results[0].commandId : '';
    const b = await h.service.send([serial], storage(400));
    const bId = b.ok && b.results[0]?.ok === true ? b.results[0].commandId : '';
    expect((await h.service.settled(bId)).state.state).toBe('confirmed');
    // `a` is confirmed on what it still holds (solar): storage is `b`'s now.
    expect((await h.service.settled(aId)).state.state).toBe('confirmed');
    expect(h.service.leases()[0]).toMatchObject({
      serial,
      commandIds: [aId, bId],
      groups: expect.arrayContaining(['storage', 'solar']),
    });

    const c = await h.service.send([serial], {
      kind: 'live',
      hold: true,
      command: { solar: { policy: 'feed-in-restriction' } },
    });
    const cId = c.ok && c.results[0]?.ok === true ? c.results[0].commandId : '';
    expect(h.service.command(aId)?.state).toMatchObject({ state: 'superseded', by: cId });
    await h.service.settled(cId);
    const received = commandsOf(h.records, serial).map((r) => r.receivedAtMs);
    received.slice(1).forEach((t, i) => expect(t - (received[i] ?? 0)).toBeGreaterThanOrEqual(1000));
    const journal = await h.journal();
    expect(entriesOf(journal, 'command.created').find((e) => e.commandId === cId)?.supersedes).toEqual([aId]);
    expect(
      entriesOf(journal, 'command.outcome')
        .filter((e) => e.commandId === aId)
        .map((e) => [e.state, e.detail]),
    ).toEqual([
      ['confirmed', 'response code 0'],
      ['superseded', `superseded by ${cId}`],
    ]);
    const released = await h.service.release(serial);
    expect(released[0]).toMatchObject({ serial, commandIds: [bId, cId] });
  });

  it('enforces a reason for bulk and the typed number of homes above the threshold, in the core', async () => {
    const h = await harness({ controllers: 3, control: { thresholds: { homes: 2, totalW: 1_000_000 } } });
    const cmd: ControlCommand = {
      kind: 'live',
      hold: false,
      command: { storage: { policy: 'self-consumption' } },
    };
    expect(await h.service.send(h.serials, cmd)).toMatchObject({ ok: false, code: 'reason-required' });
    expect(await h.service.send(h.serials, cmd, { reason: 'peak test' })).toMatchObject({
      ok: false,
      code: 'confirmation-required',
      reason: expect.stringContaining('Type the number of homes (3)'),
    });
    expect(
      await h.service.send(h.serials, cmd, { reason: 'peak test', confirmation: { typedHomes: 30 } }),
    ).toMatchObject({ ok: false, code: 'confirmation-mismatch' });
    expect(h.publishes).toEqual([]);
    const sent = await h.service.send(h.serials, cmd, {
      reason: 'peak test',
      confirmation: { typedHomes: 3 },
    });
    expect(sent.ok && sent.results.every((r) => r.ok)).toBe(true);
    const created = entriesOf(await h.journal(), 'command.created');
    expect(created.map((e) => [e.reason, e.actor])).toEqual(Array(3).fill(['peak test', OPERATOR]));
  });
  it('follows the limits in Settings at once: the confirmation thresholds and the fleet-wide rate', async () => {
    const limits = { globalPerSecond: 2, thresholds: { homes: 3, totalW: 1_000_000_000 } };
    const h = await harness({ controllers: 12, limits: () => limits });
    const [first, second] = [h.serials.slice(0, 6), h.serials.slice(6)];
    const cmd: ControlCommand = { kind: 'live', hold: false, command: { storage: { policy: 'cost' } } };
    expect(h.service.dryRun(first, cmd).confirmation).toMatchObject({ kind: 'typed-homes', homes: 6 });
    limits.thresholds = { homes: 10, totalW: 1_000_000_000 };
    expect(h.service.dryRun(first, cmd).confirmation).toEqual({ kind: 'none' });

    // Two publishes a second: six targets take three seconds' windows.
    const slow = await h.service.send(first, cmd, { reason: 'rate test' });
    expect(slow.ok && slow.results.every((r) => r.ok)).toBe(true);
    await waitFor('six publishes', () => h.publishes.length >= 6, 10_000);
    const spread = (list: typeof h.publishes) => list.at(-1)!.at - list[0]!.at;
    expect(spread(h.publishes)).toBeGreaterThanOrEqual(1900);

    // Raised in Settings: the next send (to six other controllers, so their own pacing is not
    // involved) goes out at once.
    limits.globalPerSecond = 1000;
    const fast = await h.service.send(second, cmd, { reason: 'rate test' });
    expect(fast.ok && fast.results.every((r) => r.ok)).toBe(true);
    await waitFor('six more publishes', () => h.publishes.length >= 12, 10_000);
    expect(spread(h.publishes.slice(6))).toBeLessThan(900);
  });

  it('sends a bulk command in audit batches: every target gets it once, each journaled before it arrives, all confirmed', async () => {
    const h = await harness({ controllers: 7, control: { auditBatch: 3 } });
    const cmd: ControlCommand = { kind: 'live', hold: false, command: { storage: { policy: 'cost' } } };
    const sent = await h.service.send(h.serials, cmd, {
      reason: 'batch test',
      confirmation: { typedHomes: 7 },
    });
    if (!sent.ok) throw new Error(sent.reason);
    expect(sent.results.map((r) => r.serial).sort()).toEqual([...h.serials].sort());
    expect(sent.results.every((r) => r.ok)).toBe(true);
    expect(h.publishes.map((p) => p.topic).sort()).toEqual(
      h.serials.map((s) => `standard1/rp_one_s/remoteControlMetrics/${s}`).sort(),
    );
    const views = await Promise.all(sent.results.map((r) => (r.ok ? h.service.settled(r.commandId) : null)));
    expect(views.map((v) => v?.state.state)).toEqual(Array(7).fill('confirmed'));
    const journal = await h.journal();
    expect(entriesOf(journal, 'command.created')).toHaveLength(7);
    expect(unaudited(h.records, journal)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { ControlCommand } from '../../shared/domain/control/dry-run';
import { fakeService, flush, run } from './support/fake-port-harness';

const held = (w: number): ControlCommand => ({
  kind: 'live',
  hold: true,
  command: { storage: { policy: 'setpoint', setpointW: w } },
});
const carries = (w: number) => (p: { payload: string }) =>
  p.payload.includes(`"storage_power_setpoint_W":${w}`);

/** A held 2000 W command to the first serial, confirmed; returns its id. */
async function inForce(h: ReturnType<typeof fakeService>): Promise<string> {
  const serial = h.serials[0]!;
  const sent = await h.service.send([serial], held(2000));
  const id = sent.ok && sent.results[0]?.ok === true ? sent.results[0].commandId : '';
  h.confirmStorage(serial, 2000);
  expect(h.service.command(id)?.state.state).toBe('confirmed');
  return id;
}

describe('a command is nothing to the controller until its audit record is durable', () => {
  it('release while it is being recorded: release works, and the command is never sent', async () => {
    const h = fakeService();
    const serial = h.serials[0]!;
    const gate = h.holdCommits();
    const sending = h.service.send([serial], held(2000));
    await flush(10);
    expect(h.service.commands(serial).map((c) => c.state.state)).toEqual(['draft']);

    const released = await h.service.release(serial);
    expect(released.map((r) => r.serial)).toEqual([serial]);
    gate.release();
    const result = await sending;
    expect(result.ok && result.results[0]).toMatchObject({
      ok: false,
      reason: expect.stringContaining('released'),
    });
    await run(h.clock, 25_000, 500);
    expect(h.publishes).toEqual([]);
    expect(h.service.lease(serial)).toBeUndefined();
    // Its creation and then its outcome are in the journal, in that order.
    const mine = h.journal.filter((d) => d.type === 'command.created' || d.type === 'command.outcome');
    expect(mine.map((d) => [d.type, 'state' in d ? d.state : undefined])).toEqual([
      ['command.created', undefined],
      ['command.outcome', 'failed'],
    ]);
    h.service.stop();
  });

  it('an audit write that fails leaves the command in force, held and refreshed', async () => {
    const h = fakeService();
    const serial = h.serials[0]!;
    const a = await inForce(h);
    await run(h.clock, 2000);
    const gate = h.holdCommits();
    const second = h.service.send([serial], held(3000));
    await run(h.clock, 1500);
    gate.fail(new Error('disk full'));
    const r = await second;
    expect(r.ok && r.results[0]?.ok).toBe(false);
    await flush();
    expect(h.service.command(a)?.state.state).toBe('confirmed');
    expect(h.service.lease(serial)).toMatchObject({ status: 'held', commandIds: [a] });
    const before = h.publishes.length;
    await run(h.clock, 25_000, 500);
    expect(h.publishes.slice(before).filter(carries(2000)).length).toBeGreaterThan(0);
    expect(h.publishes.filter(carries(3000))).toEqual([]);
    h.service.stop();
  });

  it('a refresh due while a new command is being recorded re-sends the command in force, not the new one', async () => {
    const h = fakeService();
    const serial = h.serials[0]!;
    await inForce(h);
    await run(h.clock, 19_500, 100); // the refresh is due at +20 s
    const gate = h.holdCommits();
    const sending = h.service.send([serial], held(3000));
    await run(h.clock, 2000, 50); // a slow fsync, over the refresh time
    expect(h.publishes.filter(carries(2000)).length).toBe(2); // the command and its refresh
    expect(h.publishes.filter(carries(3000))).toEqual([]);
    gate.fail(new Error('disk full'));
    expect((await sending).ok).toBe(true);
    await flush(10);
    expect(h.publishes.filter(carries(3000))).toEqual([]);
    h.service.stop();
  });

  it('a slow audit write does not bring the first refresh closer to the command than the pacing gap', async () => {
    const h = fakeService({ installations: { 'SG1-000001': { fallbackTimeoutSeconds: 3 } } });
    const serial = h.serials[0]!;
    const gate = h.holdCommits();
    const sending = h.service.send([serial], held(2000));
    await run(h.clock, 600, 50); // the pacing slot was granted before this wait
    gate.release();
    await sending;
    h.confirmStorage(serial, 2000);
    await run(h.clock, 5_000, 50); // refreshes every second (a third of 3 s, at least 1 s)
    const times = h.publishes.map((p) => p.at);
    expect(times.length).toBeGreaterThanOrEqual(4);
    // 1.1 s (DEFAULT_CONTROL_OPTIONS.perControllerMs): a second plus room for delivery jitter, so
    // the controller never sees two within a second.
    expect(Math.min(...times.slice(1).map((t, i) => t - times[i]!))).toBeGreaterThanOrEqual(1100);
    h.service.stop();
  });

  it('a command whose audit write outlasts its validity is not sent late', async () => {
    const h = fakeService({ installations: { 'SG1-000001': { fallbackTimeoutSeconds: 6 } } });
    const serial = h.serials[0]!;
    const gate = h.holdCommits();
    const sending = h.service.send([serial], held(2000));
    await flush(10);
    const [draft] = h.service.commands(serial);
    await run(h.clock, 6000, 100); // the fsync stalls longer than the command is valid
    gate.release();
    const result = await sending;
    expect(result.ok && result.results[0]).toMatchObject({
      ok: false,
      reason: expect.stringContaining('longer to write than the command was valid'),
    });
    expect(h.publishes).toEqual([]);
    expect(h.service.command(draft!.commandId)?.state).toMatchObject({
      state: 'failed',
      detail: expect.stringContaining('validity ran out'),
    });
    h.service.stop();
  });
});

import { describe, expect, it } from 'vitest';
import type { ControlCommand } from '../../shared/domain/control/dry-run';
import type { JournalDraft } from '../../shared/domain/inventory/journal-entry';
import { fakeService, run } from './support/fake-port-harness';

const setpoint: ControlCommand = {
  kind: 'live',
  hold: true,
  command: { storage: { policy: 'setpoint', setpointW: 2000 } },
};
const [A, B] = ['SG1-000001', 'SG1-000002'];

type Refused = Extract<JournalDraft, { type: 'command.refused' }>;

describe('targets of a rollout refused at send time', () => {
  it("journals each target's own reason, not the first target's", async () => {
    const h = fakeService({ serials: [A!, B!] });
    const started = await h.service.startRollout([A!, B!], setpoint, { reason: 'evening peak' });
    if (!started.ok) throw new Error(started.reason);
    // Between the dry-run and the send: A is offboarded; B re-onboards with a 1 kW battery.
    const a = h.installs.get(A!)!;
    h.installs.set(A!, { ...a, onboarding: { state: 'offboarded', since: 0 } as never });
    const b = h.installs.get(B!)!;
    h.installs.set(B!, { ...b, devices: [{ type: 'storage', nominalPowerW: 1000, capacityWh: 2000 }] });
    await run(h.clock, 2000);

    const grid = Object.fromEntries(started.rollout.targets().map((t) => [t.serial, t.detail]));
    expect(grid[B!]).toMatch(/outside the storage rating/);

    const refused = h.journal.filter((e): e is Refused => e.type === 'command.refused');
    const reasonFor = (serial: string) =>
      refused.filter((e) => e.targets.includes(serial)).map((e) => e.reason);
    expect(reasonFor(A!).join(' | ')).toMatch(/offboarded/);
    // The audit trail (Activity, the timeline, the rebuilt grid) must say why B was refused.
    expect(reasonFor(B!).join(' | ')).toMatch(/outside the storage rating/);
    h.service.stop();
  });
});

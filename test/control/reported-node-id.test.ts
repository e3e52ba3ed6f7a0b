/**
 * The node id in every command is the one the controller reported at onboarding (`siteNodeId`),
 * when it did: the profile's template (`{serial}_site_0`) is inferred, and a controller refuses a
 * command addressed to another node (the simulator does: command-parser.ts). Without a report, the
 * template's.
 */
import { describe, expect, it } from 'vitest';
import type { ControlCommand } from '../../shared/domain/control/dry-run';
import { fakeService, flush, run } from './support/fake-port-harness';

const SERIAL = 'SG1-000001';
const hold: ControlCommand = {
  kind: 'live',
  hold: true,
  command: { storage: { policy: 'setpoint', setpointW: 2000 } },
};
const nodeIdOf = (payload: string) =>
  (JSON.parse(payload) as { extraTags: { nodeId: string } }).extraTags.nodeId;

describe('the node id commands carry', () => {
  it('is the reported site node id in the dry-run, the command and every lease refresh', async () => {
    const h = fakeService({
      installations: { [SERIAL]: { siteNodeId: `${SERIAL}_site_7`, fallbackTimeoutSeconds: 3 } },
    });
    const preview = h.service.dryRun([SERIAL], hold);
    expect(nodeIdOf(preview.targets[0]?.message?.payload ?? '{}')).toBe(`${SERIAL}_site_7`);

    const sent = await h.service.send([SERIAL], hold);
    expect(sent.ok).toBe(true);
    await run(h.clock, 2500);
    await flush();
    expect(h.publishes.length).toBeGreaterThanOrEqual(2);
    expect(h.publishes.map((p) => nodeIdOf(p.payload))).toEqual(h.publishes.map(() => `${SERIAL}_site_7`));
    h.service.stop();
  });

  it("is the profile's template when the controller reported none", async () => {
    const h = fakeService({ installations: { [SERIAL]: { siteNodeId: null } } });
    await h.service.send([SERIAL], hold);
    await flush();
    expect(nodeIdOf(h.publishes[0]?.payload ?? '{}')).toBe(`${SERIAL}_site_0`);
    h.service.stop();
  });
});

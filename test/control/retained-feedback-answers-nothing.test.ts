/**
 * A retained feedback message the broker replays at (re)subscription is old, whatever it says: it
 * must not confirm (or reject) a command sent just before it arrived.
 */
import { describe, expect, it } from 'vitest';
import { fakeService } from './support/fake-port-harness';

describe('retained feedback and commands', () => {
  it('a replayed message showing the setpoint confirms nothing; the controller’s own answer does', async () => {
    const h = fakeService();
    const serial = h.serials[0]!;
    const sent = await h.service.send([serial], {
      kind: 'live',
      hold: true,
      command: { storage: { policy: 'setpoint', setpointW: 2000 } },
    });
    const id = sent.ok && sent.results[0]?.ok === true ? sent.results[0].commandId : '';
    const body = {
      time: Math.floor(h.clock.now() / 1000) - 86_400,
      fields: { state: { storage: { active_power_W: 2000, mean_soc_perc: 50 } }, response_code: 0 },
    };
    h.feedback(serial, body, true);
    h.feedback(serial, body, true);
    h.feedback(serial, { ...body, fields: { ...body.fields, response_code: 5 } }, true);
    expect(h.service.command(id)?.state.state).toBe('accepted');

    h.confirmStorage(serial, 2000);
    expect(h.service.command(id)?.state.state).toBe('confirmed');
    h.service.stop();
  });
});

import { describe, expect, it } from 'vitest';
import type { ControlCommand } from '../../shared/domain/control/dry-run';
import { observe } from '../broker/support/links';
import { waitFor } from '../simulator/wait-for';
import { useBrokerHarnesses } from './support/broker-harnesses';

const suite = useBrokerHarnesses(7100);

const hold: ControlCommand = {
  kind: 'live',
  hold: true,
  command: { storage: { policy: 'setpoint', setpointW: 600 } },
};

describe('MQTT 5 message expiry on lease refreshes', () => {
  it('a lease refresh carries an MQTT 5 message expiry matching its validUntil, like the command', async () => {
    // Fallback 3 s: a refresh every second.
    const h = await suite.harness(1, { fleet: { fallbackTimeoutS: 3 } });
    const [serial] = h.serials as [string];
    const topic = `standard1/rp_one_s/remoteControlMetrics/${serial}`;
    const wire = await observe(suite.broker().url, [topic], 5);
    const sent = await h.service.send([serial], hold);
    const id = sent.ok && sent.results[0]?.ok === true ? sent.results[0].commandId : '';
    expect((await h.service.settled(id)).state.state).toBe('confirmed');
    const refresh = await waitFor('a refresh on the wire', () =>
      wire.received.find((m) => String(JSON.parse(m.payload).commandId).startsWith(`${id}.r`)),
    );
    await wire.close();
    const body = JSON.parse(refresh.payload) as { time: number; validUntil: number };
    const lifetimeS = body.validUntil - body.time;
    expect(
      refresh.packet.properties?.messageExpiryInterval,
      'refresh published without MQTT 5 expiry',
    ).toBeDefined();
    expect(refresh.packet.properties?.messageExpiryInterval).toBeGreaterThanOrEqual(lifetimeS - 1);
    expect(refresh.packet.properties?.messageExpiryInterval).toBeLessThanOrEqual(lifetimeS + 1);
    await h.service.release('all', 'test over');
  });
});

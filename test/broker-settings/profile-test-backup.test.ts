import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../electron/core/clock';
import { createLogger } from '../../electron/core/logger';
import { testProfile } from '../../electron/core/broker/profile-test';
import { BrokerProfileSchema } from '../../shared/domain/broker/broker-profile';
import { startMosquitto, type MosquittoBroker } from '../support/mosquitto';
import { freePort } from '../support/net';

let broker: MosquittoBroker;
beforeAll(async () => {
  broker = await startMosquitto();
});
afterAll(() => broker.stop());

/** Port 80 cannot be bound in a test: the backup port points at the test broker instead. */
const deps = (backupPort: number) => ({
  clock: systemClock,
  log: createLogger('silent'),
  secrets: { get: () => Promise.resolve(undefined) },
  clientId: 'fleetdesk-0123456789ab',
  backupPort,
});

describe('testing a profile whose primary port is unreachable', () => {
  it('offers the backup port when it answers', async () => {
    const dead = await freePort();
    const profile = BrokerProfileSchema.parse({ id: 'p', name: 'P', url: `mqtt://127.0.0.1:${dead}` });
    const result = await testProfile(profile, deps(broker.port));
    expect(result.ok).toBe(true);
    expect(result.offerBackupUrl).toBe(`mqtt://127.0.0.1:${broker.port}`);
    expect(result.attempts.map((a) => a.ok)).toEqual([false, true]);
    expect(result.summary).toMatch(
      /connection refused.*The port-80 backup mqtt:\/\/127\.0\.0\.1:\d+ answered/,
    );
  });

  it('offers nothing when the backup does not answer either', async () => {
    const profile = BrokerProfileSchema.parse({
      id: 'p',
      name: 'P',
      url: `mqtt://127.0.0.1:${await freePort()}`,
    });
    const result = await testProfile(profile, deps(await freePort()));
    expect(result.ok).toBe(false);
    expect(result.offerBackupUrl).toBeNull();
    expect(result.attempts).toHaveLength(2);
  });
});
